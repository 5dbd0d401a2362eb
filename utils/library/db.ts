/**
 * The one Dexie database and its versioned schema. Only the background writes; extension pages
 * (popup, library, options) open it read-only for queries, because a read through messaging would
 * copy 50,000 rows across a process boundary for every keystroke.
 *
 * Versions: add a new `db.version(n)` with an upgrade function for every schema change and keep a
 * migration test per version (tests/unit/db-migration.test.ts).
 */
import Dexie, { type EntityTable } from 'dexie';

export type PaperState = 'seen' | 'opened';
export type SightingHow = 'listed' | 'opened';

export interface StoredPaper {
  /** Primary id (identity scheme); changes only through a merge. */
  id: string;
  /** The primary id and every alias: one multi-entry index answers "have I met any of these?". */
  ids: string[];
  /** Normalized title (identity.normalizeTitle): finds "possible" duplicates. */
  titleKey: string;
  title: string;
  authors: string[];
  year?: number;
  venue?: string;
  abstract?: string;
  url?: string;
  pdfUrl?: string;
  /** Adapter ids / sites the paper was met on. */
  sources: string[];
  state: PaperState;
  /** 0 | 1: IndexedDB cannot index booleans. */
  starred: 0 | 1;
  tags: string[];
  note: string;
  firstSeen: number;
  lastSeen: number;
  seenCount: number;
  /** Search tokens (title, authors, venue, tags, note): prefix search through the index. */
  words: string[];
  /** Primary ids of stored papers with the same title but conflicting ids. */
  possible?: string[];
}

export interface Sighting {
  seq?: number;
  paperId: string;
  pageUrl: string;
  /** Adapter id that detected the paper there (the site). */
  site: string;
  pageTitle: string;
  time: number;
  how: SightingHow;
}

export const DB_NAME = 'paperdex';

export type PaperdexDb = Dexie & {
  papers: EntityTable<StoredPaper, 'id'>;
  sightings: EntityTable<Sighting, 'seq'>;
};

export const SCHEMA_V1 = {
  papers: 'id, *ids, titleKey, state, starred, firstSeen, lastSeen, seenCount, year, title, *tags, *words, *sources',
  sightings: '++seq, paperId, time, site, [paperId+time]',
} as const;

export function openDb(name: string = DB_NAME): PaperdexDb {
  const db = new Dexie(name) as PaperdexDb;
  db.version(1).stores(SCHEMA_V1);
  return db;
}
