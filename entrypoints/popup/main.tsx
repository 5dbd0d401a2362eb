import { render } from 'preact';
import '../../components/paperdex.css';
import './style.css';
import { NO_CHIPS } from '../../components/Chips';
import { PAGE } from '../../components/PaperBrowser';
import { prefetchSearch } from '../../components/useSearch';
import { openDb } from '../../utils/library/db';
import { App } from './App';
import { readFirstView, writeFirstView } from './snapshot';

// Read-only handle: the popup queries Dexie directly (see utils/search/run.ts); writes are messages.
const db = openDb();
// The first query starts now, not after the first render (see snapshot.ts for the whole path).
prefetchSearch(db, { text: '', chips: NO_CHIPS, sort: 'lastSeen', limit: PAGE });
render(
  <App db={db} initial={readFirstView()} onFirstView={writeFirstView} />,
  document.getElementById('app')!,
);
