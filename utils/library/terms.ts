/**
 * The `terms` store: each paper's search words under an index of their own (schema v2, db.ts).
 *
 * Writers that change few papers (imports, edits, deletes) keep `terms` right inside their own
 * transaction. recordPage may instead leave one `termsPending` row naming the papers it created,
 * changed or removed, and a later `flushTerms` copies their words across. The page's record then
 * commits and answers without the tens of thousands of index entries a long listing's words make,
 * and a pending row written in the same transaction as the papers means a worker killed before the
 * flush loses nothing: the next start flushes it. Until then a new paper is stored and marked but
 * not yet found by a word search, for about as long as the flush takes (a second for 2,000 papers).
 */
import type { PaperdexDb, StoredPaper, Terms } from './db';

export function termsOf(p: Pick<StoredPaper, 'id' | 'words'>): Terms {
  return { id: p.id, words: p.words };
}

export function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((w, i) => w === b[i]);
}

/** True when the row's words differ from what it had before: only then does `terms` change. */
export function wordsChanged(before: StoredPaper | undefined, after: StoredPaper): boolean {
  return !before || before.id !== after.id || !sameWords(before.words, after.words);
}

/** Brings `terms` in line with rows written and ids removed, in the caller's transaction. */
export async function writeTerms(
  db: PaperdexDb,
  put: readonly StoredPaper[],
  removed: readonly string[],
): Promise<void> {
  if (removed.length) await db.terms.bulkDelete([...removed]);
  if (put.length) await db.terms.bulkPut(put.map(termsOf));
}

/** Rows per flush transaction: bounds its memory and how long it holds `papers`. */
const FLUSH_SLICE = 5_000;

/**
 * Copies the current words of every paper named by pending rows into `terms` (or drops the terms
 * of papers that are gone) and removes those pending rows, in one transaction per slice. Reading
 * the words inside the same transaction means a flush never writes words older than the paper.
 * Returns how many papers it indexed.
 */
export async function flushTerms(db: PaperdexDb): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction('rw', db.papers, db.terms, db.termsPending, async () => {
      const pending = await db.termsPending.limit(50).toArray();
      if (pending.length === 0) return 0;
      const ids = new Set<string>();
      const seqs: number[] = [];
      for (const row of pending) {
        seqs.push(row.seq!);
        for (const id of row.ids) ids.add(id);
        if (ids.size >= FLUSH_SLICE) break;
      }
      const list = [...ids];
      const rows = await db.papers.bulkGet(list);
      const put: Terms[] = [];
      const gone: string[] = [];
      rows.forEach((r, i) => (r ? put.push(termsOf(r)) : gone.push(list[i]!)));
      if (gone.length) await db.terms.bulkDelete(gone);
      if (put.length) await db.terms.bulkPut(put);
      await db.termsPending.bulkDelete(seqs);
      return list.length;
    });
    if (n === 0) return total;
    total += n;
  }
}

/**
 * Runs flushTerms after writes, one flush at a time; a request during a flush runs one more after
 * it, so no pending row is left behind and bursts of pages share flushes.
 */
export class TermsFlusher {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly db: PaperdexDb,
    private readonly onError: (e: unknown) => void = () => {},
  ) {}

  request(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await flushTerms(this.db);
        } catch (e) {
          // Pending rows stay: the next request (or the next start) retries them.
          this.onError(e);
          break;
        }
      } while (this.again);
      this.running = null;
    })();
    return this.running;
  }

  /** Resolves when no flush is running (tests, and writers that need search to be current). */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }
}
