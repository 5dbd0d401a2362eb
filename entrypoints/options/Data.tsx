/**
 * The options page's data sections: export, import, delete everything. Exports are built here
 * from the read-only Dexie handle; imports are parsed here by the pure readers and sent to the
 * background, the only writer, in chunks it commits in one transaction.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { fromBibtexAsync } from '../../utils/formats/bibtex';
import { detectFormat, type ImportedFile, readImportFile } from '../../utils/formats/detect-format';
import { FILE_LIMITS, type FileFormat, ImportError } from '../../utils/formats/types';
import type { PaperdexDb } from '../../utils/library/db';
import {
  EXPORT_FORMATS,
  type ExportFile,
  type ExportFormat,
  type ExportScope,
  exportLibrary,
  libraryTags,
} from '../../utils/library/export';
import { type ImportProgress, runImport } from '../../utils/library/import';
import { type ImportMode, type ImportSummary, sendMessage } from '../../utils/protocol';
import { loadSettings, saveSettings } from '../../utils/settings-store';

const FORMAT_NAMES: Record<FileFormat, string> = {
  backup: 'Paperdex backup',
  bibtex: 'BibTeX',
  'csl-json': 'CSL-JSON',
  ris: 'RIS',
  papermemory: 'PaperMemory export',
};

/** Bytes never fewer than characters in UTF-8: past this, no reader would accept the text anyway. */
const MAX_FILE_BYTES = FILE_LIMITS.backupChars;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

function download(file: ExportFile): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the click; the URL may go once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function messageOf(e: unknown): string {
  if (e instanceof ImportError) return e.message;
  return `The file could not be read: ${e instanceof Error ? e.message : String(e)}`;
}

/** Reads and parses a chosen file; every failure is an ImportError with a message for the user. */
async function parseFile(file: File): Promise<ImportedFile> {
  if (file.size > MAX_FILE_BYTES) {
    throw new ImportError(
      `The file is too large: ${(file.size / 2 ** 20).toFixed(1)} MB. Paperdex reads backups up to ${FILE_LIMITS.backupChars / 2 ** 20} MB and other files up to ${FILE_LIMITS.importChars / 2 ** 20} MB.`,
    );
  }
  const text = await file.text();
  // BibTeX is the one slow parser: its async form lets the page repaint on a large file.
  if (detectFormat(text, file.name) === 'bibtex') {
    try {
      return { format: 'bibtex', result: await fromBibtexAsync(text) };
    } catch (e) {
      if (e instanceof ImportError) throw e;
      throw new ImportError(`The BibTeX file could not be read: ${String(e).slice(0, 200)}`);
    }
  }
  return readImportFile(text, file.name);
}

function entryCount(f: ImportedFile): number {
  return f.format === 'backup' ? f.backup.papers.length : f.result.papers.length;
}

// ---------------------------------------------------------------------------------------------

export interface DataProps {
  db: PaperdexDb;
  /** Ids handed over by another page (the popup's current filter), for "export these". */
  chosenIds: readonly string[];
  /** The library changed (import, delete): counts and storage must be read again. */
  onChanged: () => void;
}

