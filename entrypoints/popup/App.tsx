import { browser } from 'wxt/browser';
import { openLibrary } from '../../components/actions';
import { DbContext } from '../../components/context';
import { PaperBrowser } from '../../components/PaperBrowser';
import type { PaperdexDb } from '../../utils/library/db';

export interface AppProps {
  db: PaperdexDb;
}

export function App({ db }: AppProps) {
  return (
    <DbContext.Provider value={db}>
      <header class="top">
        <h1>Paperdex</h1>
        <a
          class="text-button"
          href={browser.runtime.getURL('/library.html')}
          target="_blank"
          rel="noopener"
          onClick={(e) => {
            e.preventDefault();
            void openLibrary();
          }}
        >
          Open library
        </a>
      </header>
      <main>
        <PaperBrowser withTabChip autoFocus />
      </main>
    </DbContext.Provider>
  );
}
