/**
 * Runs a parsed query against the library, read-only, fast enough to follow every keystroke at
 * 50,000 papers.
 *
 * Why Dexie's own indexes and not MiniSearch or a persisted index: the `words` multi-entry index
 * (the `terms` store, keyed by the paper's id) is kept by the background, at most a flush behind
 * the papers (library/terms.ts), and costs the popup nothing to load; an in-memory index would have to be rebuilt from every row (or a
 * persisted one deserialized, tens of MB at 50,000 papers) each time the popup opens, which alone
 * blows the 200 ms first-paint budget. Prefix search is a key range on that index (`startsWith`).
 *
 * Measured in Chromium (50,000 generated papers): what costs is the number of IndexedDB entries
 * touched, roughly 1 (index key) : 8 (whole row, abstract included), and IndexedDB's count() walks
 * its range entry by entry, so a planner must not count big ranges either. Every plan below is
 * therefore bounded in entries touched, whatever the library size:
 *
 *  1. No filter → walk the sort index and stop at `limit` (the default view reads what it shows).
 *  2. Otherwise each indexable condition (word prefix, id, "on this tab", time range, tag, starred,
 *     site, year, state) is a key range, tried most-selective-looking first (longest word first):
 *     its primary keys are fetched, keys only, capped at `keyCap`. A range over the cap is "dense"
 *     and skipped; the others are intersected until the candidate set is small. The first
 *     conditions (up to `wideFetches` of them; words of two letters or more, non-word ranges) get
 *     the larger `firstKeyCap`: see PLANNER.firstKeyCap for why.
 *       a. ≤ rowCap candidates → read them, check exactly in memory, sort. Exact total.
 *       b. more → walk the sort index keys only, keep candidates in order, read just the first
 *          `limit` of them.
 *  3. Every condition dense (a one-letter prefix, `is:seen`) → matches are common, so walking the
 *     sort index with the exact check finds `limit` of them in a few rows; the walk is capped at
 *     `scanCap` rows and then reports "more" (the list asks for more as the user scrolls).
 *
 * Abstracts are not in `words` (they would multiply the index ~20× for little gain), so a word
 * found only in an abstract cannot come from an index: `searchAbstracts` is a separate, slower
 * pass that scans the table in small chunks and returns only the papers that match *because of*
 * their abstract. The UI shows the fast results first and appends these when they arrive.
 */
import type { PaperdexDb, Sighting, StoredPaper } from '../library/db';
import { sightingsOf } from '../library/sightings';
import { ADAPTER_SITES } from './sites';
import { tokenize } from './tokenize';
import type { ParsedQuery } from './query';

export { ADAPTER_SITES };

export type SortKey = 'lastSeen' | 'firstSeen' | 'seenCount' | 'year' | 'title';

export const SORT_KEYS: readonly SortKey[] = [
  'lastSeen',
  'firstSeen',
  'seenCount',
  'year',
  'title',
];

export interface SearchOptions {
  sort?: SortKey;
  /** How many rows to return (one more is read to know whether there are more). */
  limit?: number;
  /** Only papers last seen at or after this time (the time-range chip). */
  since?: number;
  /** Only these primary ids (the "on this tab" chip). */
  onlyIds?: readonly string[];
  /** Only papers met on any of these site ids (the site chip, which groups generic adapters). */
  sources?: readonly string[];
}

export interface SearchResult {
  papers: StoredPaper[];
  /** Exact number of matches when it was known without extra reads. */
  total?: number;
  /** There are matches beyond `papers`. */
  more: boolean;
  /** Which plan ran, for tests and the bench; 'snapshot' is the popup's remembered first page. */
  plan: 'recent' | 'candidates' | 'walk' | 'scan' | 'none' | 'abstracts' | 'snapshot';
}

const DEFAULT_LIMIT = 200;
/** Candidate rows in memory needed before their share of matches steers the planner. */
const PROBE_MIN = 20;

/** The planner's thresholds; mutable only so that tests can force each plan on a small library. */
export const PLANNER = {
  /** Primary keys fetched per condition before it counts as dense (keys only: cheap). */
  keyCap: 600,
  /**
   * The cap for the condition that starts the candidate set. Words common enough to pass 600
   * keys ("graph", "quantum", "diffusion": 2–4 % of a 50,000-paper library each) otherwise fell
   * to the scan, which reads whole rows (abstracts included) until it has `limit` matches: ~1,000
   * rows for a 50-row page at 3–5 % density, and then the list widened and read more. Measured in
   * Chromium at 50,000 papers (busy 2-core machine, medians): "graph" 968 → 90–143 ms,
   * "quantum" 467 → 124 ms, "qu" 778 → 133 ms, "quantum spin" 672 ms (0 rows shown, scan capped)
   * → 93 ms (its 28 matches, exact). One-letter prefixes stay at `keyCap`: they name most of
   * the library, so fetching 8,000 keys only to find the range dense cost more than the scan,
   * which finds their (common) matches in a few rows.
   */
  firstKeyCap: 8_000,
  /**
   * Conditions that may use `firstKeyCap`, while the set still needs narrowing: two, so that
   * "quantum spin" intersects its two common words (1,458 and 1,162 papers → 28) instead of
   * reading all 1,458 "quantum" rows to find its 28 with a "spin".
   */
  wideFetches: 2,
  /**
   * What reading a whole row costs, in index keys read: 100 rows took 14.5 ms and 1,984 keys
   * 52 ms (Chromium, 50,000 papers, busy machine): ~5.
   */
  rowCost: 5,
  /** Candidates read as whole rows; above this, plan 2b reads only the ones it shows. */
  rowCap: 300,
  /** Rows a dense-query walk reads before it stops and reports "more", per 100 rows asked. */
  scanCapPer100: 1_000,
  /** Dense conditions tried before giving up on candidates (bounds wasted key reads). */
  maxDense: 3,
  /** Rows per read in the abstract scan: the unit of cancellation and of latency added to typing. */
  abstractChunk: 250,
};

