import { render } from 'preact';
import sharedCss from '../../components/paperdex.css?inline';
import popupCss from './style.css?inline';
import type { PaperdexDb } from '../../utils/library/db';
import { App } from './App';
import { readFirstView, writeFirstView } from './snapshot';

export function startPopup(): void {
  // Styles travel inside this script: as stylesheets they were two more files to fetch before the
  // first paint, and module scripts wait for pending stylesheets before they run.
  const style = document.createElement('style');
  style.textContent = sharedCss + popupCss;
  document.head.append(style);

  const root = document.getElementById('app')!;
  const initial = readFirstView();
  const draw = (db: PaperdexDb | null) =>
    render(<App db={db} initial={initial} onFirstView={writeFirstView} />, root);

  // First the remembered rows, the search box and the chips, without a database (see snapshot.ts);
  // then Dexie and the first query, once the page is idle after painting them. Dexie travels in
  // this script (entrypoints/popup-app.ts) but evaluates only when ./data is first imported:
  // evaluating it and opening the database before the first render put both on the path to the
  // first paint, and doing so right after that frame still delayed the frame's completion. Without
  // remembered rows the query is the first paint's only source, so it starts at once.
  const data = initial ? undefined : import('./data');
  draw(null);
  let loading = false;
  const load = () => {
    if (loading) return;
    loading = true;
    void (data ?? import('./data')).then(({ openPopupDb }) => draw(openPopupDb()));
  };
  if (!initial) load();
  else if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 150 });
  else setTimeout(load, 50);
}
