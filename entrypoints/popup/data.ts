/**
 * The popup's database: Dexie comes from its own script (entrypoints/popup-db.ts), loaded here on
 * demand; the first query starts as soon as the handle exists.
 */
import { NO_CHIPS } from '../../components/Chips';
import type { BibtexWriter } from '../../components/context';
import { PAGE } from '../../components/PaperBrowser';
import { prefetchSearch } from '../../components/useSearch';
import type { PaperdexDb } from '../../utils/library/db';
import type { PopupDbModule } from '../popup-db';

const GLOBAL = 'paperdexPopupDb';

function loadDbScript(): Promise<PopupDbModule> {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = '/popup-db.js';
    s.onload = () => {
      const mod = (globalThis as unknown as Record<string, PopupDbModule | undefined>)[GLOBAL];
      if (mod) resolve(mod);
      else reject(new Error('popup-db.js did not load'));
    };
    s.onerror = () => reject(new Error('popup-db.js did not load'));
    document.head.append(s);
  });
}

export interface PopupData {
  db: PaperdexDb;
  toBibtex: BibtexWriter;
}

export async function openPopupDb(): Promise<PopupData> {
  const { openDb, toBibtex } = await loadDbScript();
  // Read-only handle: the popup queries Dexie directly (see utils/search/run.ts); writes are messages.
  const db = openDb();
  // The first query starts before the render that hands `db` to the page.
  prefetchSearch(db, { text: '', chips: NO_CHIPS, sort: 'lastSeen', limit: PAGE });
  return { db, toBibtex };
}
