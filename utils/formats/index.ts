/**
 * Data in and out of the library: backups, citation exports and imports. Pure functions only; the
 * background (or the options page) reads the rows, calls these, and writes in one transaction.
 * Heavy (the BibTeX parser): import it from extension pages and the background, never from
 * content scripts.
 */
export {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type Backup,
  type BackupData,
  parseBackup,
  toBackup,
} from './backup';
export { bibtexEntry, fromBibtex, fromBibtexAsync, texEscape, toBibtex } from './bibtex';
export { citeKeys, splitName } from './common';
export { type CslItem, fromCslJson, toCslItems, toCslJson } from './csl-json';
export { CSV_COLUMNS, type CsvPaper, csvCell, neutralize, toCsv } from './csv';
export { detectFormat, type ImportedFile, readImportFile } from './detect-format';
export { fromPaperMemory } from './papermemory';
export { fromRis, toRis } from './ris';
export {
  type ExportPaper,
  FILE_LIMITS,
  type FileFormat,
  ImportError,
  type ImportFormat,
  type ImportIssue,
  type ImportResult,
  type ImportedPaper,
} from './types';
