import { drawFirstView } from '../../components/first-view';
import sharedCss from '../../components/paperdex.css?inline';
import { readFirstView } from './snapshot';
import popupCss from './style.css?inline';

/** The rest of the popup: Preact, the search and the components (entrypoints/popup-app.ts). */
const APP_SCRIPT = '/popup-app.js';

/**
 * The popup's first script: styles, then the remembered rows drawn without Preact
 * (components/first-view.ts), then the popup's own script, once that frame is out.
 */
export function startFirstFrame(): void {
  // Styles travel inside this script: as stylesheets they were more files to fetch before the
  // first paint, and scripts wait for pending stylesheets before they run.
  const style = document.createElement('style');
  style.textContent = sharedCss + popupCss;
  document.head.append(style);

  let loaded = false;
  const loadApp = () => {
    if (loaded) return;
    loaded = true;
    const s = document.createElement('script');
    s.src = APP_SCRIPT;
    document.body.append(s);
  };

  const view = readFirstView();
  const root = document.getElementById('app');
  if (!view || !root) {
    // Nothing remembered: the popup's script and its first query are the first paint's source.
    loadApp();
    return;
  }
  drawFirstView(root, view, { libraryUrl: new URL('/library.html', location.href).href });
  document.getElementById('paperdex-search')?.focus();
  // After the frame that shows these rows: the task after the next animation frame. A page that
  // gets no frames (hidden) still loads the app, a little later.
  requestAnimationFrame(() => setTimeout(loadApp, 0));
  setTimeout(loadApp, 200);
}