interface SortSpec {
  index: string;
  desc: boolean;
  value: (p: StoredPaper) => string | number | undefined;
}

// Title order uses `titleKey` (normalized, lower case) so that "mixup" sorts among the m's and the
// index order and the in-memory order are the same (both compare code units).
const SORTS: Record<SortKey, SortSpec> = {
  lastSeen: { index: 'lastSeen', desc: true, value: (p) => p.lastSeen },
  firstSeen: { index: 'firstSeen', desc: true, value: (p) => p.firstSeen },
  seenCount: { index: 'seenCount', desc: true, value: (p) => p.seenCount },
  year: { index: 'year', desc: true, value: (p) => p.year },
  title: { index: 'titleKey', desc: false, value: (p) => p.titleKey },
};

/** Same order as the index walk: missing values last, ties by primary key in walk direction. */
export function comparePapers(sort: SortKey): (a: StoredPaper, b: StoredPaper) => number {
  const s = SORTS[sort];
  const dir = s.desc ? -1 : 1;
  return (a, b) => {
    const va = s.value(a);
    const vb = s.value(b);
    if (va === undefined || vb === undefined) {
      if (va !== vb) return va === undefined ? 1 : -1;
    } else if (va !== vb) {
      return va < vb ? -dir : dir;
    }
    return a.id === b.id ? 0 : a.id < b.id ? -dir : dir;
  };
}

// ---------------------------------------------------------------------------------------------
// Exact matching, in memory

/** `text` (lower case) has a word starting with `prefix`. */
function hasWordPrefix(text: string, prefix: string): boolean {
  let i = text.indexOf(prefix);
  while (i !== -1) {
    if (i === 0 || !/[\p{L}\p{N}]/u.test(text[i - 1]!)) return true;
    i = text.indexOf(prefix, i + 1);
  }
  return false;
}

function normalizedAbstract(p: StoredPaper): string {
  const a = p.abstract;
  if (!a) return '';
  // Full tokenization of every abstract is the expensive part of the scan; only non-ASCII text
  // needs the diacritic folding that tokenize() does.
  // eslint-disable-next-line no-control-regex
  return /[^\x00-\x7f]/.test(a) ? tokenize(a).join(' ') : a.toLowerCase();
}

/** Tokens of a text joined by single spaces, with a leading space so phrases match at word starts. */
function joined(text: string | undefined): string {
  return text ? ' ' + tokenize(text).join(' ') : '';
}

function phraseText(p: StoredPaper, withAbstract: boolean): string {
  const parts = [p.title, ...p.authors, p.venue ?? '', ...p.tags, p.note];
  if (withAbstract && p.abstract) parts.push(p.abstract);
  // A separator that no token contains keeps a phrase from spanning two fields.
  return parts.map(joined).join(' \u0000');
}

export interface MatchContext {
  /** For each `site:` term, the stored source ids it stands for. */
  sites: string[][];
}

/** The site ids a `site:` value stands for, among the ones stored. */
export function siteMatches(value: string, known: readonly string[]): string[] {
  return known.filter(
    (s) =>
      s === value || s.startsWith(value) || s.split('-').some((part) => part.startsWith(value)),
  );
}

type Matcher = (p: StoredPaper) => boolean;

function filterMatcher(q: ParsedQuery, opts: SearchOptions, ctx: MatchContext): Matcher {
  const only = opts.onlyIds ? new Set(opts.onlyIds) : null;
  const ids = q.ids.length ? new Set(q.ids) : null;
  return (p) => {
    if (only && !only.has(p.id)) return false;
    if (opts.since !== undefined && !(p.lastSeen >= opts.since)) return false;
    if (q.starred !== undefined && (p.starred === 1) !== q.starred) return false;
    if (q.state !== undefined && p.state !== q.state) return false;
    if (q.yearMin !== undefined || q.yearMax !== undefined) {
      if (p.year === undefined) return false;
      if (q.yearMin !== undefined && p.year < q.yearMin) return false;
      if (q.yearMax !== undefined && p.year > q.yearMax) return false;
    }
    if (ids && !p.ids.some((i) => ids.has(i))) return false;
    for (const t of q.tags) if (!p.tags.some((x) => x.toLowerCase().startsWith(t))) return false;
    for (const group of ctx.sites) if (!p.sources.some((s) => group.includes(s))) return false;
    return true;
  };
}

