/**
 * Dexie and the database handle for the popup, in a file of its own that the popup's script
 * (entrypoints/popup-app.ts) adds to the page once its first rows are painted.
 *
 * Why not in the popup's file: Chromium restores a script's compiled code from its code cache
 * before the script runs, on a background thread that the page waits for. With Dexie inside, that
 * cache held Dexie's compiled functions too, and restoring them sat on the path to the first paint.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import type { BibtexWriter } from '../components/context';
import { toBibtex } from '../utils/formats/bibtex-out';
import { openDb } from '../utils/library/db';

/** What the popup reads from `globalThis[POPUP_DB_GLOBAL]` once this script has run. */
export interface PopupDbModule {
  openDb: typeof openDb;
  /** The copy menu's BibTeX writer, kept out of the popup's first script (see BibtexContext). */
  toBibtex: BibtexWriter;
}

export default defineUnlistedScript({
  main: (): PopupDbModule => ({ openDb, toBibtex }),
  globalName: 'paperdexPopupDb',
});
