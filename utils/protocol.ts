/**
 * The typed message map between the content script / extension pages and the background, and the
 * tiny client that sends them. This file is bundled into the content script that runs on every page,
 * so it holds types and one function; validation lives in protocol-validate.ts (background only).
 *
 * A request is `{ type, ...payload }`; a response is `{ ok: true, ...result }` or a Failure.
 */
import { ext as browser } from './ext';
import type { FileFormat, ImportedPaper } from './formats/types';
import type { Sighting, StoredPaper } from './library/db';
import type { DetectedPaper } from './paper';

/** What a mark shows. 'new' and 'possible' are never stored: they describe the answer. */
export type StateName = 'new' | 'seen' | 'opened' | 'starred' | 'possible';

/**
 * One paper's state, keyed in answers by the id the asker sent. `id` is the stored primary id
 * (the asker's own id when the paper is new); the other fields are absent for new papers and, for
 * 'possible', describe the stored paper whose title matched.
 */
export interface PaperStateInfo {
  id: string;
  state: StateName;
  seenCount?: number;
  firstSeen?: number;
  firstSite?: string;
  firstPageUrl?: string;
  lastSeen?: number;
  /** Only in unpacked `lookupPacked` answers: the first page's host (else the adapter id). */
  firstWhere?: string;
}

export type StateMap = Record<string, PaperStateInfo>;

export interface PageInfo {
  url: string;
  title: string;
}

/** A detected paper on the wire: DetectedPaper without the DOM element. */
export type WirePaper = DetectedPaper;
export type LookupPaper = Pick<DetectedPaper, 'id' | 'aliases' | 'title'>;

/** User data bounds, shared by the UI (to stop typing) and the validator (to reject). */
export const USER_LIMITS = { tags: 50, tag: 100, note: 20_000 } as const;

/** 'replace' empties the library first; only a Paperdex backup may replace it. */
export type ImportMode = 'merge' | 'replace';

/**
 * One part of a staged import. Foreign formats send `papers`; a backup sends its stored `rows`
 * first, then its `sightings` (a sighting must name a row already staged).
 */
export interface ImportChunk {
  importId: string;
  /** 0-based position of the chunk: a lost or repeated chunk is refused, not guessed around. */
  seq: number;
  papers?: ImportedPaper[];
  rows?: StoredPaper[];
  sightings?: Sighting[];
}

/** What a committed import did. `merged` counts entries that joined a paper already stored or repeated in the file. */
export interface ImportSummary {
  mode: ImportMode;
  format: FileFormat;
  entries: number;
  added: number;
  merged: number;
  sightingsAdded: number;
  /** Sightings the library already had (same page load): a backup restored twice adds nothing. */
  sightingsSkipped: number;
  /** Replace only: what the library held before. */
  removedPapers: number;
  removedSightings: number;
}

export interface ProtocolMap {
  /**
   * From the every-page gate: this page could hold papers, inject the detector into the sender's
   * frame. Only the background may inject, and only into the tab and frame that asked; `injected`
   * is false when the tab closed first.
   */
  activate: { req: Record<never, never>; res: { injected: boolean } };
  /**
   * The detector's first word, sent before it reads the page: a stopped worker starts and opens the
   * database while the page is read, instead of after, when the lookup comes.
   */
  warm: { req: Record<never, never>; res: Record<never, never> };
  /** Remember the papers of one page load; `visit` (random per load) makes a retry a no-op. */
  recordPage: {
    req: { page: PageInfo; visit: string; papers: WirePaper[] };
    res: { states: StateMap };
  };
  /** States of papers, no write. With `visit`, papers first met on that page load answer 'new'. */
  lookup: { req: { papers: LookupPaper[]; visit?: string }; res: { states: StateMap } };
  /**
   * The same question in the compact wire form of utils/protocol-packed.ts, for the marks of a
   * listing: thousands of papers, where message size is most of the time.
   */
  lookupPacked: {
    req: { ids: string; titles?: string; visit?: string };
    res: { states: string; places: string };
  };
  setStar: { req: { id: string; starred: boolean }; res: { state: PaperStateInfo } };
  setTags: { req: { id: string; tags: string[] }; res: { state: PaperStateInfo } };
  setNote: { req: { id: string; note: string }; res: { state: PaperStateInfo } };
  deletePaper: { req: { id: string }; res: { deleted: boolean } };
  /** A stored paper (by any of its ids) and its latest sightings, newest first. */
  getPaper: {
    req: { id: string; sightings?: number };
    res: { paper: StoredPaper | null; sightings: Sighting[] };
  };
  /** Context menu "Save to Paperdex": the page's paper from its URL's ids, else from its title. */
  savePage: { req: { page: PageInfo }; res: { state: PaperStateInfo } };
  /** Keyboard command: star (or toggle, without `starred`) the page's own paper. */
  starPage: { req: { page: PageInfo; starred?: boolean }; res: { state: PaperStateInfo } };
  /**
   * Imports are staged in the background's memory chunk by chunk and written by one transaction at
   * commit: a failed, cancelled or interrupted import (the worker restarted) writes nothing.
   */
  importBegin: { req: { mode: ImportMode; format: FileFormat }; res: { importId: string } };
  importChunk: { req: ImportChunk; res: { received: number } };
  /** `chunks` is how many the sender sent: a commit missing one is refused. */
  importCommit: { req: { importId: string; chunks: number }; res: { summary: ImportSummary } };
  importCancel: { req: { importId: string }; res: { cancelled: boolean } };
  /** Every paper and sighting, in one transaction. `confirm` guards against a stray message. */
  deleteAll: { req: { confirm: true }; res: { papers: number; sightings: number } };
}

export type MessageType = keyof ProtocolMap;
export type Request<T extends MessageType> = { type: T } & ProtocolMap[T]['req'];
export type AnyRequest = { [T in MessageType]: Request<T> }[MessageType];

export type ErrorCode =
  /** The message failed validation; nothing was written. */
  | 'invalid'
  /** The browser refused to store more (QuotaExceededError); nothing was written. */
  | 'storage-full'
  /** The paper named in the request is not stored. */
  | 'not-found'
  /** The background could not be reached (service worker restarting): retry. */
  | 'unavailable'
  | 'internal';

export interface Failure {
  ok: false;
  error: ErrorCode;
  message: string;
}

export type Success<T extends MessageType> = { ok: true } & ProtocolMap[T]['res'];
export type Response<T extends MessageType> = Success<T> | Failure;

/** Sends one message to the background. Never throws: transport failures come back as 'unavailable'. */
export async function sendMessage<T extends MessageType>(
  type: T,
  payload: ProtocolMap[T]['req'],
): Promise<Response<T>> {
  try {
    const res = (await browser.runtime.sendMessage({ ...payload, type })) as
      Response<T> | undefined;
    return res ?? { ok: false, error: 'unavailable', message: 'No answer from the background.' };
  } catch (e) {
    return { ok: false, error: 'unavailable', message: e instanceof Error ? e.message : String(e) };
  }
}
