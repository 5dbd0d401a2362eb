/**
 * Merge by identity, as pure functions over rows: the transaction code (record.ts) decides which
 * rows meet, these decide what the result looks like. Rules:
 * - ids decide identity; user data (starred, tags, note) is never overwritten, only combined;
 * - a title alone merges only when it is specific and no id kind disagrees, otherwise the papers
 *   stay apart and name each other in `possible`.
 */
import { ID_PRIORITY, kindOf, normalizeTitle } from '../identity';
import type { DetectedPaper } from '../paper';
import { wordsOf } from '../search/tokenize';
import type { StoredPaper } from './db';

/** Short titles ("Deep learning", "Introduction") name many papers: never merge on them alone. */
export const MIN_TITLE_WORDS = 3;
export const MIN_TITLE_CHARS = 20;

export function titleIsSpecific(titleKey: string): boolean {
  return titleKey.length >= MIN_TITLE_CHARS && titleKey.split(' ').length >= MIN_TITLE_WORDS;
}

/**
 * Id kinds that identify one work. The arXiv DataCite DOI (10.48550/…) is left out: a preprint's
 * arXiv DOI and its journal DOI are both 'doi' yet name the same paper.
 */
function identifyingKinds(ids: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const id of ids) {
    const k = kindOf(id);
    if (!k || k === 'title') continue;
    if (k === 'doi' && id.startsWith('doi:10.48550/')) continue;
    out.add(k);
  }
  return out;
}

/**
 * True when both sides carry an id of the same kind. Called only for papers that share no id, so a
 * shared kind means two different values: two DOIs, two arXiv ids — two works.
 */
export function idsConflict(a: readonly string[], b: readonly string[]): boolean {
  const ka = identifyingKinds(a);
  for (const k of identifyingKinds(b)) if (ka.has(k)) return true;
  return false;
}

function rank(id: string): number {
  const k = kindOf(id);
  const i = k ? ID_PRIORITY.indexOf(k) : -1;
  return i < 0 ? ID_PRIORITY.length : i;
}

/**
 * The highest-priority id; among ids of the same kind the earliest in `prefer` (current primaries,
 * oldest paper first) so a merge keeps a familiar id, then the smallest, so the choice is stable.
 */
export function pickPrimary(ids: Iterable<string>, prefer: readonly string[] = []): string {
  let best: string | undefined;
  for (const id of ids) {
    if (best === undefined) {
      best = id;
      continue;
    }
    const d = rank(id) - rank(best);
    if (d < 0) best = id;
    else if (d === 0) {
      const pi = prefer.indexOf(id);
      const pb = prefer.indexOf(best);
      if ((pi >= 0 && (pb < 0 || pi < pb)) || (pi < 0 && pb < 0 && id < best)) best = id;
    }
  }
  if (best === undefined) throw new Error('pickPrimary: no ids');
  return best;
}

/** A detected paper as the library takes it in: every id in one list, the title key computed. */
export interface Incoming {
  paper: DetectedPaper;
  ids: string[];
  titleKey: string;
}

export function toIncoming(paper: DetectedPaper): Incoming {
  const ids = [paper.id];
  for (const a of paper.aliases) if (!ids.includes(a)) ids.push(a);
  return { paper, ids, titleKey: normalizeTitle(paper.title) };
}

export interface SightingInfo {
  time: number;
  site: string;
  pageUrl: string;
  visit: string;
}

/** A paper met for the first time; its sighting (seenCount, lastSeen) is added by the caller. */
export function createPaper(inc: Incoming, first: SightingInfo): StoredPaper {
  const p = inc.paper;
  const out: StoredPaper = {
    id: pickPrimary(inc.ids),
    ids: [...inc.ids],
    titleKey: inc.titleKey,
    title: p.title,
    authors: [...p.authors],
    sources: [p.source],
    state: p.kind === 'single' ? 'opened' : 'seen',
    starred: 0,
    tags: [],
    note: '',
    firstSeen: first.time,
    lastSeen: first.time,
    seenCount: 0,
    firstSite: first.site,
    firstPageUrl: first.pageUrl,
    firstVisit: first.visit,
    words: [],
    possible: [],
  };
  if (p.year !== undefined) out.year = p.year;
  if (p.venue) out.venue = p.venue;
  if (p.abstract) out.abstract = p.abstract;
  if (p.url) out.url = p.url;
  if (p.pdfUrl) out.pdfUrl = p.pdfUrl;
  return out;
}