/** Free words, phrases and author terms; abstracts count only when `withAbstract`. */
function textMatcher(q: ParsedQuery, withAbstract: boolean): Matcher {
  const phrases = q.phrases.map((t) => ' ' + t.join(' '));
  const authors = q.authors.map((t) => ' ' + t.join(' '));
  return (p) => {
    let abstract: string | undefined;
    for (const w of q.words) {
      if (p.words.some((x) => x.startsWith(w))) continue;
      if (!withAbstract) return false;
      abstract ??= normalizedAbstract(p);
      if (!hasWordPrefix(abstract, w)) return false;
    }
    if (phrases.length) {
      const text = phraseText(p, withAbstract);
      for (const ph of phrases) if (!text.includes(ph)) return false;
    }
    for (const a of authors) if (!p.authors.some((name) => joined(name).includes(a))) return false;
    return true;
  };
}

export function hasTextTerms(q: ParsedQuery): boolean {
  return q.words.length > 0 || q.phrases.length > 0 || q.authors.length > 0;
}

// ---------------------------------------------------------------------------------------------
// Index sources

interface Source {
  /** Names the range exactly (values included): the key of its keys in a SearchCache. */
  name: string;
  /** An in-memory list: nothing to remember. */
  listed?: boolean;
  /** May start the candidate set with `firstKeyCap` keys (see PLANNER). */
  wide?: boolean;
  /** Primary keys in the range, or null when there are more than `cap` (the range is dense). */
  keys: (cap: number) => Promise<string[] | null>;
}

type PaperCollection = ReturnType<PaperdexDb['papers']['toCollection']>;
type TermsCollection = ReturnType<PaperdexDb['terms']['toCollection']>;

function collectionSource(
  name: string,
  make: () => PaperCollection | TermsCollection,
  wide = true,
): Source {
  return {
    name,
    wide,
    keys: async (cap) => {
      const keys = await make()
        .limit(cap + 1)
        .primaryKeys();
      return keys.length > cap ? null : keys;
    },
  };
}

function listSource(name: string, ids: readonly string[]): Source {
  return { name, listed: true, keys: async () => [...ids] };
}

/** Tokens of phrases and author terms are in `words` too: all but the last are whole words. */
function termTokens(terms: string[][]): Array<{ token: string; whole: boolean }> {
  const out: Array<{ token: string; whole: boolean }> = [];
  for (const t of terms) t.forEach((token, i) => out.push({ token, whole: i < t.length - 1 }));
  return out;
}

/**
 * Indexable conditions, most selective-looking first: exact id lists, then words (a longer
 * prefix names fewer words; a whole word fewer than a prefix), then flags and ranges that are
 * usually narrow (a time range, a tag, starred), then the usually broad ones.
 */
function buildSources(
  db: PaperdexDb,
  q: ParsedQuery,
  opts: SearchOptions,
  ctx: MatchContext,
  withWords: boolean,
): Source[] {
  const p = db.papers;
  // Keyed by the paper's primary id like `papers`, so its keys join the other sources' directly.
  const t = db.terms;
  const out: Source[] = [];
  if (opts.onlyIds) out.push(listSource('onTab', opts.onlyIds));
  if (q.ids.length) {
    out.push(collectionSource(`ids:${q.ids.join(' ')}`, () => p.where('ids').anyOf(q.ids)));
  }
  if (withWords) {
    const words = new Map<string, { token: string; whole: boolean }>();
    for (const w of q.words) words.set('^' + w, { token: w, whole: false });
    for (const t of termTokens([...q.phrases, ...q.authors])) {
      words.set((t.whole ? '=' : '^') + t.token, t);
    }
    const ranked = [...words.values()].sort(
      (a, b) => b.token.length + (b.whole ? 2 : 0) - (a.token.length + (a.whole ? 2 : 0)),
    );
    for (const { token, whole } of ranked) {
      out.push(
        collectionSource(
          `word:${whole ? '=' : '^'}${token}`,
          () => (whole ? t.where('words').equals(token) : t.where('words').startsWith(token)),
          whole || token.length >= 2,
        ),
      );
    }
  }
  if (opts.since !== undefined) {
    const since = opts.since;
    out.push(collectionSource(`since:${since}`, () => p.where('lastSeen').aboveOrEqual(since)));
  }
  for (const t of q.tags) {
    out.push(collectionSource(`tag:${t}`, () => p.where('tags').startsWithIgnoreCase(t)));
  }
  if (q.starred === true) out.push(collectionSource('starred', () => p.where('starred').equals(1)));
  for (const group of ctx.sites) {
    out.push(collectionSource(`site:${group.join('|')}`, () => p.where('sources').anyOf(group)));
  }
  if (q.yearMin !== undefined || q.yearMax !== undefined) {
    const lo = q.yearMin ?? -Infinity;
    const hi = q.yearMax ?? Infinity;
    out.push(
      collectionSource(`year:${lo}..${hi}`, () => p.where('year').between(lo, hi, true, true)),
    );
  }
  if (q.state !== undefined) {
    const v = q.state;
    out.push(collectionSource(`state:${v}`, () => p.where('state').equals(v)));
  }
  if (q.starred === false)
    out.push(collectionSource('unstarred', () => p.where('starred').equals(0)));
  return out;
}

