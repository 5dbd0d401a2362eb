import { render } from 'preact';
import sharedCss from '../../components/paperdex.css?inline';
import popupCss from './style.css?inline';
import { App } from './App';
import { openPopupDb, type PopupData } from './data';
import { readFirstView, writeFirstView } from './snapshot';

export function startPopup(): void {
  // Styles travel inside this script: as stylesheets they were two more files to fetch before the
  // first paint, and module scripts wait for pending stylesheets before they run.
  const style = document.createElement('style');
  style.textContent = sharedCss + popupCss;
  document.head.append(style);

  const root = document.getElementById('app')!;
  const initial = readFirstView();
  const draw = (data: PopupData | null) =>
    render(
      <App
        db={data?.db ?? null}
        bibtex={data?.toBibtex ?? null}
        initial={initial}
        onFirstView={writeFirstView}
      />,
      root,
    );

  // First the remembered rows, the search box and the chips, without a database (see snapshot.ts);
  // then Dexie (entrypoints/popup-db.ts) and the first query, once the page is idle after painting
  // them. Loading Dexie before the first render put its fetch, compilation and the database open
  // on the path to the first paint; loading it right after that frame still delayed the frame's
  // completion (Chromium runs loading tasks first while a page loads). Without remembered rows the
  // query is the first paint's only source, so its script is asked for before the render.
  const data = initial ? undefined : openPopupDb();
  draw(null);
  let loading = false;
  const load = () => {
    if (loading) return;
    loading = true;
    void (data ?? openPopupDb()).then(draw);
  };
  if (!initial) load();
  else if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 150 });
  else setTimeout(load, 50);
}
