import { render } from 'preact';
import '../../components/paperdex.css';
import './style.css';
import { openDb } from '../../utils/library/db';
import { LibraryApp } from './App';

render(<LibraryApp db={openDb()} />, document.getElementById('app')!);
