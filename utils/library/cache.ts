/**
 * In-memory id → state cache, owned by the background's handler layer.
 *
 * Why: IndexedDB runs a readonly transaction only after every earlier readwrite transaction on the
 * same stores has finished, so a lookup for the marks of a newly opened tab would queue behind a
 * 2,000-paper recordPage of another tab. The background is the only writer, so it can know every
 * change: the cache is warmed lazily (lookups fill it from their reads, writes from their results),
 * updated after each committed write and told about deletes. A lookup whose ids are all cached
 * (present or known absent) answers from memory without touching IndexedDB.
 *
 * Consistency: a fill from a read is accepted only when no write ran at any time during that read
 * (a write counter is compared before and after); otherwise the read's answer is still returned to
 * its caller, just not cached, because it may predate the write. Writes update the cache only after
 * their transaction committed, so a failed write (quota, killed worker) never shows in answers.
 *
 * Writes run one at a time, each after the one before has committed and been applied here. Every
 * write touches `papers`, so IndexedDB would run them one after another anyway; queueing them here
 * as well means that a write, once running, sees in this cache everything committed before it, and
 * may skip reading what the cache knows is not stored (`knownAbsent`, `knownUntitled`).
 */
import type { StoredPaper } from './db';

export type Summary = Pick<
  StoredPaper,
  | 'id'
  | 'ids'
  | 'titleKey'
  | 'state'
  | 'starred'
  | 'seenCount'
  | 'firstSeen'
  | 'lastSeen'
  | 'firstSite'
  | 'firstPageUrl'
  | 'firstVisit'
  | 'possible'
>;

export function summarize(p: StoredPaper): Summary {
  return {
    id: p.id,
    ids: [...p.ids],
    titleKey: p.titleKey,
    state: p.state,
    starred: p.starred,
    seenCount: p.seenCount,
    firstSeen: p.firstSeen,
    lastSeen: p.lastSeen,
    firstSite: p.firstSite,
    firstPageUrl: p.firstPageUrl,
    firstVisit: p.firstVisit,
    possible: [...p.possible],
  };
}

/** What one committed write changed: rows gone (deleted or merged away), then rows written. */
export interface CacheChanges {
  removed: Array<Pick<StoredPaper, 'id' | 'ids' | 'titleKey'>>;
  put: Summary[];
}

/** An id the cache knows nothing about, one it knows is not stored, or the paper that holds it. */
export type CachedId = undefined | null | Summary;

/** Past this many ids the cache starts over: a long session must not grow the worker without bound. */
const MAX_IDS = 300_000;

export class StateCache {
  private byId = new Map<string, string | null>();
  private papers = new Map<string, Summary>();
  /** titleKey → primary ids of every stored paper with that key (a complete list, or absent). */
  private titles = new Map<string, string[]>();
  private writeSeq = 0;
  /** Writes asked for and not yet settled, queued ones included. */
  private writing = 0;
  private queue: Promise<unknown> = Promise.resolve();

  get size(): number {
    return this.byId.size;
  }

  getId(id: string): CachedId {
    const p = this.byId.get(id);
    if (p === undefined || p === null) return p;
    // A dangling pointer would be a bug; treat it as unknown so the database answers.
    return this.papers.get(p);
  }

  getTitle(titleKey: string): Summary[] | undefined {
    const list = this.titles.get(titleKey);
    if (!list) return undefined;
    const out: Summary[] = [];
    for (const id of list) {
      const s = this.papers.get(id);
      if (!s) return undefined;
      out.push(s);
    }
    return out;
  }

  /**
   * The id is known not to be stored. Inside a write's `run` this is exact: no other write can
   * commit meanwhile, and every earlier one has been applied.
   */
  knownAbsent(id: string): boolean {
    return this.byId.get(id) === null;
  }

  /** No stored paper has this title key (a complete, empty list); exact inside a write's `run`. */
  knownUntitled(titleKey: string): boolean {
    return this.titles.get(titleKey)?.length === 0;
  }

  /** Call before a read whose result may fill the cache; pass the token to fill(). */
  readToken(): number {
    return this.writing > 0 ? -1 : this.writeSeq;
  }

  /**
   * Caches what a read found: the rows, the ids it proved absent and complete title lists. Ignored
   * when a write ran during the read.
   */
  fill(
    token: number,
    rows: StoredPaper[],
    absent: Iterable<string>,
    titles: Map<string, StoredPaper[]>,
  ): void {
    if (token < 0 || token !== this.writeSeq || this.writing > 0) return;
    this.bound();
    for (const r of rows) this.setPaper(summarize(r));
    for (const id of absent) if (!this.byId.has(id)) this.byId.set(id, null);
    for (const [key, list] of titles) {
      for (const r of list) this.setPaper(summarize(r));
      this.titles.set(
        key,
        list.map((r) => r.id),
      );
    }
  }

  /**
   * Runs one write after every earlier write has settled: answers stay consistent around it, and
   * `changes` is applied only if it commits. It counts as a write from the moment it is asked for,
   * so a read that overlaps it while it waits its turn fills nothing either.
   */
  write<T>(run: () => Promise<{ result: T; changes: CacheChanges }>): Promise<T> {
    this.writeSeq++;
    this.writing++;
    const turn = this.queue
      .then(async () => {
        // On failure the transaction rolled back, so the cache is still right: nothing to undo.
        const { result, changes } = await run();
        try {
          this.apply(changes);
        } catch {
          // The write committed; a cache that cannot follow it must not answer from stale data.
          this.clear();
        }
        return result;
      })
      .finally(() => {
        this.writing--;
        this.writeSeq++;
      });
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  clear(): void {
    this.byId.clear();
    this.papers.clear();
    this.titles.clear();
  }

  private apply(changes: CacheChanges): void {
    this.bound();
    for (const r of changes.removed) {
      this.papers.delete(r.id);
      // Known absent now; a merge re-points these ids in the puts below.
      for (const id of r.ids) if (this.byId.get(id) === r.id) this.byId.set(id, null);
      const list = this.titles.get(r.titleKey);
      if (list)
        this.titles.set(
          r.titleKey,
          list.filter((x) => x !== r.id),
        );
    }
    for (const s of changes.put) {
      const old = this.papers.get(s.id);
      if (old && old.titleKey !== s.titleKey) {
        const list = this.titles.get(old.titleKey);
        if (list)
          this.titles.set(
            old.titleKey,
            list.filter((x) => x !== s.id),
          );
      }
      this.setPaper(s);
      // Only extend lists known to be complete: an absent list stays unknown.
      const list = this.titles.get(s.titleKey);
      if (list && !list.includes(s.id)) list.push(s.id);
    }
  }

  private setPaper(s: Summary): void {
    this.papers.set(s.id, s);
    for (const id of s.ids) this.byId.set(id, s.id);
  }

  private bound(): void {
    if (this.byId.size > MAX_IDS) this.clear();
  }
}
