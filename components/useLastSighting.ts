import { useContext, useEffect, useState } from 'preact/hooks';
import type { Sighting } from '../utils/library/db';
import { lastSighting } from '../utils/search/run';
import { DbContext } from './context';

// Rows mount and unmount as the list scrolls; remembering answers keeps scrolling free of reads.
// Keyed by lastSeen too, so a new sighting is picked up.
const cache = new Map<string, Sighting | null>();
const MAX_CACHE = 2_000;
/**
 * Rows wait this long before asking: the popup's first rows paint without 16 queries queued behind
 * them, and rows that only flash by while the user types (each keystroke replaces them) never ask.
 */
const ASK_DELAY = 250;

/** The paper's most recent sighting (where to "revisit" it), read lazily for visible rows only. */
export function useLastSighting(paperId: string, lastSeen: number): Sighting | null | undefined {
  const db = useContext(DbContext);
  const key = `${paperId}\u0000${lastSeen}`;
  const [value, setValue] = useState<Sighting | null | undefined>(cache.get(key));
  useEffect(() => {
    if (cache.has(key)) {
      setValue(cache.get(key));
      return;
    }
    if (!db) return;
    let live = true;
    const timer = setTimeout(() => {
      lastSighting(db, paperId).then(
        (s) => {
          if (cache.size >= MAX_CACHE) cache.clear();
          cache.set(key, s ?? null);
          if (live) setValue(s ?? null);
        },
        () => live && setValue(null),
      );
    }, ASK_DELAY);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [db, key, paperId]);
  return value;
}
