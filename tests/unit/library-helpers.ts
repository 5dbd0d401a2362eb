/** Shared by the library-*, protocol* tests: fresh databases and detected papers in a few words. */
import { openDb, type PaperdexDb } from '../../utils/library/db';
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
    sightings: await db.sightings.toArray(),
  };
}

export function arxiv(i: number): string {
  return `arxiv:2401.${String(10000 + i).slice(-5)}`;
}
