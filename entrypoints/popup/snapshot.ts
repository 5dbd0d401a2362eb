/**
 * The popup's first rows, remembered in localStorage so that the next opening paints them
 * synchronously, in the first render, before Dexie has opened the database.
 *
 * Why: at 50,000 papers, the popup's time to rows was the bundle's evaluation, then Dexie's open
 * (an IndexedDB open is a round trip to the browser process, tens of ms and far more on a busy
 * machine), then the first query, then a render. localStorage is read synchronously from the
 * renderer's own copy, so the snapshot takes the open and the query off the path to first paint.
 * The query still runs (started as soon as the page is idle after painting these rows, see
 * main.tsx and prefetchSearch) and its answer replaces them a moment later, so a star set or a paper recorded since the last opening
 * shows within that moment; the list is marked as answering '' only once the real answer is in.
 *
 * Only the rows a popup shows without scrolling are kept, without their abstract and search
 * tokens (the bulk of a row): a few kB, parsed in well under a millisecond.
 */
import type { FirstView } from '../../components/PaperBrowser';
import type { StoredPaper } from '../../utils/library/db';

/** The localStorage key of the remembered first view (the bench clears it to time a first opening). */
export const FIRST_VIEW_KEY = 'paperdex:popup-first-view:v1';
/** A 600 px popup shows ~6 rows of 92 px; the virtualizer renders a few more (overscan). */
const ROWS = 16;

function slim(p: StoredPaper): StoredPaper {
  const { abstract: _abstract, words: _words, ...rest } = p;
  return { ...rest, words: [] };
}

const isStrings = (x: unknown): boolean =>
  Array.isArray(x) && x.every((s) => typeof s === 'string');

/**
 * What the popup's rows read of a remembered paper: a snapshot written by another version, or
 * edited by hand, is dropped rather than drawn (a row that throws would leave the popup blank).
 */
function drawable(p: unknown): p is StoredPaper {
  if (!p || typeof p !== 'object') return false;
  const r = p as Record<string, unknown>;
  return (
    typeof r.id === 'string' &&
    typeof r.title === 'string' &&
    isStrings(r.authors) &&
    isStrings(r.sources) &&
    isStrings(r.tags) &&
    typeof r.lastSeen === 'number' &&
    typeof r.seenCount === 'number' &&
    (r.url === undefined || typeof r.url === 'string') &&
    (r.venue === undefined || typeof r.venue === 'string') &&
    (r.year === undefined || typeof r.year === 'number')
  );
}

export function readFirstView(
  storage: Storage | undefined = globalThis.localStorage,
): FirstView | undefined {
  try {
    const raw = storage?.getItem(FIRST_VIEW_KEY);
    if (!raw) return undefined;
    const v = JSON.parse(raw) as Partial<FirstView>;
    if (!Array.isArray(v.papers) || v.papers.length === 0) return undefined;
    if (!v.papers.every(drawable)) return undefined;
    const count = typeof v.libraryCount === 'number' ? v.libraryCount : undefined;
    return { papers: v.papers, more: !!v.more, libraryCount: count };
  } catch {
    return undefined;
  }
}

export function writeFirstView(
  view: FirstView,
  storage: Storage | undefined = globalThis.localStorage,
): void {
  try {
    if (!storage) return;
    if (view.papers.length === 0) {
      storage.removeItem(FIRST_VIEW_KEY);
      return;
    }
    const raw = JSON.stringify({
      papers: view.papers.slice(0, ROWS).map(slim),
      more: view.more || view.papers.length > ROWS,
      libraryCount: view.libraryCount,
    });
    if (storage.getItem(FIRST_VIEW_KEY) !== raw) storage.setItem(FIRST_VIEW_KEY, raw);
  } catch {
    // Storage full or unavailable: the popup simply waits for its query next time.
  }
}
