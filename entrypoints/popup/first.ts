import { drawFirstView } from '../../components/first-view';
import { readFirstView } from './snapshot';

/** The rest of the popup: Preact, the search and the components (entrypoints/popup-app.ts). */
const APP_SCRIPT = '/popup-app.js';

/**
 * The popup's first script: the remembered rows drawn without Preact (components/first-view.ts),
 * then the popup's own script, once that frame is out. The styles are in popup.html already
 * (wxt.config.ts, popupInlineStyles).
 */
export function startFirstFrame(): void {
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
  try {
    drawFirstView(root, view, { libraryUrl: new URL('/library.html', location.href).href });
  } catch (e) {
    // The popup opens without its remembered rows rather than not at all.
    root.replaceChildren();
    console.error('Paperdex: could not draw the remembered rows', e);
    loadApp();
    return;
  }
  document.getElementById('paperdex-search')?.focus();
  // After the frame that shows these rows: the task after the next animation frame. A page that
  // gets no frames (hidden) still loads the app, a little later.
  requestAnimationFrame(() => setTimeout(loadApp, 0));
  setTimeout(loadApp, 200);
}
