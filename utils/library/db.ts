/**
 * The one Dexie database and its versioned schema. Only the background writes; extension pages
 * (popup, library, options) may open it read-only for queries, because a read through messaging would
 * copy 50,000 rows across a process boundary for every keystroke.
 *
 * Versions: add a new `db.version(n)` with an upgrade function for every schema change and keep a
 * migration test per version (tests/unit/db-migration.test.ts). SCHEMA_V1 is what ships first: once
 * released, never edit it — declare version 2 beside it instead.
 */
import Dexie, { type EntityTable } from 'dexie';
import { groupSightings } from './sightings';

/** Stored state; 'starred' is the separate `starred` flag, 'new'/'possible' exist only in answers. */
export type PaperState = 'seen' | 'opened';
export type SightingHow = 'listed' | 'opened';

export interface StoredPaper {
  /** Primary id (identity scheme): the highest-priority id of `ids`; changes only through a merge. */
  id: string;
  /** The primary id and every alias: one multi-entry index answers "have I met any of these?". */
  ids: string[];
  /** Normalized title (identity.normalizeTitle): finds "possible" duplicates. Empty when untitled. */
  titleKey: string;
  title: string;
  authors: string[];
  year?: number;
  venue?: string;
  abstract?: string;
  url?: string;
  pdfUrl?: string;
  /** Adapter ids the paper was met through ('saved' for the context menu). */
  sources: string[];
  state: PaperState;
  /** 0 | 1: IndexedDB cannot index booleans. */
  starred: 0 | 1;
  tags: string[];
  note: string;
  firstSeen: number;
  lastSeen: number;
  /** Number of page loads (visits) the paper was met on. */
  seenCount: number;
  /** Where the first sighting happened, copied here so a lookup never has to read sightings. */
  firstSite: string;
  firstPageUrl: string;
  /** The page-load id of the first sighting: lets answers say "new" on that page load, retries included. */
  firstVisit: string;
  /** Search tokens (title, authors, venue, tags, note): prefix search through the index. */
  words: string[];
  /** Primary ids of stored papers with the same title but conflicting ids (or a too-short title). */
  possible: string[];
}

/**
 * One paper met on one page load: the logical record that backups, the popup and tooltips use.
 * Since v3 it is not a stored row: a `Visit` holds the sightings of a page load (sightings.ts).
 */
export interface Sighting {
  seq?: number;
  paperId: string;
  pageUrl: string;
  /** Adapter id that detected the paper there (the site). */
  site: string;
  pageTitle: string;
  time: number;
  how: SightingHow;
  /** Random id of the page load: a retried recordPage finds its own sightings by it. */
  visit: string;
}

/**
 * The sightings of one page load that share a site and a how: the page's papers, by primary id, in
 * page order. A page load usually makes one row (a long listing recorded in slices, one per slice).
 * A merge rewrites the ids it renames, duplicates included: every sighting is kept.
 */
export interface Visit {
  seq?: number;
  visit: string;
  pageUrl: string;
  pageTitle: string;
  site: string;
  time: number;
  how: SightingHow;
  paperIds: string[];
}

/** A paper's search tokens, indexed: one row per paper, keyed by its primary id. */
export interface Terms {
  id: string;
  words: string[];
}

/** Papers whose `terms` row a recordPage left for later (see terms.ts). */
export interface TermsPending {
  seq?: number;
  ids: string[];
}

export const DB_NAME = 'paperdex';

export type PaperdexDb = Dexie & {
  papers: EntityTable<StoredPaper, 'id'>;
  visits: EntityTable<Visit, 'seq'>;
  terms: EntityTable<Terms, 'id'>;
  termsPending: EntityTable<TermsPending, 'seq'>;
};

/**
 * `*possible` lets a merge find and re-point the papers that name a merged-away primary id;
 * `visit` makes the idempotency check one query per page; `pageUrl` lets "star this page" find the
 * paper a content script recorded as the page's own.
 */
export const SCHEMA_V1 = {
  papers:
    'id, *ids, titleKey, state, starred, firstSeen, lastSeen, seenCount, year, title, *tags, *words, *sources, *possible',
  sightings: '++seq, paperId, visit, pageUrl, time, site, [paperId+time]',
} as const;

/**
 * v2 moves the words index out of `papers` into `terms`. About 22 index entries a paper made the
 * words index the largest part of writing a paper: measured in Chromium, 2,000 new papers and
 * their sightings took 2.4 times as long with it as without. In its own store it can be written
 * after a page's record has committed and answered (terms.ts), and a revisit, which rewrites every
 * index of a paper row to bump two counters, no longer rewrites the paper's words. `papers.words`
 * stays on the row: the search checks candidates against it.
 */
export const SCHEMA_V2 = {
  papers:
    'id, *ids, titleKey, state, starred, firstSeen, lastSeen, seenCount, year, title, *tags, *sources, *possible',
  sightings: SCHEMA_V1.sightings,
  terms: 'id, *words',
  termsPending: '++seq',
} as const;

/**
 * v3 keeps sightings as one row per page load (`visits`) instead of one row per paper and page
 * load. A sighting row cost its record and seven index entries, all repeating the page's URL and
 * title: recording a listing of 2,000 papers wrote 2,000 of them. Now it writes one row and the
 * 2,000 entries of its `paperIds` index. A paper's own sightings are found through that index;
 * the latest by the largest `seq`. The `title` index goes: nothing read it (title order walks
 * `titleKey`), and every paper write paid for an entry keyed by its whole title.
 */
export const SCHEMA_V3 = {
  papers:
    'id, *ids, titleKey, state, starred, firstSeen, lastSeen, seenCount, year, *tags, *sources, *possible',
  sightings: null,
  visits: '++seq, visit, pageUrl, *paperIds',
  terms: SCHEMA_V2.terms,
  termsPending: SCHEMA_V2.termsPending,
} as const;

export function openDb(name: string = DB_NAME): PaperdexDb {
  const db = new Dexie(name) as PaperdexDb;
  db.version(1).stores(SCHEMA_V1);
  db.version(2)
    .stores(SCHEMA_V2)
    .upgrade(async (tx) => {
      const terms = tx.table<Terms, string>('terms');
      // In slices: a library of 50,000 papers would otherwise hold every row in memory at once.
      let last: string | undefined;
      for (;;) {
        const papers = tx.table<StoredPaper, string>('papers');
        const slice = await (
          last === undefined ? papers.orderBy(':id') : papers.where(':id').above(last)
        )
          .limit(2_000)
          .toArray();
        if (slice.length === 0) break;
        await terms.bulkPut(slice.map((p) => ({ id: p.id, words: p.words })));
        last = slice[slice.length - 1]!.id;
      }
    });
  db.version(3)
    .stores(SCHEMA_V3)
    .upgrade(async (tx) => {
      const old = tx.table<Sighting, number>('sightings');
      const visits = tx.table<Visit, number>('visits');
      // In slices by seq, in the order they were written: a page load's sightings are consecutive.
      // A run cut by a slice's end continues in the next row, which loses nothing.
      let last = 0;
      for (;;) {
        const slice = await old.where(':id').above(last).limit(5_000).toArray();
        if (slice.length === 0) break;
        await visits.bulkAdd(groupSightings(slice));
        last = slice[slice.length - 1]!.seq!;
      }
    });
  return db;
}
