/**
 * The full-page library: the popup's browser with checkboxes and bulk actions (star, tag, delete,
 * export). Reads come from Dexie directly; every write is one protocol message per paper, so the
 * background stays the only writer and its validation applies to bulk edits too.
 */
import { useState } from 'preact/hooks';
import { deletePaper, setStar, setTags } from '../../components/actions';
import { BibtexContext, DbContext } from '../../components/context';
import { PaperBrowser, type BrowserView } from '../../components/PaperBrowser';
import { toBibtex } from '../../utils/formats/bibtex-out';
import type { PaperdexDb, StoredPaper } from '../../utils/library/db';
import { USER_LIMITS } from '../../utils/protocol';

export interface LibraryAppProps {
  db: PaperdexDb;
}

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser the click before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function stamp(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The export leaves out derived fields (search tokens) that the importer rebuilds. */
function exportable(p: StoredPaper): Omit<StoredPaper, 'words'> {
  const { words: _words, ...rest } = p;
  return rest;
}

export function LibraryApp({ db }: LibraryAppProps) {
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [tag, setTag] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);

  const onCheck = (p: StoredPaper, on: boolean) => {
    setChecked((s) => {
      const n = new Set(s);
      if (on) n.add(p.id);
      else n.delete(p.id);
      return n;
    });
    setConfirmDelete(false);
  };

  const selectedPapers = async (): Promise<StoredPaper[]> =>
    (await db.papers.bulkGet([...checked])).filter((p): p is StoredPaper => p !== undefined);

  /** Runs one write per selected paper and reports how many failed. */
  const bulk = async (verb: string, write: (p: StoredPaper) => Promise<string | null>) => {
    setBusy(true);
    setStatus(`${verb}…`);
    const papers = await selectedPapers();
    let failed = 0;
    let lastError = '';
    for (const p of papers) {
      const err = await write(p);
      if (err) {
        failed++;
        lastError = err;
      }
    }
    setBusy(false);
    setStatus(
      failed
        ? `${verb}: ${papers.length - failed} done, ${failed} failed (${lastError}).`
        : `${verb}: ${papers.length} done.`,
    );
    return failed;
  };

  const addTag = async () => {
    const t = tag.trim().slice(0, USER_LIMITS.tag);
    if (!t) return;
    await bulk(`Tagged #${t}`, (p) =>
      p.tags.some((x) => x.toLowerCase() === t.toLowerCase())
        ? Promise.resolve(null)
        : setTags(p.id, [...p.tags, t].slice(0, USER_LIMITS.tags)),
    );
  };

  const removeTag = async () => {
    const t = tag.trim().toLowerCase();
    if (!t) return;
    await bulk(`Removed #${t}`, (p) =>
      p.tags.some((x) => x.toLowerCase() === t)
        ? setTags(
            p.id,
            p.tags.filter((x) => x.toLowerCase() !== t),
          )
        : Promise.resolve(null),
    );
  };

  const exportAs = async (kind: 'bib' | 'json') => {
    const papers = await selectedPapers();
    if (kind === 'bib') {
      download(`paperdex-${stamp()}.bib`, 'application/x-bibtex', toBibtex(papers));
    } else {
      download(
        `paperdex-${stamp()}.json`,
        'application/json',
        JSON.stringify(papers.map(exportable), null, 2) + '\n',
      );
    }
    setStatus(`Exported ${papers.length} paper${papers.length === 1 ? '' : 's'}.`);
  };

  const toolbar = (view: BrowserView) => {
    const n = checked.size;
    const shownIds = view.papers.map((p) => p.id);
    const allShown = shownIds.length > 0 && shownIds.every((id) => checked.has(id));
    const none = n === 0 || busy;
    return (
      <div class="bulk" role="toolbar" aria-label="Selected papers">
        <label>
          <input
            type="checkbox"
            checked={allShown}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              setChecked((s) => {
                const next = new Set(s);
                for (const id of shownIds) {
                  if (on) next.add(id);
                  else next.delete(id);
                }
                return next;
              });
            }}
          />{' '}
          Select all shown
        </label>
        <span aria-live="polite">{n} selected</span>
        {n > 0 && (
          <button type="button" onClick={() => setChecked(new Set())}>
            Clear
          </button>
        )}
        <span class="spacer" />
        <button
          type="button"
          disabled={none}
          onClick={() => void bulk('Starred', (p) => setStar(p.id, true))}
        >
          Star
        </button>
        <button
          type="button"
          disabled={none}
          onClick={() => void bulk('Unstarred', (p) => setStar(p.id, false))}
        >
          Unstar
        </button>
        <input
          type="text"
          aria-label="Tag"
          placeholder="tag"
          size={10}
          maxLength={USER_LIMITS.tag}
          value={tag}
          onInput={(e) => setTag(e.currentTarget.value)}
        />
        <button type="button" disabled={none || !tag.trim()} onClick={() => void addTag()}>
          Add tag
        </button>
        <button type="button" disabled={none || !tag.trim()} onClick={() => void removeTag()}>
          Remove tag
        </button>
        <button type="button" disabled={none} onClick={() => void exportAs('bib')}>
          Export BibTeX
        </button>
        <button type="button" disabled={none} onClick={() => void exportAs('json')}>
          Export JSON
        </button>
        {confirmDelete ? (
          <>
            <button
              type="button"
              class="danger"
              disabled={none}
              onClick={async () => {
                setConfirmDelete(false);
                await bulk('Deleted', (p) => deletePaper(p.id));
                setChecked(new Set());
              }}
            >
              Delete {n} for good
            </button>
            <button type="button" onClick={() => setConfirmDelete(false)}>
              Keep
            </button>
          </>
        ) : (
          <button
            type="button"
            class="danger"
            disabled={none}
            onClick={() => setConfirmDelete(true)}
          >
            Delete…
          </button>
        )}
      </div>
    );
  };

  return (
    <DbContext.Provider value={db}>
      <BibtexContext.Provider value={toBibtex}>
        <header class="top">
          <h1>Paperdex library</h1>
        </header>
        <main>
          <PaperBrowser
            withTabChip={false}
            checked={checked}
            onCheck={onCheck}
            toolbar={toolbar}
            status={status}
            autoFocus
          />
        </main>
      </BibtexContext.Provider>
    </DbContext.Provider>
  );
}
