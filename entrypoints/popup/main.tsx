import { render } from 'preact';
import { App } from './App';
import { openPopupDb, type PopupData } from './data';
import { readFirstView, writeFirstView } from './snapshot';

/**
 * Added by the popup's first script (entrypoints/popup/first.ts), which has set the styles and
 * may have drawn the remembered rows: the first render below adopts those nodes.
 */
export function startPopup(): void {
  const root = document.getElementById('app')!;
  const initial = readFirstView();
  // Text typed into the first frame's search box before this script ran.
  const typed = document.querySelector<HTMLInputElement>('#paperdex-search')?.value ?? '';
  const draw = (data: PopupData | null) =>
    render(
      <App
        db={data?.db ?? null}
        bibtex={data?.toBibtex ?? null}
        initial={initial}
        initialText={typed}
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
