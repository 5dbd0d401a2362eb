import { createContext } from 'preact';
import type { PaperdexDb } from '../utils/library/db';

/** The read-only database handle of the page (popup or library). */
export const DbContext = createContext<PaperdexDb | null>(null);
