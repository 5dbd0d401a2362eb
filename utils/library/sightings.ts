/**
 * Sightings, read and written through the `visits` rows that hold them (schema v3: one row per
 * page load, not per paper). Callers see the logical Sighting, one paper met on one page load.
 */
// Types only from db.ts: the popup's first script reaches this module through the search, and a
// value import of db.ts would bring Dexie into it (Dexie loads after the first paint).
import type { PaperdexDb, Sighting, Visit } from './db';

/** Same page load, site, how and page: consecutive sightings that make one Visit. */
function sameVisit(v: Visit, s: Sighting): boolean {
  return (
    v.visit === s.visit &&
    v.site === s.site &&
    v.how === s.how &&
    v.time === s.time &&
    v.pageUrl === s.pageUrl &&
    v.pageTitle === s.pageTitle
  );
}

/** Sightings in order, as Visit rows: each run of sightings of one page load becomes one row. */
export function groupSightings(sightings: Iterable<Sighting>): Visit[] {
  const out: Visit[] = [];
  let cur: Visit | undefined;
  for (const s of sightings) {
    if (cur && sameVisit(cur, s)) {
      cur.paperIds.push(s.paperId);
      continue;
    }
    cur = {
      visit: s.visit,
      pageUrl: s.pageUrl,
      pageTitle: s.pageTitle,
      site: s.site,
      time: s.time,
      how: s.how,
      paperIds: [s.paperId],
    };
    out.push(cur);
  }
  return out;
}

/** The sightings a row holds, only those of the papers `keep` accepts when given. */
export function expandVisit(v: Visit, keep?: (paperId: string) => boolean): Sighting[] {
  const out: Sighting[] = [];
  for (const paperId of v.paperIds) {
    if (keep && !keep(paperId)) continue;
    out.push({
      paperId,
      pageUrl: v.pageUrl,
      site: v.site,
      pageTitle: v.pageTitle,
      time: v.time,
      how: v.how,
      visit: v.visit,
    });
  }
  return out;
}

/** Writes sightings as rows, each run of one page load's sightings in one row. */
export async function addSightings(db: PaperdexDb, sightings: readonly Sighting[]): Promise<void> {
  if (sightings.length) await db.visits.bulkAdd(groupSightings(sightings));
}

/** Primary ids already sighted on a page load (a retried record finds its own sightings so). */
export async function sightedOnVisit(db: PaperdexDb, visit: string): Promise<string[]> {
  const rows = await db.visits.where('visit').equals(visit).toArray();
  return rows.flatMap((v) => v.paperIds);
}

/** Rows naming any of `ids`, each once (a multi-entry match can name a row once per id). */
async function rowsNaming(db: PaperdexDb, ids: readonly string[]): Promise<Visit[]> {
  if (!ids.length) return [];
  const rows = await db.visits
    .where('paperIds')
    .anyOf([...ids])
    .toArray();
  const seen = new Set<number>();
  return rows.filter((v) => !seen.has(v.seq!) && seen.add(v.seq!));
}

/** Merges renamed papers: their sightings follow them to `resolve(id)`, every one kept. */
export async function repointSightings(
  db: PaperdexDb,
  gone: readonly string[],
  resolve: (id: string) => string,
): Promise<void> {
  const rows = await rowsNaming(db, gone);
  for (const v of rows) v.paperIds = v.paperIds.map(resolve);
  if (rows.length) await db.visits.bulkPut(rows);
}

/** Deletes a paper's sightings; a row left without any is deleted. */
export async function deleteSightingsOf(db: PaperdexDb, paperId: string): Promise<void> {
  const rows = await rowsNaming(db, [paperId]);
  const keep: Visit[] = [];
  const drop: number[] = [];
  for (const v of rows) {
    v.paperIds = v.paperIds.filter((x) => x !== paperId);
    if (v.paperIds.length) keep.push(v);
    else drop.push(v.seq!);
  }
  if (keep.length) await db.visits.bulkPut(keep);
  if (drop.length) await db.visits.bulkDelete(drop);
}

/**
 * A paper's newest sightings, newest first. Its rows' keys come from the index alone, and only
 * the last `limit` rows are read: rows are numbered as they are written, so those are the newest.
 */
export async function sightingsOf(
  db: PaperdexDb,
  paperId: string,
  limit: number,
): Promise<Sighting[]> {
  if (limit <= 0) return [];
  const seqs = (await db.visits.where('paperIds').equals(paperId).primaryKeys()) as number[];
  const rows = await db.visits.bulkGet(seqs.slice(-limit));
  const out: Sighting[] = [];
  for (const v of rows) if (v) out.push(...expandVisit(v, (id) => id === paperId));
  // Stable: sightings of one time keep their row order, newest row first.
  out.reverse();
  out.sort((a, b) => b.time - a.time);
  return out.slice(0, limit);
}

/** Number of sightings in the library (not of rows). */
export async function countSightings(db: PaperdexDb): Promise<number> {
  let n = 0;
  await db.visits.each((v) => {
    n += v.paperIds.length;
  });
  return n;
}

/**
 * Every sighting, or those of `scope`'s papers, in the order they were written, numbered from 1
 * as a backup numbers them.
 */
export async function readSightings(
  db: PaperdexDb,
  scope?: ReadonlySet<string>,
): Promise<Sighting[]> {
  const rows = scope ? await rowsNaming(db, [...scope]) : await db.visits.toArray();
  rows.sort((a, b) => a.seq! - b.seq!);
  const out: Sighting[] = [];
  for (const v of rows) out.push(...expandVisit(v, scope && ((id) => scope.has(id))));
  out.forEach((s, i) => (s.seq = i + 1));
  return out;
}