function intersect(a: ReadonlySet<string>, b: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const k of b) if (a.has(k)) out.add(k);
  return out;
}

/** Intersects the bounded sources; null when every one tried was dense. */
async function candidates(
  sources: Source[],
  signal?: AbortSignal,
  cache?: SearchCache,
  probe?: (set: Set<string>) => number,
  used: string[] = [],
): Promise<Set<string> | null> {
  const start = cache?.narrowest(sources);
  let set: Set<string> | null = start ? new Set(start.set) : null;
  if (start) used.push(...start.names);
  let listed = false;
  let dense = 0;
  let wideLeft = PLANNER.wideFetches;
  for (const s of sources) {
    if (set && set.size <= PLANNER.rowCap) break;
    if (dense >= PLANNER.maxDense && !set) break;
    signal?.throwIfAborted();
    const wide = wideLeft > 0 && !!s.wide && PLANNER.firstKeyCap > PLANNER.keyCap;
    if (wide) wideLeft--;
    let cap = wide ? PLANNER.firstKeyCap : PLANNER.keyCap;
    if (set && probe) {
      // Narrowing further costs up to `cap` keys; walking the set costs the rows it reads. When
      // the rows in memory say the walk is the cheaper, cap the fetch at the walk's cost: a
      // range above it counts as dense (then at most twice the cheaper cost is spent).
      const rows = probe(set);
      if (rows <= 0) break;
      cap = Math.min(cap, Math.ceil(rows * PLANNER.rowCost));
    }
    const keys = cache && !s.listed ? await cache.keys(s, cap) : await s.keys(cap);
    if (!keys) {
      dense++;
      continue;
    }
    set = set ? intersect(set, keys) : new Set(keys);
    used.push(s.name);
    listed ||= !!s.listed;
    if (set.size === 0) break;
  }
  // A list source's name does not say which ids it held: such a set is not for later queries.
  if (cache && set && !listed && used.length) cache.rememberCandidates(used, set);
  return set;
}

/**
 * Every paper source `p` names also satisfies source `q`: the same range, or a word prefix that
 * `q` extends ("^quantu" holds every paper of "^quantum" and of "=quantum").
 */
function implies(q: string, p: string): boolean {
  if (q === p) return true;
  if (!p.startsWith('word:^') || !q.startsWith('word:')) return false;
  return q.slice('word:^'.length).startsWith(p.slice('word:^'.length));
}

// ---------------------------------------------------------------------------------------------
// What a page remembers between queries

/** Rows a SearchCache keeps before it starts over (a few MB with abstracts). */
const CACHED_ROWS_MAX = 3_000;
/** Candidate sets remembered for the keystrokes that follow. */
const CANDIDATE_SETS = 16;
/** Keys of the sort order read at first; each further read doubles what is known. */
const ORDER_FIRST = 2_000;

interface HeadMatches {
  rows: StoredPaper[];
  /** Rows looked at (candidates only, when among candidates). */
  seen: number;
  exhausted: boolean;
}

interface OrderPrefix {
  /** The first primary keys of the sort index's walk, exactly. */
  keys: string[];
  /** `keys` is the whole walk. */
  complete: boolean;
}

/**
 * What a page remembers between the queries of one database version. Each keystroke asked
 * IndexedDB again for what the previous one had just read (the keys of "quantum" while
 * "quantum spin" is typed, the first screen of rows, the sort index up to the first matches),
 * each read a round trip to the browser process and a structured-clone copy: at 50,000 papers in
 * Chromium those repeated reads were most of a keystroke's ~230 ms (2 busy cores).
 *
 * Remembered: the primary keys of each index range asked (or that it was dense at that cap), the
 * last candidate sets (intersections) with the ranges they came from, rows by primary key, and the start of each sort order as primary keys, read in doubling steps as far
 * as queries needed it (not all of it at once: on a busy machine reading all 50,000 keys took 1–7 s,
 * during which IndexedDB answers nothing else).
 *
 * Valid for one database version only: any write anywhere must start a new cache (useSearch keys
 * it by the storagemutated counter), since anything remembered may be stale after it.
 */
export class SearchCache {
  private readonly ranges = new Map<string, { cap: number; keys: string[] | null }>();
  private readonly papers = new Map<string, StoredPaper | undefined>();
  private readonly orders = new Map<SortKey, OrderPrefix>();
  private readonly reading = new Map<SortKey, Promise<OrderPrefix>>();
  private readonly sets: Array<{ names: string[]; set: Set<string> }> = [];
  /** Set by the first query: the idle warm-up (`warm`) stops at its next step. */
  private warmStopped = false;

  constructor(private readonly db: PaperdexDb) {}

