/**
 * Search box, chips, sort and the list, with the keyboard model: `/` focuses the search, arrows
 * move the selection (from the search box into the list and back), Enter opens the selected paper,
 * `s` stars it. Shared by the popup and the library page, which adds bulk actions around it.
 */
import type { ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { StoredPaper } from '../utils/library/db';
import { ADAPTER_SITES, papersOnPage, type SortKey } from '../utils/search/run';
import { activeTabUrl, openExport, openUrl, setStar } from './actions';
import { Chips, chipsActive, NO_CHIPS, type ChipState } from './Chips';
import { DbContext } from './context';
import { EmptyState } from './EmptyState';
import { countLabel, paperUrl } from './format';
import { ROW_HEIGHT } from './list-geometry';
import { PaperList } from './PaperList';
import { SearchBox } from './SearchBox';
import { SortMenu } from './SortMenu';
import { useDbVersion, useSearch } from './useSearch';

/**
 * Rows per page of results; more load as the list nears its end. Small, because reading rows is
 * what costs (see utils/search/run.ts) and a popup shows about six.
 */
export const PAGE = 50;

export interface BrowserView {
  papers: readonly StoredPaper[];
  total?: number;
  more: boolean;
}

/** The default view (no text, no chips, newest first) as last seen: the popup paints it at once. */
export interface FirstView {
  papers: StoredPaper[];
  more: boolean;
  libraryCount?: number;
}

export interface PaperBrowserProps {
  /** The popup offers "on this tab"; the library page is itself a tab. */
  withTabChip: boolean;
  /** Library page: checkboxes and a toolbar over the visible results. */
  checked?: ReadonlySet<string>;
  onCheck?: (paper: StoredPaper, checked: boolean) => void;
  toolbar?: (view: BrowserView) => ComponentChildren;
  /** Status messages from outside (bulk actions). */
  status?: string;
  autoFocus?: boolean;
  /** Rows to show before the first query answers (replaced by its answer). */
  initial?: FirstView;
  /** Called with each fresh answer to the default view, to remember it for `initial`. */
  onFirstView?: (view: FirstView) => void;
  /** Search text to start with. */
  initialText?: string;
}

/** Quiet time before the library is counted (see the count below). */
const COUNT_IDLE = 2_000;

/** Past this many rows asked for, a sparse broad query stops widening by itself (the list still pages). */
const MAX_AUTO_LIMIT = 6_400;

function isEditable(t: EventTarget | null): boolean {
  return (
    t instanceof Element &&
    !!t.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')
  );
}

export function PaperBrowser(props: PaperBrowserProps) {
  const db = useContext(DbContext);
  const [text, setText] = useState(props.initialText ?? '');
  const [chips, setChips] = useState<ChipState>(NO_CHIPS);
  const [sort, setSort] = useState<SortKey>('lastSeen');
  const [limit, setLimit] = useState(PAGE);
  const [selected, setSelected] = useState(0);
  const [focusSelected, setFocusSelected] = useState(false);
  const [status, setStatus] = useState('');
  const [overrides, setOverrides] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [abstractsWanted, setAbstractsWanted] = useState(false);
  const [tab, setTab] = useState<{ ids?: string[]; unavailable?: string }>({});
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (props.autoFocus) searchRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!db || !props.withTabChip) return;
    let live = true;
    void activeTabUrl().then(async (url) => {
      if (!url) {
        if (live) setTab({ unavailable: 'The current tab has no web page Paperdex can read.' });
        return;
      }
      const ids = await papersOnPage(db, url);
      if (live) setTab({ ids });
    });
    return () => {
      live = false;
    };
  }, [db, props.withTabChip]);

  // A new question starts at the top with one page of rows.
  useEffect(() => {
    setLimit(PAGE);
    setSelected(0);
    setAbstractsWanted(false);
  }, [text, chips, sort]);

  // The library's size, for the default view's "N papers". IndexedDB's count() walks the whole
  // store, and the backend answers nothing else on the database meanwhile: measured at 50,000
  // papers in Chromium, 0.3–1.7 s during which every query (each keystroke's) waits. So: only in
  // the default view (a filtered view shows its own total), and only after the user has left the
  // popup alone for a while, so that typing never queues behind it. Meanwhile the last count the
  // popup remembered (entrypoints/popup/snapshot.ts) stands in, and a library that fits in the
  // first page is counted by the first query itself. Counting sooner when no count was known made
  // the first keystroke of a popup opened on 50,000 papers wait 300–400 ms.
  const version = useDbVersion(db);
  const [libraryCount, setLibraryCount] = useState(props.initial?.libraryCount);
  const filtered = text.trim() !== '' || chipsActive(chips);
  useEffect(() => {
    if (!db || filtered) return;
    let live = true;
    const t = setTimeout(() => {
      void db.papers.count().then((n) => live && setLibraryCount(n));
    }, COUNT_IDLE);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [db, version, filtered, text, chips, sort]);

  const search = useSearch(
    {
      text,
      chips,
      sort,
      limit,
      tabIds: tab.ids,
      abstracts: abstractsWanted,
    },
    useMemo(
      () =>
        props.initial && {
          papers: props.initial.papers,
          more: props.initial.more,
          plan: 'snapshot' as const,
        },
      [],
    ),
  );
  const { result, abstracts } = search;

  // Remember fresh answers to the default view (and the library's size) for the next opening.
  useEffect(() => {
    const asked = search.forInput;
    if (!props.onFirstView || !result || !asked) return;
    if (asked.text !== '' || chipsActive(asked.chips) || asked.sort !== 'lastSeen') return;
    if (asked.limit !== PAGE) return;
    props.onFirstView({ papers: result.papers, more: result.more, libraryCount });
  }, [result, libraryCount]);

  // Fresh rows carry the stored star: drop the optimistic ones (keeping an empty map as it is,
  // which spares the list a re-render).
  useEffect(() => setOverrides((m) => (m.size ? new Map() : m)), [result, abstracts]);

  const papers = useMemo(
    () => [...(result?.papers ?? []), ...(abstracts?.papers ?? [])],
    [result, abstracts],
  );
  const viaAbstract = useMemo(() => new Set(abstracts?.papers.map((p) => p.id) ?? []), [abstracts]);

  const star = async (p: StoredPaper, starred: boolean) => {
    setOverrides((m) => new Map(m).set(p.id, starred));
    const err = await setStar(p.id, starred);
    if (err) {
      setOverrides((m) => {
        const n = new Map(m);
        n.delete(p.id);
        return n;
      });
      setStatus(`Could not ${starred ? 'star' : 'unstar'}: ${err}`);
    } else {
      setStatus(starred ? 'Starred.' : 'Unstarred.');
    }
  };

  // Stable for the memoized rows; calls the latest `star`.
  const starRef = useRef(star);
  starRef.current = star;
  const onStar = useCallback((p: StoredPaper, s: boolean) => void starRef.current(p, s), []);

  const open = (i: number) => {
    const p = papers[i];
    if (!p) return;
    void openUrl(paperUrl(p)).then((err) => err && setStatus(err));
  };

  const move = (to: number) => {
    if (papers.length === 0) return;
    setSelected(Math.max(0, Math.min(papers.length - 1, to)));
    setFocusSelected(true);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      const t = e.target as Element | null;
      const inSearch = t === searchRef.current;
      const onRow = t instanceof HTMLElement && t.dataset.index !== undefined;
      const neutral = !isEditable(t) && (onRow || t === document.body || !!t?.closest('.list'));
      switch (e.key) {
        case '/':
          if (isEditable(t)) return;
          e.preventDefault();
          searchRef.current?.focus();
          searchRef.current?.select();
          return;
        case 'ArrowDown':
          if (!inSearch && !neutral) return;
          e.preventDefault();
          move(inSearch ? selected : selected + 1);
          return;
        case 'ArrowUp':
          if (!neutral) return;
          e.preventDefault();
          if (selected <= 0) searchRef.current?.focus();
          else move(selected - 1);
          return;
        case 'Home':
        case 'End':
          if (!onRow) return;
          e.preventDefault();
          move(e.key === 'Home' ? 0 : papers.length - 1);
          return;
        case 'Enter':
          if (!inSearch && !onRow && t !== document.body) return;
          e.preventDefault();
          open(selected);
          return;
        case 's':
        case 'S': {
          if (!neutral) return;
          const p = papers[selected];
          if (!p) return;
          e.preventDefault();
          void star(p, !(overrides.get(p.id) ?? p.starred === 1));
          return;
        }
        default:
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  // A broad query whose matches are rare stops its walk early with few rows: widen it (doubling, so
  // the rows read stay within twice the final walk) until a page is full or the library is done.
  useEffect(() => {
    if (result?.plan === 'snapshot') return;
    if (result?.more && result.papers.length < PAGE && limit < MAX_AUTO_LIMIT)
      setLimit((l) => l * 2);
  }, [result]);

  const onEndReached = () => {
    if (result?.plan === 'snapshot') return;
    if (result?.more && limit <= (result.papers.length ?? 0)) setLimit((l) => l + PAGE);
  };

  const emptyKind =
    result &&
    papers.length === 0 &&
    (!result.more || limit >= MAX_AUTO_LIMIT) &&
    !search.abstractsPending
      ? filtered
        ? 'no-match'
        : 'new'
      : undefined;

  const total = filtered ? result?.total : (libraryCount ?? result?.total);
  let count = result ? countLabel(total, result.papers.length, result.more, filtered) : 'Loading…';
  if (abstracts?.papers.length)
    count += ` · ${abstracts.total ?? abstracts.papers.length} more in abstracts`;
  else if (search.abstractsPending && result) count += ' · searching abstracts…';

  return (
    <div class="browser" data-results-for={search.forText}>
      <SearchBox
        value={text}
        onInput={setText}
        inputRef={searchRef}
        problems={search.query.problems}
      />
      <div class="controls">
        <Chips
          value={chips}
          onChange={setChips}
          sites={ADAPTER_SITES}
          showOnTab={props.withTabChip}
          onTabUnavailable={tab.unavailable}
        />
      </div>
      <div class="summary">
        <span class="count" aria-live="polite">
          {count}
        </span>
        {search.abstractsOffered && (
          <button type="button" class="text-button" onClick={() => setAbstractsWanted(true)}>
            Search abstracts too
          </button>
        )}
        {filtered && papers.length > 0 && (
          <button
            type="button"
            class="text-button"
            onClick={() => void openExport(papers.map((p) => p.id))}
          >
            Export these
          </button>
        )}
        <SortMenu value={sort} onChange={setSort} />
      </div>
      {props.toolbar?.({ papers, total: result?.total, more: !!result?.more })}
      {search.error && (
        <p class="error" role="alert">
          {search.error}
        </p>
      )}
      {emptyKind ? (
        <EmptyState
          kind={emptyKind}
          onClear={
            filtered
              ? () => {
                  setText('');
                  setChips(NO_CHIPS);
                  searchRef.current?.focus();
                }
              : undefined
          }
        />
      ) : (
        <PaperList
          papers={papers}
          rowHeight={ROW_HEIGHT}
          selected={selected}
          focusSelected={focusSelected}
          onFocused={() => setFocusSelected(false)}
          onSelect={setSelected}
          starOverrides={overrides}
          onStar={onStar}
          onStatus={setStatus}
          viaAbstract={viaAbstract}
          onEndReached={onEndReached}
          checked={props.checked}
          onCheck={props.onCheck}
          label={filtered ? 'Matching papers' : 'Papers'}
        />
      )}
      <p class="status" role="status">
        {props.status || status}
      </p>
    </div>
  );
}
