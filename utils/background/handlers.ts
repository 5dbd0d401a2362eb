/**
 * The background's message handling: validate, dispatch to utils/library, answer. The returned
 * function never throws or rejects — every failure becomes `{ ok: false, error, message }` — so the
 * onMessage listener can always answer and the content script can decide to retry.
 */
import { buildIdentity, idsFromUrl } from '../identity';
import { LIMITS, type DetectedPaper } from '../paper';
import type {
  AnyRequest,
  ErrorCode,
  Failure,
  LookupPaper,
  MessageType,
  PageInfo,
  Response,
  StateMap,
} from '../protocol';
import { packStates, unpackIds } from '../protocol-packed';
import { validateRequest } from '../protocol-validate';
import { type BadgeView, TabTally } from '../library/badge';
import { StateCache, type Summary } from '../library/cache';
import type { PaperdexDb } from '../library/db';
import {
  commitImport,
  deleteAll,
  ImportRefused,
  ImportStaging,
  type StagedImport,
} from '../library/import';
import { lookupStates, stateOf } from '../library/lookup';
import {
  deletePaper,
  findPagePaper,
  getPaper,
  type Mutation,
  setNote,
  setStar,
  setTags,
} from '../library/mutations';
import { recordPage } from '../library/record';
import { TermsFlusher } from '../library/terms';

/** The parts of runtime.MessageSender the handlers use (tests pass plain objects). */
export interface SenderLike {
  id?: string;
  tab?: { id?: number };
  frameId?: number;
}

export interface HandlerDeps {
  now?: () => number;
  /** Page-load id for writes the background starts itself (context menu, keyboard command). */
  newVisit?: () => string;
  warn?: (message: string) => void;
  /** When set, messages from any other sender id are refused. */
  extensionId?: string;
  /** A tab's badge changed (after each recordPage from that tab). */
  onBadge?: (tabId: number, badge: BadgeView) => void;
  /** Runs the detector in one frame of a tab (the `activate` message). */
  inject?: (tabId: number, frameId: number) => Promise<boolean>;
}

export interface Handlers {
  (message: unknown, sender?: SenderLike): Promise<Response<MessageType>>;
  readonly cache: StateCache;
  /** Resolves when the words of every recorded page are searchable (see library/terms.ts). */
  termsIndexed(): Promise<void>;
  /** The tab navigated or closed: its badge tally starts over. */
  forgetTab(tabId: number): void;
}

/** Source recorded for papers saved from the context menu, where no adapter ran. */
export const SAVED_SOURCE = 'saved';

function failure(error: ErrorCode, message: string): Failure {
  return { ok: false, error, message };
}

