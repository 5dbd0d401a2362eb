import { render } from 'preact';
import { openDb } from '../../utils/library/db';
import { App } from './App';
import './style.css';

// Read-only handle: counts and exports read Dexie directly; imports and deletes are messages.
render(<App db={openDb()} />, document.getElementById('app')!);
