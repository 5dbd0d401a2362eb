/**
 * Shared shapes of the importers and exporters. Everything in utils/formats is pure (text in, data
 * out): the background decides what to write, in one transaction, so a failed import changes nothing.
 * Nothing here may be imported by utils/detect or utils/content: the BibTeX parser alone would
 * multiply the content script's size.
 */
import type { StoredPaper } from '../library/db';
import type { DetectedPaper } from '../paper';

/** What the citation exporters read of a stored paper (the CSV export reads user data too). */
export type ExportPaper = Pick<
  StoredPaper,
  | 'id'
  | 'ids'
  | 'title'
  | 'authors'
  | 'year'
  | 'venue'
  | 'abstract'
  | 'url'
  | 'pdfUrl'
  | 'tags'
  | 'note'
>;

/** Foreign formats we read; 'backup' is our own and has its own reader (parseBackup). */
export type ImportFormat = 'bibtex' | 'csl-json' | 'ris' | 'papermemory';
export type FileFormat = ImportFormat | 'backup';

/**
 * A paper as an importer hands it over: what a page would have said about it (so it merges by
 * identity exactly like a paper met on a page), plus the user data the source file carried.
 * `source` is `import:<format>`, `kind` is 'listing' (an import is not "opening" a paper).
 */
export interface ImportedPaper extends DetectedPaper {
  starred?: boolean;
  tags?: string[];
  note?: string;
  /** Epoch milliseconds. */
  firstSeen?: number;
  lastSeen?: number;
  seenCount?: number;
}

/** One entry that was skipped (or imported with a field dropped), named so the user can find it. */
export interface ImportIssue {
  /** 1-based position of the entry in the file, when the format has entries. */
  entry?: number;
  /** 1-based line where the entry starts, when known. */
  line?: number;
  /** The entry's own key (BibTeX cite key, CSL id, PaperMemory id), when it has one. */
  key?: string;
  message: string;
}

export interface ImportResult {
  papers: ImportedPaper[];
  errors: ImportIssue[];
}

/**
 * The one error importers throw: the whole file is unusable (empty, too big, not the format, no
 * entry could be read). `message` is written for the user; `line`/`entry` say where, when known.
 */
export class ImportError extends Error {
  readonly line?: number;
  readonly entry?: number;

  constructor(message: string, where: { line?: number; entry?: number } = {}) {
    super(message);
    this.name = 'ImportError';
    if (where.line !== undefined) this.line = where.line;
    if (where.entry !== undefined) this.entry = where.entry;
  }
}

/**
 * Bounds on whole files. Foreign files are reference lists: 50 MB of text is far beyond any real
 * one. Our own backups carry sightings and search words too, so a large library legitimately
 * exceeds that; 256 Mi characters stays under what one JavaScript string may hold.
 */
export const FILE_LIMITS = {
  importChars: 50 * 1024 * 1024,
  backupChars: 256 * 1024 * 1024,
  entries: 200_000,
  sightings: 5_000_000,
} as const;
