/**
 * The popup's database: opened, and the first query started, in a module of its own so that
 * Dexie (most of the popup's JavaScript) is loaded after the first paint, not before it.
 */
import { NO_CHIPS } from '../../components/Chips';
import { PAGE } from '../../components/PaperBrowser';
import { prefetchSearch } from '../../components/useSearch';
import { openDb, type PaperdexDb } from '../../utils/library/db';

export function openPopupDb(): PaperdexDb {
  // Read-only handle: the popup queries Dexie directly (see utils/search/run.ts); writes are messages.
  const db = openDb();
  // The first query starts before the render that hands `db` to the page.
  prefetchSearch(db, { text: '', chips: NO_CHIPS, sort: 'lastSeen', limit: PAGE });
  return db;
}