  /**
   * A query has started: the warm-up must not go on reading. IndexedDB answers one request after
   * another, so a keystroke typed while the popup was still warming waited for all of the warm-up's
   * reads: the first "g" took 330–440 ms at 50,000 papers in Chromium, and 10–20 ms once the
   * warm-up had finished. The query reads what it needs itself, remembered rows still free.
   */
  stopWarming(): void {
    this.warmStopped = true;
  }

  /** A source's keys at `cap`, from what an earlier query fetched when that answers it. */
  async keys(source: Source, cap: number): Promise<string[] | null> {
    const known = this.ranges.get(source.name);
    if (known) {
      if (known.keys) return known.keys.length > cap ? null : known.keys;
      if (cap <= known.cap) return null;
    }
    const keys = await source.keys(cap);
    this.ranges.set(source.name, { cap, keys });
    return keys;
  }

  /**
   * The smallest remembered candidate set that holds every match of `sources`: one whose every
   * source is implied by one of these. The next keystroke of a word ("quantum spi" after
   * "quantum sp") narrows the last answer's candidates in memory instead of reading keys again.
   */
  narrowest(sources: readonly Source[]): { names: string[]; set: Set<string> } | undefined {
    let best: { names: string[]; set: Set<string> } | undefined;
    for (const c of this.sets) {
      if (best && best.set.size <= c.set.size) continue;
      if (c.names.every((p) => sources.some((q) => !q.listed && implies(q.name, p)))) best = c;
    }
    return best;
  }

  rememberCandidates(names: string[], set: Set<string>): void {
    this.sets.push({ names, set });
    if (this.sets.length > CANDIDATE_SETS) this.sets.shift();
  }

  /** Rows by primary key (undefined for a deleted one), reading only those not seen yet. */
  async rows(ids: readonly string[]): Promise<Array<StoredPaper | undefined>> {
    const missing = ids.filter((id) => !this.papers.has(id));
    if (missing.length) {
      const read = await this.db.papers.bulkGet(missing);
      if (this.papers.size + read.length > CACHED_ROWS_MAX) this.papers.clear();
      missing.forEach((id, i) => this.papers.set(id, read[i]));
    }
    return ids.map((id) => this.papers.get(id));
  }

  /** The start of the sort order, at least `need` keys long unless the order is shorter. */
  async prefix(sort: SortKey, need: number): Promise<OrderPrefix> {
    for (;;) {
      const known = this.orders.get(sort);
      if (known && (known.complete || known.keys.length >= need)) return known;
      const pending = this.reading.get(sort);
      if (pending) {
        await pending;
        continue;
      }
      const n = Math.max(need, ORDER_FIRST, 2 * (known?.keys.length ?? 0));
      const read = sortedCollection(this.db, sort)
        .limit(n)
        .primaryKeys()
        .then((keys) => {
          const o = { keys, complete: keys.length < n };
          this.orders.set(sort, o);
          return o;
        })
        .finally(() => this.reading.delete(sort));
      this.reading.set(sort, read);
      return read;
    }
  }

  /** Rows a query read in sort order from the start (the recent plan): the order's start, free. */
  remember(sort: SortKey, rows: readonly StoredPaper[], complete: boolean): void {
    if (sort === 'year' || rows.length === 0) return;
    for (const p of rows) if (!this.papers.has(p.id)) this.papers.set(p.id, p);
    const known = this.orders.get(sort);
    if (!known || (!known.complete && known.keys.length < rows.length)) {
      this.orders.set(sort, { keys: rows.map((p) => p.id), complete });
    }
  }

  /**
   * The matches among the rows already in memory at the start of the sort order (only those
   * `among` the candidates, if given), stopping at `take` or at the first row not in memory;
   * `exhausted` when they covered the whole order. No read at all: a common word finds its page in
   * the rows earlier keystrokes left (a one-letter prefix's scan reads ~200).
   */
  headMatches(
    sort: SortKey,
    match: Matcher,
    take: number,
    among?: ReadonlySet<string>,
  ): HeadMatches {
    const rows: StoredPaper[] = [];
    let seen = 0;
    const o = this.orders.get(sort);
    if (!o || sort === 'year') return { rows, seen, exhausted: false };
    let i = 0;
    for (; i < o.keys.length && rows.length < take; i++) {
      const id = o.keys[i]!;
      if (among && !among.has(id)) continue;
      if (!this.papers.has(id)) return { rows, seen, exhausted: false };
      seen++;
      const p = this.papers.get(id);
      if (p && match(p)) rows.push(p);
    }
    return { rows, seen, exhausted: rows.length < take && o.complete && i === o.keys.length };
  }