type Fillable = 'year' | 'venue' | 'abstract' | 'url' | 'pdfUrl';
const FILLABLE: readonly Fillable[] = ['year', 'venue', 'abstract', 'url', 'pdfUrl'];

/** Copies into `to` the descriptive fields it lacks. Returns true when something changed. */
function fillMissing(
  to: StoredPaper,
  from: Pick<StoredPaper, 'title' | 'authors' | Fillable>,
): boolean {
  let changed = false;
  if (!to.title && from.title) {
    to.title = from.title;
    to.titleKey = normalizeTitle(from.title);
    changed = true;
  }
  if (to.authors.length === 0 && from.authors.length > 0) {
    to.authors = [...from.authors];
    changed = true;
  }
  for (const f of FILLABLE) {
    if (to[f] === undefined && from[f] !== undefined && from[f] !== '') {
      (to as unknown as Record<Fillable, unknown>)[f] = from[f];
      changed = true;
    }
  }
  return changed;
}

function addAll(list: string[], items: Iterable<string>): boolean {
  let changed = false;
  for (const x of items) {
    if (!list.includes(x)) {
      list.push(x);
      changed = true;
    }
  }
  return changed;
}

/**
 * Applies what a page says about a paper to its stored row, in place: new aliases, missing fields,
 * the source, 'opened' for the page's own paper. User data is untouched. Returns true when the row
 * changed. The caller re-picks the primary id afterwards (a new alias may outrank it).
 */
export function absorb(to: StoredPaper, inc: Incoming): boolean {
  const p = inc.paper;
  let changed = addAll(to.ids, inc.ids);
  const from: Pick<StoredPaper, 'title' | 'authors' | Fillable> = {
    title: p.title,
    authors: p.authors,
  };
  for (const f of FILLABLE) if (p[f] !== undefined) (from as Record<Fillable, unknown>)[f] = p[f];
  if (fillMissing(to, from)) changed = true;
  if (addAll(to.sources, [p.source])) changed = true;
  if (p.kind === 'single' && to.state !== 'opened') {
    to.state = 'opened';
    changed = true;
  }
  return changed;
}

/** Tags are one set ignoring case (as setTags keeps them): the first spelling stays. */
function addTags(list: string[], items: readonly string[]): void {
  const have = new Set(list.map((t) => t.toLowerCase()));
  for (const t of items) {
    const k = t.toLowerCase();
    if (!have.has(k)) {
      have.add(k);
      list.push(t);
    }
  }
}

/** Joins distinct non-empty notes, oldest paper's first, so no one's words are lost. */
function joinNotes(notes: readonly string[]): string {
  const seen: string[] = [];
  for (const n of notes) {
    const t = n.trim();
    if (t && !seen.includes(t)) seen.push(t);
  }
  return seen.join('\n\n');
}

/**
 * Two or more stored rows found to be one paper. The oldest row is the base (its descriptive
 * fields win; later rows fill gaps); counts add up, dates widen, user data is combined; the primary
 * id is re-picked over all ids. Inputs are not modified.
 */
export function combine(rows: readonly StoredPaper[]): StoredPaper {
  const sorted = [...rows].sort((a, b) => a.firstSeen - b.firstSeen || (a.id < b.id ? -1 : 1));
  const base = sorted[0];
  if (!base) throw new Error('combine: no rows');
  const out: StoredPaper = {
    ...base,
    ids: [...base.ids],
    authors: [...base.authors],
    sources: [...base.sources],
    tags: [...base.tags],
    possible: [...base.possible],
  };
  for (const r of sorted.slice(1)) {
    addAll(out.ids, r.ids);
    fillMissing(out, r);
    addAll(out.sources, r.sources);
    addTags(out.tags, r.tags);
    addAll(out.possible, r.possible);
    if (r.state === 'opened') out.state = 'opened';
    if (r.starred) out.starred = 1;
    out.seenCount += r.seenCount;
    out.lastSeen = Math.max(out.lastSeen, r.lastSeen);
    // firstSeen, firstSite, firstPageUrl, firstVisit come from the base: it is the oldest.
  }
  out.note = joinNotes(sorted.map((r) => r.note));
  out.id = pickPrimary(
    out.ids,
    sorted.map((r) => r.id),
  );
  return out;
}

/** Recomputes what is derived from other fields; call before every write of a changed row. */
export function finalize(p: StoredPaper): StoredPaper {
  p.words = wordsOf(p.title, p.authors, p.venue, p.tags, p.note);
  return p;
}
