/**
 * Which reader a file needs, from its content first (users rename files; Zotero exports CSL-JSON
 * as .json and BibTeX as .bib or .txt) and its name second.
 */
import { parseBackup, type Backup } from './backup';
import { fromBibtex } from './bibtex';
import { checkText } from './common';
import { fromCslJson } from './csl-json';
import { fromPaperMemory } from './papermemory';
import { fromRis } from './ris';
import {
  FILE_LIMITS,
  type FileFormat,
  ImportError,
  type ImportFormat,
  type ImportResult,
} from './types';

const HEAD = 64 * 1024;

/**
 * The format of a file, or throws an ImportError saying what was expected. Looks at the first
 * 64 KB only, so it is cheap on a large file.
 */
export function detectFormat(text: string, filename = ''): FileFormat {
  const t = checkText(text, 'import', FILE_LIMITS.backupChars);
  const head = t.slice(0, HEAD).trimStart();
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? '';

  if (head.startsWith('{') || head.startsWith('[')) {
    // toBackup writes "format" first; the rest of a 200 MB backup need not be looked at.
    if (/"format"\s*:\s*"paperdex-backup"/.test(head.slice(0, 200))) return 'backup';
    if (head.startsWith('[')) return 'csl-json';
    // PaperMemory's keys and fields; a CSL item has "type" and CSL's capitalized fields.
    if (
      /"__dataVersion"\s*:|"(?:pdfLink|addDate|lastOpenDate|codeLink)"\s*:|"Arxiv-\d{4}\.\d{4,5}"\s*:/.test(
        head,
      )
    ) {
      return 'papermemory';
    }
    if (/"items"\s*:\s*\[|"type"\s*:\s*"|"container-title"\s*:|"DOI"\s*:|"issued"\s*:/.test(head))
      return 'csl-json';
    throw new ImportError(
      'This JSON file is neither a Paperdex backup, a CSL-JSON export (Zotero: Export → CSL JSON) nor a PaperMemory export.',
    );
  }
  if (/^\s*TY {1,2}-/m.test(head)) return 'ris';
  if (/^\s*@\s*[A-Za-z]+\s*[{(]/m.test(head)) return 'bibtex';
  if (ext === 'bib' || ext === 'bibtex') return 'bibtex';
  if (ext === 'ris') return 'ris';
  throw new ImportError(
    'The file format was not recognized. Paperdex reads its own backups, BibTeX (.bib), CSL-JSON (.json), RIS (.ris) and PaperMemory exports.',
  );
}

/** What a file holds: our own backup, or papers read from a foreign format. */
export type ImportedFile =
  { format: 'backup'; backup: Backup } | { format: ImportFormat; result: ImportResult };

/** Detects the format and reads the file; every failure is an ImportError with a clear message. */
export function readImportFile(text: string, filename = ''): ImportedFile {
  const format = detectFormat(text, filename);
  try {
    switch (format) {
      case 'backup':
        return { format, backup: parseBackup(text) };
      case 'bibtex':
        return { format, result: fromBibtex(text) };
      case 'csl-json':
        return { format, result: fromCslJson(text) };
      case 'ris':
        return { format, result: fromRis(text) };
      case 'papermemory':
        return { format, result: fromPaperMemory(text) };
    }
  } catch (e) {
    if (e instanceof ImportError) throw e;
    // A reader bug must still reach the user as a message, never as a raw exception.
    const msg = e instanceof Error ? e.message : String(e);
    throw new ImportError(`The file could not be read: ${msg.slice(0, 200)}`);
  }
}
