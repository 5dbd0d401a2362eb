import { createContext } from 'preact';
import type { PaperdexDb } from '../utils/library/db';
import type { ExportPaper } from '../utils/formats/types';

/** The read-only database handle of the page (popup or library). */
export const DbContext = createContext<PaperdexDb | null>(null);

export type BibtexWriter = (papers: readonly ExportPaper[]) => string;

/**
 * The copy menu's BibTeX: the library export's writer (formats/bibtex-out.ts). The popup receives it
 * with Dexie (entrypoints/popup-db.ts), once its first rows are painted: in the popup's own script
 * it added 7 KB, and about 10 ms before the first paint in an A/B. Null until then.
 */
export const BibtexContext = createContext<BibtexWriter | null>(null);
