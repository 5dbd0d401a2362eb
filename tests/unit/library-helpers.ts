/** Shared by the library-*, protocol* tests: fresh databases and detected papers in a few words. */
import { openDb, type PaperdexDb, type Sighting } from '../../utils/library/db';
import { readSightings } from '../../utils/library/sightings';
import type { DetectedPaper } from '../../utils/paper';

let n = 0;

/** A database no other test touches (fake-indexeddb is one global store per worker). */
export function freshDb(): PaperdexDb {
  n += 1;
  return openDb(`paperdex-test-${n}-${Math.random().toString(36).slice(2)}`);
}

export function paper(id: string, extra: Partial<DetectedPaper> = {}): DetectedPaper {
  return {
    id,
    aliases: [],
    title: `Paper ${id}`,
    authors: [],
    source: 'test-site',
    kind: 'listing',
    ...extra,
  };
}

export const PAGE = { url: 'https://example.org/list', title: 'A listing' };

/** Everything in the database, in key order: equal snapshots mean nothing was written. */
export async function snapshot(db: PaperdexDb): Promise<unknown> {
  return {
    papers: await db.papers.toArray(),
    // Sightings as the library's readers see them: a backup restored by replacing rewrites the
    // rows under new numbers, and the same sightings are the same library.
    sightings: await readSightings(db),
  };
}

export function arxiv(i: number): string {
  return `arxiv:2401.${String(10000 + i).slice(-5)}`;
}

/** Every sighting in the library, one per paper and page load, in the order written. */
export function allSightings(db: PaperdexDb): Promise<Sighting[]> {
  return readSightings(db);
}

/** The sightings of one paper (by its primary id), in the order written. */
export async function sightingsFor(db: PaperdexDb, paperId: string): Promise<Sighting[]> {
  return (await readSightings(db)).filter((s) => s.paperId === paperId);
}
