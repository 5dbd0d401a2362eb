import { browser } from 'wxt/browser';
import { openLibrary } from '../../components/actions';
import { BibtexContext, type BibtexWriter, DbContext } from '../../components/context';
import { PaperBrowser, type FirstView } from '../../components/PaperBrowser';
import type { PaperdexDb } from '../../utils/library/db';

export interface AppProps {
  /** Null until the database module has loaded: the page shows `initial` meanwhile. */
  db: PaperdexDb | null;
  /** The copy menu's BibTeX writer, which arrives with the database module. */
  bibtex?: BibtexWriter | null;
  /** The remembered first rows (see snapshot.ts), shown until the first query answers. */
  initial?: FirstView;
  onFirstView?: (view: FirstView) => void;
  /** Search text to start with (typed before the popup's script ran). */
  initialText?: string;
}

export function App({ db, bibtex = null, initial, onFirstView, initialText }: AppProps) {
  return (
    <DbContext.Provider value={db}>
      <BibtexContext.Provider value={bibtex}>
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
          <PaperBrowser
            withTabChip
            autoFocus
            initial={initial}
            initialText={initialText}
            onFirstView={onFirstView}
          />
        </main>
      </BibtexContext.Provider>
    </DbContext.Provider>
  );
}
