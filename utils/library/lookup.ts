/**
 * States for marks: answered from the in-memory cache when it knows every id asked about, else
 * from one readonly transaction of bulk index reads, whose result then warms the cache.
 */
import { normalizeTitle } from '../identity';
import type { LookupPaper, PaperStateInfo, StateMap } from '../protocol';
import { getByIndex } from './bulk';
import { type StateCache, type Summary, summarize } from './cache';
import type { PaperdexDb, StoredPaper } from './db';

/**
 * The answer for a stored paper. With `visit`, a paper first met on that page load says 'new' (or
 * 'possible' when it has title twins), so a retried or incremental record answers the same way.
 */
export function stateOf(s: Summary, visit?: string): PaperStateInfo {
  let state: PaperStateInfo['state'];
  if (s.starred) state = 'starred';
  else if (visit !== undefined && s.firstVisit === visit)
    state = s.possible.length > 0 ? 'possible' : 'new';
  else state = s.state;
  return {
    id: s.id,
    state,
    seenCount: s.seenCount,
    firstSeen: s.firstSeen,
    firstSite: s.firstSite,
    firstPageUrl: s.firstPageUrl,
    lastSeen: s.lastSeen,
  };
}

/** A paper known only by a stored paper's title: that paper's history, flagged as uncertain. */
function possibleState(s: Summary): PaperStateInfo {
  return { ...stateOf(s), state: 'possible' };
}

function oldest<T extends { firstSeen: number }>(list: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const x of list) if (!best || x.firstSeen < best.firstSeen) best = x;
  return best;
}

function titleAnswer(id: string, matches: readonly Summary[]): PaperStateInfo {
  const o = oldest(matches);
  return o ? possibleState(o) : { id, state: 'new' };
}

export async function lookupStates(
  db: PaperdexDb,
  cache: StateCache,
  papers: readonly LookupPaper[],
  visit?: string,
): Promise<StateMap> {
  const states: StateMap = {};
  const misses: LookupPaper[] = [];
  for (const p of papers) {
    let hit: Summary | undefined;
    let allAbsent = true;
    for (const id of [p.id, ...p.aliases]) {
      const c = cache.getId(id);
      if (c) {
        hit = c;
        break;
      }
      if (c === undefined) allAbsent = false;
    }
    if (hit) {
      states[p.id] = stateOf(hit, visit);
      continue;
    }
    if (allAbsent) {
      const key = normalizeTitle(p.title);
      const matches = key ? cache.getTitle(key) : [];
      if (matches) {
        states[p.id] = titleAnswer(p.id, matches);
        continue;
      }
    }
    misses.push(p);
  }
  if (misses.length === 0) return states;

  const token = cache.readToken();
  const { rows, titleRows, titleKeys, asked } = await db.transaction('r', db.papers, async (tx) => {
    // Most known papers are known by their primary id: ask for aliases only where that missed.
    const rows = await getByIndex<StoredPaper>(
      tx,
      'papers',
      'ids',
      misses.map((p) => p.id),
    );
    const owned = new Set(rows.flatMap((r) => r.ids));
    const second = misses.filter((p) => !owned.has(p.id)).flatMap((p) => p.aliases);
    // Only ids actually asked for may be cached as absent.
    const asked = [...misses.map((p) => p.id), ...second];
    for (const r of await getByIndex<StoredPaper>(tx, 'papers', 'ids', second)) {
      if (!owned.has(r.id)) {
        rows.push(r);
        for (const id of r.ids) owned.add(id);
      }
    }
    const titleKeys = new Set<string>();
    for (const p of misses) {
      if ([p.id, ...p.aliases].some((id) => owned.has(id))) continue;
      const key = normalizeTitle(p.title);
      if (key) titleKeys.add(key);
    }
    const titleRows = await getByIndex<StoredPaper>(tx, 'papers', 'titleKey', titleKeys, true);
    return { rows, titleRows, titleKeys, asked };
  });

  const owner = new Map<string, StoredPaper>();
  for (const r of rows) for (const id of r.ids) owner.set(id, r);
  const byTitle = new Map<string, StoredPaper[]>();
  for (const k of titleKeys) byTitle.set(k, []);
  for (const r of titleRows) byTitle.get(r.titleKey)?.push(r);

  for (const p of misses) {
    let hit: StoredPaper | undefined;
    for (const id of [p.id, ...p.aliases]) {
      hit = owner.get(id);
      if (hit) break;
    }
    if (hit) states[p.id] = stateOf(summarize(hit), visit);
    else
      states[p.id] = titleAnswer(p.id, (byTitle.get(normalizeTitle(p.title)) ?? []).map(summarize));
  }
  cache.fill(
    token,
    rows,
    asked.filter((id) => !owner.has(id)),
    byTitle,
  );
  return states;
}

/** A multi-entry index yields a row once per matching entry. */
export function dedupe(rows: StoredPaper[]): StoredPaper[] {
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}
