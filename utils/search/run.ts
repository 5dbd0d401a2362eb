/**
 * Runs a parsed query against the library, read-only, fast enough to follow every keystroke at
 * 50,000 papers.
 *
 * Why Dexie's own indexes and not MiniSearch or a persisted index: the `words` multi-entry index is
 * already written by the background in the same transaction as the paper, so it is never stale and
 * costs the popup nothing to load; an in-memory index would have to be built (or deserialized, tens
 * of MB at 50,000 papers) every time the popup opens, which alone would blow the 200 ms first-paint
 * budget. Prefix search is a key range on that index (`startsWith`), which IndexedDB answers
 * natively.
 *
 * The plan, per query:
 *  1. No filter at all → walk the sort index and stop at `limit` (the default "recent" view never
 *     reads more rows than it shows).
 *  2. Otherwise every indexable condition (each word prefix, starred, state, year range, tag, site,
 *     id, time range, "on this tab") is a key range. Their sizes are counted natively (counting an
 *     index range reads no rows), and the smallest ones are fetched as primary keys only and
 *     intersected until the candidate set is small. Only those candidates are read, checked exactly
 *     in memory (the other conditions, phrases, author fields) and sorted.
 *  3. When every condition is broad (a one-letter prefix, `is:seen`), matches are dense, so walking
 *     the sort index with the exact check and stopping at `limit` is cheaper than reading a large
 *     candidate set; the total is then unknown and shown as "N+".
 *
 * Abstracts are not in `words` (they would multiply the index ~20× for little gain), so a word
 * found only in an abstract cannot come from an index: `searchAbstracts` is a separate, slower
 * pass that scans the table in chunks and returns only the papers that match *because of* their
 * abstract. The UI shows the fast results first and appends these when they arrive.
 */
import type { PaperdexDb, Sighting, StoredPaper } from '../library/db';
import { tokenize } from './tokenize';
import type { ParsedQuery } from './query';

export type SortKey = 'lastSeen' | 'firstSeen' | 'seenCount' | 'year' | 'title';

export const SORT_KEYS: readonly SortKey[] = ['lastSeen', 'firstSeen', 'seenCount', 'year', 'title'];

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
  /** Which plan ran, for tests and the bench. */
  plan: 'recent' | 'candidates' | 'scan' | 'none' | 'abstracts';
}

const DEFAULT_LIMIT = 200;

/** The planner's thresholds; mutable only so that tests can force each plan on a small library. */
export const PLANNER = {
  /** Candidates read as whole rows and checked in memory. */
  candidateBudget: 2_000,
  /** Index entries fetched as keys to intersect (keys only: cheap, but not free). */
  keyBudget: 30_000,
  /** Rows a sort-order scan may be expected to read before it finds `limit` matches. */
  scanBudget: 3_000,
  /** Rows per read in the abstract scan: the unit of cancellation. */
  abstractChunk: 1_000,
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
    (s) => s === value || s.startsWith(value) || s.split('-').some((part) => part.startsWith(value)),
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
  name: string;
  /** Index entries in range (an upper bound on the papers: one paper may have several). */
  estimate: () => Promise<number>;
  keys: () => Promise<string[]>;
}

type PaperCollection = ReturnType<PaperdexDb['papers']['toCollection']>;

function collectionSource(name: string, make: () => PaperCollection): Source {
  return {
    name,
    estimate: () => make().count(),
    keys: () => make().primaryKeys(),
  };
}

function listSource(name: string, ids: readonly string[]): Source {
  return { name, estimate: async () => ids.length, keys: async () => [...ids] };
}

/** Tokens of phrases and author terms are in `words` too: all but the last are whole words. */
function termTokens(terms: string[][]): Array<{ token: string; whole: boolean }> {
  const out: Array<{ token: string; whole: boolean }> = [];
  for (const t of terms) t.forEach((token, i) => out.push({ token, whole: i < t.length - 1 }));
  return out;
}