export function ExportSection({ db, chosenIds }: Omit<DataProps, 'onChanged'>) {
  const [scopeKind, setScopeKind] = useState<ExportScope['kind']>(chosenIds.length ? 'ids' : 'all');
  const [tags, setTags] = useState<string[]>([]);
  const [tag, setTag] = useState('');
  const [format, setFormat] = useState<ExportFormat>('backup');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');

  useEffect(() => {
    void libraryTags(db)
      .then((t) => {
        setTags(t);
        setTag((cur) => cur || t[0] || '');
      })
      .catch(() => setTags([]));
  }, [db]);

  const scope = (): ExportScope | null => {
    switch (scopeKind) {
      case 'all':
        return { kind: 'all' };
      case 'starred':
        return { kind: 'starred' };
      case 'tag':
        return tag ? { kind: 'tag', tag } : null;
      case 'ids':
        return { kind: 'ids', ids: chosenIds };
    }
  };

  const run = async () => {
    const s = scope();
    setStatus('');
    setError('');
    if (!s) {
      setError('Choose a tag to export.');
      return;
    }
    setBusy(true);
    try {
      const file = await exportLibrary(db, { scope: s, format, settings: await loadSettings() });
      if (file.papers === 0 && format !== 'backup') {
        setError('No papers to export: nothing matches this choice.');
        return;
      }
      download(file);
      setStatus(
        `Downloaded ${file.filename}: ${plural(file.papers, 'paper')}${
          format === 'backup' ? `, ${plural(file.sightings, 'sighting')} and the settings` : ''
        }.`,
      );
    } catch (e) {
      setError(`The export failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <label for="export-scope">Papers to export</label>
      <select
        id="export-scope"
        value={scopeKind}
        onChange={(e) => setScopeKind(e.currentTarget.value as ExportScope['kind'])}
      >
        <option value="all">Everything</option>
        <option value="starred">Starred papers</option>
        <option value="tag" disabled={tags.length === 0}>
          Papers with one tag
        </option>
        {chosenIds.length > 0 && (
          <option value="ids">
            The popup’s current list ({plural(chosenIds.length, 'paper')})
          </option>
        )}
      </select>
      {scopeKind === 'tag' && (
        <>
          <label for="export-tag">Tag</label>
          <select id="export-tag" value={tag} onChange={(e) => setTag(e.currentTarget.value)}>
            {tags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </>
      )}
      <label for="export-format">Format</label>
      <select
        id="export-format"
        value={format}
        onChange={(e) => setFormat(e.currentTarget.value as ExportFormat)}
      >
        {(Object.keys(EXPORT_FORMATS) as ExportFormat[]).map((f) => (
          <option key={f} value={f}>
            {EXPORT_FORMATS[f].label}
          </option>
        ))}
      </select>
      <p class="hint">
        A backup holds everything Paperdex knows about these papers, where you met them, and your
        settings; restore it here on any computer.
      </p>
      <button type="button" disabled={busy} onClick={() => void run()}>
        Download
      </button>
      <p role="status" id="export-status">
        {status}
      </p>
      {error && (
        <p role="alert" class="error" id="export-error">
          {error}
        </p>
      )}
    </section>
  );
}

type ImportState =
  | { phase: 'idle' }
  | { phase: 'reading'; name: string }
  | { phase: 'ready'; name: string; file: ImportedFile }
  | { phase: 'running'; name: string; file: ImportedFile; progress: ImportProgress | null }
  | { phase: 'done'; name: string; file: ImportedFile; summary: ImportSummary }
  | { phase: 'failed'; name: string; message: string };

function skippedText(file: ImportedFile): string {
  if (file.format === 'backup') return '';
  const errors = file.result.errors;
  if (errors.length === 0) return '';
  return `, skipped ${errors.length}`;
}

function summaryText(name: string, file: ImportedFile, s: ImportSummary): string {
  const head =
    s.mode === 'replace'
      ? `Restored ${name}: the library now holds ${plural(s.added, 'paper')} (it held ${plural(s.removedPapers, 'paper')})`
      : `Imported ${name}: added ${s.added.toLocaleString('en')}, merged ${s.merged.toLocaleString('en')}${skippedText(file)}`;
  const sightings =
    s.format === 'backup'
      ? `; ${plural(s.sightingsAdded, 'sighting')} added${
          s.sightingsSkipped ? `, ${s.sightingsSkipped.toLocaleString('en')} already known` : ''
        }`
      : '';
  return `${head}${sightings}.`;
}

export function ImportSection({ onChanged }: Pick<DataProps, 'onChanged'>) {
  const [state, setState] = useState<ImportState>({ phase: 'idle' });
  const [mode, setMode] = useState<ImportMode>('merge');
  const abort = useRef<AbortController | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const choose = async (f: File | undefined) => {
    if (!f) {
      setState({ phase: 'idle' });
      return;
    }
    setState({ phase: 'reading', name: f.name });
    setMode('merge');
    try {
      const file = await parseFile(f);
      setState({ phase: 'ready', name: f.name, file });
    } catch (e) {
      setState({ phase: 'failed', name: f.name, message: messageOf(e) });
    }
  };

  const start = async () => {
    if (state.phase !== 'ready') return;
    const { name, file } = state;
    const ctl = new AbortController();
    abort.current = ctl;
    const chosen: ImportMode = file.format === 'backup' ? mode : 'merge';
    setState({ phase: 'running', name, file, progress: null });
    const out = await runImport(sendMessage, file, chosen, {
      signal: ctl.signal,
      onProgress: (progress) => setState({ phase: 'running', name, file, progress }),
    });
    abort.current = null;
    if (out.status === 'done') {
      // Settings live in extension storage, not in the library: a restore puts them back after
      // the papers committed, so a failed restore changes neither.
      if (file.format === 'backup' && chosen === 'replace')
        await saveSettings(file.backup.settings);
      setState({ phase: 'done', name, file, summary: out.summary });
      onChanged();
    } else if (out.status === 'cancelled') {
      setState({ phase: 'ready', name, file });
    } else {
      setState({
        phase: 'failed',
        name,
        message: `${name} was not imported: ${out.message}`,
      });
    }
    if (input.current && out.status !== 'cancelled') input.current.value = '';
  };

  const file = 'file' in state ? state.file : null;
  const running = state.phase === 'running';
  const progress = state.phase === 'running' ? state.progress : null;

  return (
    <section aria-labelledby="import-title">
      <h2 id="import-title">Import</h2>
      <label for="import-file">
        File to import: a Paperdex backup, BibTeX, CSL-JSON (Zotero), RIS or a PaperMemory export
      </label>
      <input
        ref={input}
        id="import-file"
        type="file"
        accept=".json,.bib,.bibtex,.ris,.txt,application/json"
        disabled={running}
        onChange={(e) => void choose(e.currentTarget.files?.[0])}
      />
      {state.phase === 'reading' && <p role="status">Reading {state.name}…</p>}
      {file && (
        <p id="import-parsed">
          {FORMAT_NAMES[file.format]} (detected): parsed{' '}
          {plural(entryCount(file), 'entry', 'entries')}
          {file.format === 'backup'
            ? ` and ${plural(file.backup.sightings.length, 'sighting')}`
            : file.result.errors.length > 0
              ? `; ${plural(file.result.errors.length, 'entry', 'entries')} will be skipped`
              : ''}
          .
        </p>
      )}
      {file && file.format !== 'backup' && file.result.errors.length > 0 && (
        <details>
          <summary>Why entries are skipped</summary>
          <ul id="import-skipped">
            {file.result.errors.slice(0, 20).map((er, i) => (
              <li key={i}>{er.message}</li>
            ))}
          </ul>
        </details>
      )}
      {file?.format === 'backup' && (
        <fieldset disabled={running}>
          <legend>How to restore this backup</legend>
          <label>
            <input
              type="radio"
              name="import-mode"
              value="merge"
              checked={mode === 'merge'}
              onChange={() => setMode('merge')}
            />{' '}
            Merge into the library (keeps what is here; your settings stay as they are)
          </label>
          <label>
            <input
              type="radio"
              name="import-mode"
              value="replace"
              checked={mode === 'replace'}
              onChange={() => setMode('replace')}
            />{' '}
            Replace the library and settings with the backup (what is here now is deleted)
          </label>
        </fieldset>
      )}
      {(state.phase === 'ready' || running) && (
        <div class="buttons">
          <button type="button" disabled={running} onClick={() => void start()}>
            Import
          </button>
          <button
            type="button"
            disabled={!running || progress?.phase === 'committing'}
            onClick={() => abort.current?.abort()}
          >
            Cancel
          </button>
        </div>
      )}
      {running && (
        <div>
          <progress
            aria-label="Import progress"
            max={progress?.phase === 'sending' ? progress.total : 1}
            value={progress?.phase === 'sending' ? progress.sent : undefined}
          />
          <p role="status" id="import-progress">
            {file && `Parsed ${plural(entryCount(file), 'entry', 'entries')}; `}
            {progress?.phase === 'committing'
              ? 'committing…'
              : progress
                ? `sent ${progress.sent} of ${plural(progress.total, 'chunk')}`
                : 'starting…'}
          </p>
        </div>
      )}
      {state.phase === 'done' && (
        <p role="status" id="import-result">
          {summaryText(state.name, state.file, state.summary)}
        </p>
      )}
      {state.phase === 'failed' && (
        <p role="alert" class="error" id="import-error">
          {state.message} The library was not changed.
        </p>
      )}
    </section>
  );
}

const CONFIRM_WORD = 'DELETE';

export function DeleteSection({ onChanged }: Pick<DataProps, 'onChanged'>) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');

  const run = async () => {
    setBusy(true);
    setStatus('');
    setError('');
    const r = await sendMessage('deleteAll', { confirm: true });
    setBusy(false);
    if (r.ok) {
      setTyped('');
      setStatus(
        `Deleted ${plural(r.papers, 'paper')} and ${plural(r.sightings, 'sighting')}. Settings were kept.`,
      );
      onChanged();
    } else setError(`Nothing was deleted: ${r.message}`);
  };

  return (
    <section aria-labelledby="delete-title">
      <h2 id="delete-title">Delete everything</h2>
      <p>
        Deletes every paper, star, tag, note and sighting. It cannot be undone: export a backup
        first if you may want them back.
      </p>
      <label for="delete-confirm">Type {CONFIRM_WORD} to confirm</label>
      <input
        id="delete-confirm"
        type="text"
        autocomplete="off"
        value={typed}
        onInput={(e) => setTyped(e.currentTarget.value)}
      />
      <button
        type="button"
        class="danger"
        disabled={busy || typed.trim() !== CONFIRM_WORD}
        onClick={() => void run()}
      >
        Delete everything
      </button>
      <p role="status" id="delete-status">
        {status}
      </p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </section>
  );
}
