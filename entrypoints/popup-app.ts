/**
 * The popup's own script (Preact, the search, the components), added by its first script
 * (entrypoints/popup-first.ts) once the remembered rows are painted, or at once without them.
 *
 * Why an unlisted script and not the page's module: WXT builds all HTML pages in one Vite build,
 * so the popup's module shared chunks with the library and options pages and its first paint
 * waited for four files (entry, runtime, Preact and the components). In Chromium each file is a
 * request to the browser process and a response task back, and on a busy machine each of those
 * waits for a core. Built on its own, the popup is one file that needs no other before it paints;
 * Dexie follows in a second one (entrypoints/popup-db.ts), added once the first rows are painted.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startPopup } from './popup/main';

export default defineUnlistedScript({ main: startPopup, globalName: false });