function buildSources(
  db: PaperdexDb,
  q: ParsedQuery,
  opts: SearchOptions,
  ctx: MatchContext,
  withWords: boolean,
): Source[] {
  const p = db.papers;
  const out: Source[] = [];
  if (opts.onlyIds) out.push(listSource('onTab', opts.onlyIds));
  if (q.ids.length) out.push(collectionSource('ids', () => p.where('ids').anyOf(q.ids)));
  if (withWords) {
    const seen = new Set<string>();
    const add = (token: string, whole: boolean) => {
      const key = (whole ? '=' : '^') + token;
      if (seen.has(key)) return;
      seen.add(key);
      out.push(
        collectionSource(`word:${key}`, () =>
          whole ? p.where('words').equals(token) : p.where('words').startsWith(token),
        ),
      );
    };
    for (const w of q.words) add(w, false);
    for (const t of termTokens([...q.phrases, ...q.authors])) add(t.token, t.whole);
  }
  if (q.starred !== undefined) {
    const v = q.starred ? 1 : 0;
    out.push(collectionSource('starred', () => p.where('starred').equals(v)));
  }
  if (q.state !== undefined) {
    const v = q.state;
    out.push(collectionSource('state', () => p.where('state').equals(v)));
  }
  if (q.yearMin !== undefined || q.yearMax !== undefined) {
    const lo = q.yearMin ?? -Infinity;
    const hi = q.yearMax ?? Infinity;
    out.push(collectionSource('year', () => p.where('year').between(lo, hi, true, true)));
  }
  for (const t of q.tags) {
    out.push(collectionSource(`tag:${t}`, () => p.where('tags').startsWithIgnoreCase(t)));
  }
  for (const group of ctx.sites) {
    out.push(collectionSource(`site:${group.join('|')}`, () => p.where('sources').anyOf(group)));
  }
  if (opts.since !== undefined) {
    const since = opts.since;
    out.push(collectionSource('since', () => p.where('lastSeen').aboveOrEqual(since)));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Plans

/** Walks the sort index, keeps rows that match, stops after `take` of them. */
async function scanSorted(
  db: PaperdexDb,
  sort: SortKey,
  match: Matcher | null,
  take: number,
): Promise<StoredPaper[]> {
  const s = SORTS[sort];
  let c = db.papers.orderBy(s.index);
  if (s.desc) c = c.reverse();
  if (match) c = c.filter(match);
  const rows = await c.limit(take).toArray();
  if (rows.length < take && sort === 'year') {
    // Papers without a year are not in the year index; they sort last.
    const rest = await db.papers
      .filter((p) => p.year === undefined && (!match || match(p)))
      .toArray();
    rows.push(...rest.sort(comparePapers(sort)).slice(0, take - rows.length));
  }
  return rows;
}

async function resolveSites(
  db: PaperdexDb,
  q: ParsedQuery,
  opts: SearchOptions,
): Promise<MatchContext | null> {
  const extra = opts.sources ? [[...opts.sources]] : [];
  if (!q.sites.length) return extra.some((g) => g.length === 0) ? null : { sites: extra };
  const known = await knownSites(db);
  const sites = [...q.sites.map((v) => siteMatches(v, known)), ...extra];
  // A site nobody has met yet matches nothing.
  return sites.some((g) => g.length === 0) ? null : { sites };
}

/**
 * The fast pass: index-backed matches on title, authors, venue, tags and note, plus every filter.
 */
export async function runSearch(
  db: PaperdexDb,
  q: ParsedQuery,
  opts: SearchOptions = {},
): Promise<SearchResult> {
  const limit = Math.max(1, opts.limit ?? DEFAULT_LIMIT);
  const sort = opts.sort ?? 'lastSeen';
  const ctx = await resolveSites(db, q, opts);
  if (!ctx || (opts.onlyIds && opts.onlyIds.length === 0)) {
    return { papers: [], total: 0, more: false, plan: 'none' };
  }
  const sources = buildSources(db, q, opts, ctx, true);
  if (sources.length === 0) {
    const [papers, total] = await Promise.all([scanSorted(db, sort, null, limit + 1), db.papers.count()]);
    return { papers: papers.slice(0, limit), total, more: papers.length > limit, plan: 'recent' };
  }

  const fMatch = filterMatcher(q, opts, ctx);
  const tMatch = textMatcher(q, false);
  const match: Matcher = (p) => fMatch(p) && tMatch(p);

  const [n, ...estimates] = await Promise.all([
    db.papers.count(),
    ...sources.map((s) => s.estimate()),
  ]);
  const ranked = sources
    .map((s, i) => ({ s, est: estimates[i] ?? 0 }))
    .sort((a, b) => a.est - b.est);
  const best = ranked[0]!;
  if (best.est === 0) return { papers: [], total: 0, more: false, plan: 'none' };

  // Independence is optimistic for correlated words, but it only has to tell dense from sparse.
  let selectivity = 1;
  for (const r of ranked) selectivity *= Math.min(1, r.est / Math.max(1, n));
  const expectedScan = limit / Math.max(selectivity, 1e-9);
  const dense = best.est > PLANNER.candidateBudget && expectedScan <= PLANNER.scanBudget;

  if (!dense && best.est <= PLANNER.keyBudget) {
    let keys = new Set(await best.s.keys());
    for (const r of ranked.slice(1)) {
      if (keys.size <= PLANNER.candidateBudget / 4 || r.est > PLANNER.keyBudget) break;
      const next = new Set(await r.s.keys());
      keys = new Set([...keys].filter((k) => next.has(k)));
    }
    if (keys.size <= PLANNER.candidateBudget) {
      const rows = await db.papers.bulkGet([...keys]);
      const hits = rows.filter((p): p is StoredPaper => p !== undefined && match(p));
      hits.sort(comparePapers(sort));
      return {
        papers: hits.slice(0, limit),
        total: hits.length,
        more: hits.length > limit,
        plan: 'candidates',
      };
    }
    const inKeys = keys;
    const rows = await scanSorted(db, sort, (p) => inKeys.has(p.id) && match(p), limit + 1);
    return { papers: rows.slice(0, limit), more: rows.length > limit, plan: 'scan' };
  }
  const rows = await scanSorted(db, sort, match, limit + 1);
  return {
    papers: rows.slice(0, limit),
    total: rows.length <= limit ? rows.length : undefined,
    more: rows.length > limit,
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
  const ctx = await resolveSites(db, q, opts);
  if (!ctx || (opts.onlyIds && opts.onlyIds.length === 0)) return none;

  const fMatch = filterMatcher(q, opts, ctx);
  const withAbstract = textMatcher(q, true);
  const without = textMatcher(q, false);
  const match: Matcher = (p) => !!p.abstract && fMatch(p) && withAbstract(p) && !without(p);

  const hits: StoredPaper[] = [];
  const sources = buildSources(db, q, opts, ctx, false);
  if (sources.length) {
    const estimates = await Promise.all(sources.map((s) => s.estimate()));
    let bi = 0;
    estimates.forEach((e, i) => {
      if (e < estimates[bi]!) bi = i;
    });
    if ((estimates[bi] ?? 0) <= PLANNER.keyBudget) {
      const keys = [...new Set(await sources[bi]!.keys())];
      for (let i = 0; i < keys.length; i += PLANNER.abstractChunk) {
        if (signal?.aborted) return none;
        const rows = await db.papers.bulkGet(keys.slice(i, i + PLANNER.abstractChunk));
        for (const p of rows) if (p && match(p)) hits.push(p);
      }
      return finish(hits, sort, limit);
    }
  }
  let last: string | undefined;
  for (;;) {
    if (signal?.aborted) return none;
    const c = last === undefined ? db.papers.toCollection() : db.papers.where(':id').above(last);
    const rows = await c.limit(PLANNER.abstractChunk).toArray();
    for (const p of rows) if (match(p)) hits.push(p);
    if (rows.length < PLANNER.abstractChunk) break;
    last = rows[rows.length - 1]!.id;
  }
  return finish(hits, sort, limit);
}

function finish(hits: StoredPaper[], sort: SortKey, limit: number): SearchResult {
  hits.sort(comparePapers(sort));
  return { papers: hits.slice(0, limit), total: hits.length, more: hits.length > limit, plan: 'abstracts' };
}

// ---------------------------------------------------------------------------------------------
// Small reads for the UI

/** Every site id the library has met, for the site chip and `site:` resolution. */
export async function knownSites(db: PaperdexDb): Promise<string[]> {
  return (await db.papers.orderBy('sources').uniqueKeys()).map(String);
}

/** The most recent sighting of a paper: where to "revisit" it. */
export async function lastSighting(db: PaperdexDb, paperId: string): Promise<Sighting | undefined> {
  return db.sightings
    .where('[paperId+time]')
    .between([paperId, -Infinity], [paperId, Infinity], true, true)
    .last();
}

/** How far back the "on this tab" fallback looks when sightings have no `pageUrl` index. */
const TAB_SCAN_LIMIT = 20_000;

function sameUrl(a: string, b: string): boolean {
  return a === b || a.replace(/#.*$/, '') === b.replace(/#.*$/, '');
}

/** Primary ids of the papers sighted on a page (the active tab's URL). */
export async function papersOnPage(db: PaperdexDb, pageUrl: string): Promise<string[]> {
  const t = db.sightings;
  let rows: Sighting[];
  if (t.schema.idxByName['pageUrl']) {
    // The same page with any fragment (#section) is the same page.
    const bare = pageUrl.replace(/#.*$/, '');
    const [exact, fragments] = await Promise.all([
      t.where('pageUrl').equals(bare).toArray(),
      t.where('pageUrl').startsWith(bare + '#').toArray(),
    ]);
    rows = [...exact, ...fragments];
  } else {
    // Without an index, the page's sightings are among the recent ones: the tab is open now.
    // (Dexie applies limit() after filter(), so the bound is on rows read, filtered here.)
    const recent = await t.orderBy('time').reverse().limit(TAB_SCAN_LIMIT).toArray();
    rows = recent.filter((s) => sameUrl(s.pageUrl, pageUrl));
  }
  return [...new Set(rows.map((s) => s.paperId))];
}