/** Dexie wraps the DOMException (sometimes inside an AbortError or a BulkError): look through. */
export function isQuotaError(e: unknown, depth = 0): boolean {
  if (typeof e !== 'object' || e === null || depth > 4) return false;
  const x = e as { name?: unknown; inner?: unknown; failures?: unknown };
  if (x.name === 'QuotaExceededError' || x.name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
  if (isQuotaError(x.inner, depth + 1)) return true;
  return Array.isArray(x.failures) && x.failures.some((f) => isQuotaError(f, depth + 1));
}

function randomVisit(): string {
  const a = new Uint32Array(3);
  crypto.getRandomValues(a);
  return Array.from(a, (n) => n.toString(36)).join('');
}

export function createHandlers(db: PaperdexDb, deps: HandlerDeps = {}): Handlers {
  const now = deps.now ?? Date.now;
  const newVisit = deps.newVisit ?? randomVisit;
  const warn = deps.warn ?? ((m: string) => console.warn(`[paperdex] ${m}`));
  const cache = new StateCache();
  const tally = new TabTally();
  // Staged imports live in this worker's memory only: a restart drops them, and their commit
  // then fails with a message saying so, having written nothing.
  const imports = new ImportStaging(now);

  const terms = new TermsFlusher(db, (e) =>
    warn(`indexing search words failed: ${e instanceof Error ? e.message : String(e)}`),
  );
  // Words a worker stopped before flushing (killed, or closed by the browser) are still pending:
  // the first message of the next start flushes them, so no message ever opens the database early.
  let recovered = false;

  const record = async (
    page: PageInfo,
    visit: string,
    papers: DetectedPaper[],
  ): Promise<StateMap> => {
    const states = await cache.write(async () => {
      // Inside the write, the cache is exact about what is not stored (see StateCache.write).
      const out = await recordPage(db, {
        page,
        visit,
        papers,
        now: now(),
        deferTerms: true,
        known: cache,
      });
      return { result: out.states, changes: out.changes };
    });
    void terms.request();
    return states;
  };

  const edited = async (
    run: () => Promise<Mutation<Summary | null>>,
    id: string,
  ): Promise<Response<'setStar'>> => {
    const s = await cache.write(run);
    return s
      ? { ok: true, state: stateOf(s) }
      : failure('not-found', `No stored paper has the id ${id}.`);
  };

  async function savePage(page: PageInfo) {
    const identity = buildIdentity(idsFromUrl(page.url), page.title);
    if (!identity) return undefined;
    const paper: DetectedPaper = {
      id: identity.id,
      aliases: identity.aliases,
      title: page.title.slice(0, LIMITS.title),
      authors: [],
      source: SAVED_SOURCE,
      kind: 'single',
      url: page.url,
    };
    await record(page, newVisit(), [paper]);
    // The stored state ('opened'), not the page-load view ('new'): the user just chose to keep it.
    const states = await lookupStates(db, cache, [paper]);
    return states[paper.id];
  }

  async function commit(staged: StagedImport): Promise<Response<'importCommit'>> {
    try {
      const summary = await cache.write(async () => {
        const out = await commitImport(db, staged, now());
        // Inside the write: no lookup can cache a pre-import answer between commit and clear.
        if (out.clearCache) cache.clear();
        return { result: out.summary, changes: out.changes };
      });
      return { ok: true, summary };
    } catch (e) {
      if (e instanceof ImportRefused) throw e;
      if (isQuotaError(e)) {
        warn('import failed: storage full');
        return failure(
          'storage-full',
          'The import did not fit: the browser has no storage left for Paperdex. Nothing was imported; the library is unchanged.',
        );
      }
      const why = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      warn(`import failed: ${why}`);
      return failure(
        'internal',
        `The import failed while writing (${why.slice(0, 200)}). Nothing was imported; the library is unchanged.`,
      );
    }
  }

  async function wipe(): Promise<Response<'deleteAll'>> {
    const counts = await cache.write(async () => {
      const result = await deleteAll(db);
      cache.clear();
      return { result, changes: { removed: [], put: [] } };
    });
    return { ok: true, ...counts };
  }

  async function dispatch(
    req: AnyRequest,
    sender: SenderLike | undefined,
  ): Promise<Response<MessageType>> {
    switch (req.type) {
      case 'activate': {
        const tabId = sender?.tab?.id;
        if (tabId === undefined || tabId < 0 || !deps.inject)
          return failure('invalid', 'Only a page in a tab can ask for the detector.');
        return { ok: true, injected: await deps.inject(tabId, sender?.frameId ?? 0) };
      }
      case 'warm':
        if (!db.isOpen()) await db.open();
        return { ok: true };
      case 'recordPage': {
        const states = await record(req.page, req.visit, req.papers);
        const tabId = sender?.tab?.id;
        if (tabId !== undefined && tabId >= 0 && deps.onBadge) {
          // The toolbar badge is decoration: a failure there must never fail a save.
          try {
            deps.onBadge(tabId, tally.add(tabId, req.visit, states));
          } catch (e) {
            warn(`toolbar badge failed: ${e instanceof Error ? e.message : String(e)}`);
          }
        }
        return { ok: true, states };
      }
      case 'lookup':
        return { ok: true, states: await lookupStates(db, cache, req.papers, req.visit) };
      case 'lookupPacked': {
        const rows = unpackIds(req.ids);
        const titles = req.titles?.split('\n');
        const papers: LookupPaper[] = [];
        const asked: string[] = [];
        for (const [i, row] of rows.entries()) {
          // An empty line asks about nothing: it answers 'new' below, from an empty state map.
          asked.push(row[0] ?? '');
          if (row[0]) papers.push({ id: row[0], aliases: row.slice(1), title: titles?.[i] ?? '' });
        }
        const states = await lookupStates(db, cache, papers, req.visit);
        return { ok: true, ...packStates(asked, states) };
      }
      case 'setStar':
        return edited(() => setStar(db, req.id, req.starred), req.id);
      case 'setTags':
        return edited(() => setTags(db, req.id, req.tags), req.id);
      case 'setNote':
        return edited(() => setNote(db, req.id, req.note), req.id);
      case 'deletePaper':
        return { ok: true, deleted: await cache.write(() => deletePaper(db, req.id)) };
      case 'getPaper':
        return { ok: true, ...(await getPaper(db, req.id, req.sightings)) };
      case 'savePage': {
        const state = await savePage(req.page);
        return state
          ? { ok: true, state }
          : failure('invalid', 'This page names no paper: no id in its URL and no title.');
      }
      case 'starPage': {
        const urlIds = idsFromUrl(req.page.url);
        let paper = await findPagePaper(db, urlIds, req.page.url);
        // A paper page the content script did not record (paused, or not detected): save it first.
        if (!paper && urlIds.length && (await savePage(req.page)))
          paper = await findPagePaper(db, urlIds, req.page.url);
        if (!paper) return failure('not-found', 'No paper is known for this page.');
        const id = paper.id;
        const starred = req.starred ?? paper.starred === 0;
        return edited(() => setStar(db, id, starred), id);
      }
      case 'importBegin':
        return { ok: true, importId: imports.begin(req.mode, req.format) };
      case 'importChunk':
        return { ok: true, received: imports.stage(req) };
      case 'importCommit':
        return commit(imports.take(req.importId, req.chunks));
      case 'importCancel':
        return { ok: true, cancelled: imports.cancel(req.importId) };
      case 'deleteAll':
        return wipe();
    }
  }

  const handle = async (message: unknown, sender?: SenderLike): Promise<Response<MessageType>> => {
    if (deps.extensionId !== undefined && sender?.id !== deps.extensionId) {
      warn('rejected a message from another sender');
      return failure('invalid', 'Unknown sender.');
    }
    const v = validateRequest(message);
    if (!v.ok) {
      warn(`rejected ${v.type}: ${v.reason}`);
      // A refused chunk ends its import: a commit must never apply an import with a part missing.
      const importId =
        v.type === 'importChunk' ? (message as { importId?: unknown }).importId : undefined;
      if (typeof importId === 'string' && imports.cancel(importId))
        return failure(
          'invalid',
          `Rejected importChunk: ${v.reason}. The import was stopped; nothing was written.`,
        );
      return failure('invalid', `Rejected ${v.type}: ${v.reason}.`);
    }
    try {
      const res = await dispatch(v.request, sender);
      if (!recovered && v.request.type !== 'activate') {
        recovered = true;
        void terms.request();
      }
      return res;
    } catch (e) {
      if (e instanceof ImportRefused) {
        warn(`${v.request.type} refused: ${e.message}`);
        return failure(e.code, e.message);
      }
      if (isQuotaError(e)) {
        warn(`${v.request.type} failed: storage full`);
        return failure(
          'storage-full',
          'Paperdex could not save: the browser has no storage left for it. Nothing from this page was saved; free disk space or delete papers, then reload the page.',
        );
      }
      warn(
        `${v.request.type} failed: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`,
      );
      return failure('internal', 'Paperdex hit an internal error; see the background console.');
    }
  };

  return Object.assign(handle, {
    cache,
    termsIndexed: () => terms.idle(),
    forgetTab: (tabId: number) => tally.forget(tabId),
  });
}