  /** Reads the start of the order and its first rows while the page is idle, until a query starts. */
  async warm(sort: SortKey, rows: number): Promise<void> {
    if (sort === 'year' || this.warmStopped) return;
    const o = await this.prefix(sort, ORDER_FIRST);
    for (let i = 0; i < Math.min(rows, o.keys.length); i += SCAN_CHUNK) {
      if (this.warmStopped) return;
      await this.rows(o.keys.slice(i, Math.min(rows, i + SCAN_CHUNK)));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Plans

function sortedCollection(db: PaperdexDb, sort: SortKey): PaperCollection {
  const s = SORTS[sort];
  const c = db.papers.orderBy(s.index);
  return s.desc ? c.reverse() : c;
}

/**
 * Walks the sort index, keeps rows that match, stops after `take` of them or `cap` rows read.
 * `exhausted` tells whether the whole index was seen.
 */
async function scanSorted(
  db: PaperdexDb,
  sort: SortKey,
  match: Matcher | null,
  take: number,
  cap = Infinity,
  signal?: AbortSignal,
  cache?: SearchCache,
): Promise<{ rows: StoredPaper[]; exhausted: boolean }> {
  if (cache && match && sort !== 'year') return scanOrder(cache, sort, match, take, cap, signal);
  let read = 0;
  let c = sortedCollection(db, sort);
  if (match) c = c.until(() => !!signal?.aborted || ++read > cap).filter(match);
  const rows = await c.limit(take).toArray();
  signal?.throwIfAborted();
  let exhausted = rows.length < take && read <= cap;
  if (exhausted && sort === 'year') {
    // Papers without a year are not in the year index; they sort last.
    const rest = await db.papers
      .filter((p) => p.year === undefined && (!match || match(p)))
      .toArray();
    rows.push(...rest.sort(comparePapers(sort)).slice(0, take - rows.length));
    exhausted = rows.length < take;
  }
  return { rows, exhausted };
}

/** Rows per read of the scan over a cached order: a dense query finds its page in one or two. */
const SCAN_CHUNK = 100;

/** scanSorted over the cached order: rows read in chunks (remembered ones are free), same answer. */
async function scanOrder(
  cache: SearchCache,
  sort: SortKey,
  match: Matcher,
  take: number,
  cap: number,
  signal?: AbortSignal,
): Promise<{ rows: StoredPaper[]; exhausted: boolean }> {
  const rows: StoredPaper[] = [];
  let o = await cache.prefix(sort, Math.min(cap, ORDER_FIRST));
  let i = 0;
  while (rows.length < take && i < cap) {
    if (i >= o.keys.length) {
      if (o.complete) break;
      o = await cache.prefix(sort, Math.min(cap, 2 * o.keys.length));
      if (i >= o.keys.length) break;
    }
    signal?.throwIfAborted();
    const ids = o.keys.slice(i, Math.min(o.keys.length, cap, i + SCAN_CHUNK));
    i += ids.length;
    for (const p of await cache.rows(ids)) {
      if (p && match(p)) rows.push(p);
      if (rows.length === take) break;
    }
  }
  signal?.throwIfAborted();
  return { rows, exhausted: rows.length < take && o.complete && i >= o.keys.length };
}

/** The first `want` candidates in the cached sort order, reading more of the order as needed. */
async function pickInOrder(
  cache: SearchCache,
  sort: SortKey,
  cands: Set<string>,
  want: number,
): Promise<string[]> {
  let o = await cache.prefix(sort, ORDER_FIRST);
  for (;;) {
    const picked: string[] = [];
    for (const k of o.keys) {
      if (cands.has(k) && picked.length < want) picked.push(k);
      if (picked.length >= want) return picked;
    }
    if (o.complete) return picked;
    o = await cache.prefix(sort, 2 * o.keys.length);
  }
}

/** Past one match in this many rows read, the walk narrows its candidates by their words. */
const SPARSE = 4;

/**
 * The ids among `ids` whose search words (a terms row, a tenth of a paper row) hold every word of
 * `words` as a prefix. Ids without a terms row (words not yet indexed) stay, for the exact check.
 */
async function withWords(
  db: PaperdexDb,
  ids: string[],
  words: readonly string[],
): Promise<string[]> {
  if (words.length === 0 || ids.length === 0) return ids;
  const rows = await db.terms.bulkGet(ids);
  return ids.filter((_, i) => {
    const t = rows[i];
    return !t || words.every((w) => t.words.some((x) => x.startsWith(w)));
  });
}

/**
 * Plan 2b: the first `take` candidates in sort order, found by walking the sort index keys only,
 * then read and checked. Candidates failing the exact check are replaced by walking further.
 */
async function walkCandidates(
  db: PaperdexDb,
  sort: SortKey,
  cands: Set<string>,
  match: Matcher,
  take: number,
  signal?: AbortSignal,
  cache?: SearchCache,
  unchecked: readonly string[] = [],
): Promise<{ rows: StoredPaper[]; exhausted: boolean }> {
  let want = take;
  let narrowed = false;
  // Each round walks the (cheap) keys again but reads only the picks it has not read yet; the
  // matches are kept across rounds and sorted like the walk at the end.
  const rows: StoredPaper[] = [];
  const read = new Set<string>();
  for (;;) {
    let picked: string[] = [];
    if (cache && sort !== 'year') {
      picked = await pickInOrder(cache, sort, cands, want);
    } else {
      await sortedCollection(db, sort)
        .until(() => !!signal?.aborted || picked.length >= want)
        .eachPrimaryKey((pk) => {
          if (cands.has(pk)) picked.push(pk);
        });
    }
    signal?.throwIfAborted();
    const exhausted = picked.length < want;
    if (exhausted && sort === 'year') {
      // Candidates without a year were not in the walk: they come last.
      const seen = new Set(picked);
      for (const id of cands) if (!seen.has(id)) picked.push(id);
    }
    const fresh = picked.filter((id) => !read.has(id));
    for (const id of fresh) read.add(id);
    const got = cache ? await cache.rows(fresh) : await db.papers.bulkGet(fresh);
    signal?.throwIfAborted();
    for (const p of got) if (p !== undefined && match(p)) rows.push(p);
    rows.sort(comparePapers(sort));
    // Exhausted, every match is here: all of them go back, so that the total counts them all.
    if (exhausted) return { rows, exhausted };
    if (rows.length >= take) return { rows: rows.slice(0, take), exhausted };
    if (!narrowed && unchecked.length && rows.length * SPARSE < read.size) {
      // Few candidates match a word too common to intersect ("sp" in "quantum sp": about 1 in
      // 12). Walking on would read the sort order far down and thousands of rows, about a second;
      // the search words of the candidates not read yet (terms rows, a tenth of a paper row) say
      // which can match, and the walk goes on over those alone.
      narrowed = true;
      cands = new Set(
        await withWords(
          db,
          [...cands].filter((id) => !read.has(id)),
          unchecked,
        ),
      );
      signal?.throwIfAborted();
      if (cands.size <= PLANNER.rowCap) {
        // Few enough to read whole: sorting them here beats walking the sort order for them,
        // which for a hundred papers spread over 50,000 reads most of it.
        const ids = [...cands];
        const more = cache ? await cache.rows(ids) : await db.papers.bulkGet(ids);
        signal?.throwIfAborted();
        for (const p of more) if (p !== undefined && match(p)) rows.push(p);
        rows.sort(comparePapers(sort));
        return { rows, exhausted: true };
      }
      want = take;
      continue;
    }
    // Some candidates failed a condition that was not intersected: look further.
    want *= 4;
  }
}

function resolveSites(q: ParsedQuery, opts: SearchOptions): MatchContext | null {
  const extra = opts.sources ? [[...opts.sources]] : [];
  // Resolved against the adapter list, not the stored site ids: listing those walks the whole
  // `sources` index (seconds at 50,000 papers). An unknown value still matches itself exactly.
  const sites = [
    ...q.sites.map((v) => {
      const m = siteMatches(v, ADAPTER_SITES);
      return m.length ? m : [v];
    }),
    ...extra,
  ];
  return sites.some((g) => g.length === 0) ? null : { sites };
}

/**
 * The fast pass: index-backed matches on title, authors, venue, tags and note, plus every filter.
 * `signal` stops it between reads (it rejects) when the question has changed: a keystroke's
 * query must not keep IndexedDB busy for the next one's.
 */
export async function runSearch(
  db: PaperdexDb,
  q: ParsedQuery,
  opts: SearchOptions = {},
  signal?: AbortSignal,
  cache?: SearchCache,
): Promise<SearchResult> {
  cache?.stopWarming();
  const limit = Math.max(1, opts.limit ?? DEFAULT_LIMIT);
  const sort = opts.sort ?? 'lastSeen';
  const ctx = resolveSites(q, opts);
  if (!ctx || (opts.onlyIds && opts.onlyIds.length === 0)) {
    return { papers: [], total: 0, more: false, plan: 'none' };
  }
  const sources = buildSources(db, q, opts, ctx, true);
  if (sources.length === 0) {
    const { rows } = await scanSorted(db, sort, null, limit + 1);
    cache?.remember(sort, rows, rows.length <= limit);
    const all = rows.length <= limit;
    // A library that fits in one page is counted by this read: no separate count() needed.
    return {
      papers: rows.slice(0, limit),
      total: all ? rows.length : undefined,
      more: !all,
      plan: 'recent',
    };
  }

  const fMatch = filterMatcher(q, opts, ctx);
  const tMatch = textMatcher(q, false);
  const match: Matcher = (p) => fMatch(p) && tMatch(p);

  if (cache) {
    // Common terms: a page of matches among the rows already in memory, before any key read.
    const head = cache.headMatches(sort, match, limit + 1);
    if (head.rows.length > limit || head.exhausted) {
      return {
        papers: head.rows.slice(0, limit),
        total: head.exhausted ? head.rows.length : undefined,
        more: head.rows.length > limit,
        plan: 'scan',
      };
    }
  }

  let early: HeadMatches | undefined;
  const probe = (set: Set<string>): number => {
    const head = cache!.headMatches(sort, match, limit + 1, set);
    if (head.rows.length > limit) {
      early = head;
      return 0;
    }
    // Too few rows in memory to judge: no limit on the fetch.
    if (head.seen < PROBE_MIN || head.rows.length === 0) return Infinity;
    return ((limit + 1 - head.rows.length) * head.seen) / head.rows.length;
  };
  const used: string[] = [];
  const cands = await candidates(
    sources,
    signal,
    cache,
    cache && sort !== 'year' ? probe : undefined,
    used,
  );
  signal?.throwIfAborted();
  if (early) return { papers: early.rows.slice(0, limit), more: true, plan: 'walk' };
  if (cands && cands.size === 0) return { papers: [], total: 0, more: false, plan: 'none' };
  if (cands && cands.size <= PLANNER.rowCap) {
    const ids = [...cands];
    const rows = cache ? await cache.rows(ids) : await db.papers.bulkGet(ids);
    signal?.throwIfAborted();
    const hits = rows.filter((p): p is StoredPaper => p !== undefined && match(p));
    hits.sort(comparePapers(sort));
    return {
      papers: hits.slice(0, limit),
      total: hits.length,
      more: hits.length > limit,
      plan: 'candidates',
    };
  }
  if (cands) {
    // Words of the query that no intersected source stands for (see walkCandidates).
    const unchecked = q.words.filter(
      (w) => !used.some((name) => /^word:[=^]/.test(name) && name.slice(6).startsWith(w)),
    );
    const { rows, exhausted } = await walkCandidates(
      db,
      sort,
      cands,
      match,
      limit + 1,
      signal,
      cache,
      unchecked,
    );
    return {
      papers: rows.slice(0, limit),
      total: exhausted ? rows.length : undefined,
      more: rows.length > limit,
      plan: 'walk',
    };
  }
  const cap = Math.max(PLANNER.scanCapPer100, (PLANNER.scanCapPer100 * limit) / 100);
  const { rows, exhausted } = await scanSorted(db, sort, match, limit + 1, cap, signal, cache);
  return {
    papers: rows.slice(0, limit),
    total: exhausted ? rows.length : undefined,
    more: rows.length > limit || !exhausted,
    plan: 'scan',
  };
}

/**
 * The slow pass: papers that match only because of their abstract (all filters still apply).
 * Reads the candidate set of the filters, or the whole table in chunks; `signal` stops it between
 * chunks when the query changes.
 */
export async function searchAbstracts(
  db: PaperdexDb,
  q: ParsedQuery,
  opts: SearchOptions = {},
  signal?: AbortSignal,
): Promise<SearchResult> {
  const limit = Math.max(1, opts.limit ?? DEFAULT_LIMIT);
  const sort = opts.sort ?? 'lastSeen';
  const none: SearchResult = { papers: [], total: 0, more: false, plan: 'abstracts' };
  if (q.words.length === 0 && q.phrases.length === 0) return none;
  const ctx = resolveSites(q, opts);
  if (!ctx || (opts.onlyIds && opts.onlyIds.length === 0)) return none;

  const fMatch = filterMatcher(q, opts, ctx);
  const withAbstract = textMatcher(q, true);
  const without = textMatcher(q, false);
  const match: Matcher = (p) => !!p.abstract && fMatch(p) && withAbstract(p) && !without(p);
  const chunk = PLANNER.abstractChunk;

  const hits: StoredPaper[] = [];
  const cands = await candidates(buildSources(db, q, opts, ctx, false));
  if (cands) {
    const keys = [...cands];
    for (let i = 0; i < keys.length; i += chunk) {
      if (signal?.aborted) return none;
      const rows = await db.papers.bulkGet(keys.slice(i, i + chunk));
      for (const p of rows) if (p && match(p)) hits.push(p);
    }
    return finish(hits, sort, limit);
  }
  let last: string | undefined;
  for (;;) {
    if (signal?.aborted) return none;
    const c = last === undefined ? db.papers.toCollection() : db.papers.where(':id').above(last);
    const rows = await c.limit(chunk).toArray();
    for (const p of rows) if (match(p)) hits.push(p);
    if (rows.length < chunk) break;
    last = rows[rows.length - 1]!.id;
  }
  return finish(hits, sort, limit);
}

function finish(hits: StoredPaper[], sort: SortKey, limit: number): SearchResult {
  hits.sort(comparePapers(sort));
  return {
    papers: hits.slice(0, limit),
    total: hits.length,
    more: hits.length > limit,
    plan: 'abstracts',
  };
}

// ---------------------------------------------------------------------------------------------
// Small reads for the UI

/** Every site id the library has actually met. Slow (walks the whole `sources` index): not for typing. */
export async function knownSites(db: PaperdexDb): Promise<string[]> {
  return (await db.papers.orderBy('sources').uniqueKeys()).map(String);
}

/** The most recent sighting of a paper: where to "revisit" it. */
export async function lastSighting(db: PaperdexDb, paperId: string): Promise<Sighting | undefined> {
  return (await sightingsOf(db, paperId, 1))[0];
}

/** Primary ids of the papers sighted on a page (the active tab's URL). */
export async function papersOnPage(db: PaperdexDb, pageUrl: string): Promise<string[]> {
  // The same page with any fragment (#section) is the same page.
  const bare = pageUrl.replace(/#.*$/, '');
  const [exact, fragments] = await Promise.all([
    db.visits.where('pageUrl').equals(bare).toArray(),
    db.visits
      .where('pageUrl')
      .startsWith(bare + '#')
      .toArray(),
  ]);
  return [...new Set([...exact, ...fragments].flatMap((v) => v.paperIds))];
}
