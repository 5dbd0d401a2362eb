import { render } from 'preact';
import '../../components/paperdex.css';
import './style.css';
import { openDb } from '../../utils/library/db';
import { App } from './App';

// Read-only handle: the popup queries Dexie directly (see utils/search/run.ts); writes are messages.
render(<App db={openDb()} />, document.getElementById('app')!);
