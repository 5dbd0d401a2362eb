/**
 * Runs the search for the current text, chips and sort; results follow every keystroke, and a
 * write anywhere (a star set in another tab, a page recorded by the background) re-runs it.
 *
 * Why not Dexie's liveQuery: it re-runs only when a write touches a range the querier read, and it
 * learns those ranges through Dexie's zone, which does not survive the planner's own async helpers
 * and Promise.all (a test caught stars set by the background never showing). Instead we listen to
 * the event liveQuery itself is built on, `storagemutated`, which Dexie also relays from the
 * background service worker over BroadcastChannel, and re-run the whole query (≤ 50 ms).
 */
import type { Dexie as DexieClass, ObservabilitySet } from 'dexie';
import { useContext, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PaperdexDb } from '../utils/library/db';
import { parseQuery, type ParsedQuery } from '../utils/search/query';
import {
  ADAPTER_SITES,
  runSearch,
  SearchCache,
  searchAbstracts,
  type SearchOptions,
  type SearchResult,
  type SortKey,
} from '../utils/search/run';
import type { ChipState } from './Chips';
import { DbContext } from './context';
import { rangeStart, siteGroups } from './format';

export interface SearchInput {
  text: string;
  chips: ChipState;
  sort: SortKey;
  limit: number;
  /** Papers on the active tab, once known (the "on this tab" chip). */
  tabIds?: readonly string[];
  /** The user asked for the slow abstract pass (it runs by itself only when matches are few). */
  abstracts?: boolean;
}

export interface SearchState {
  query: ParsedQuery;
  result?: SearchResult;
  /** The slow pass over abstracts; only for queries with words. */
  abstracts?: SearchResult;
  abstractsPending: boolean;
  /** The abstract pass did not run by itself and can be asked for. */
  abstractsOffered?: boolean;
  error?: string;
  /** Milliseconds from the input change to the fast result. */
  elapsed?: number;
  /** The search text `result` answers (the DOM exposes it for end-to-end timing). */
  forText?: string;
  /** The whole question `result` answers (undefined for an initial snapshot). */
  forInput?: SearchInput;
}

/** Waits this long after the last keystroke before the abstract scan starts. */
const ABSTRACT_DELAY = 350;
/**
 * The abstract pass reads every row (seconds at 50,000 papers), so it starts by itself only when
 * the fast pass found fewer matches than this — when abstracts are most likely what is missing.
 */
const AUTO_ABSTRACTS_BELOW = 20;

export function buildSearch(input: SearchInput): { query: ParsedQuery; opts: SearchOptions } {
  const query = parseQuery(input.text);
  const c = input.chips;
  if (c.starred) query.starred = true;
  if (c.state) query.state = c.state;
  const opts: SearchOptions = { sort: input.sort, limit: input.limit };
  if (c.range) opts.since = rangeStart(c.range);
  if (c.onTab) opts.onlyIds = input.tabIds ?? [];
  if (c.site) opts.sources = siteGroups(ADAPTER_SITES).get(c.site) ?? [];
  return { query, opts };
}

/** After the first answer has painted (the popup's first paint must not wait for this read). */
const WARM_DELAY = 150;
/** Rows read ahead: enough for a one-letter prefix's first page (~1 in 4 papers matches). */
const WARM_ROWS = 300;

/** Writes arriving in one burst (a page of 200 papers recorded) cause one re-run. */
const CHANGE_DELAY = 40;

/** A number that changes whenever this database changes, here or in any other extension context. */
export function useDbVersion(db: PaperdexDb | null): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!db) return;
    const prefix = `idb://${db.name}/`;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onChange = (parts: ObservabilitySet) => {
      if (!Object.keys(parts).some((k) => k === 'all' || k.startsWith(prefix))) return;
      clearTimeout(timer);
      timer = setTimeout(() => setVersion((v) => v + 1), CHANGE_DELAY);
    };
    // The class that made `db`, rather than an import of Dexie: the popup loads Dexie from a
    // script of its own after its first paint (entrypoints/popup-db.ts), and an import here would
    // put a second copy into the popup's file.
    const Dexie = db.constructor as typeof DexieClass;
    Dexie.on('storagemutated', onChange);
    return () => {
      clearTimeout(timer);
      Dexie.on('storagemutated').unsubscribe(onChange);
    };
  }, [db]);
  return version;
}

/** Identifies a question: tab ids count only while the "on this tab" chip is on. */
function inputKey(i: SearchInput): string {
  return JSON.stringify([i.text, i.chips, i.sort, i.limit, i.chips.onTab ? i.tabIds : null]);
}

let early: { db: PaperdexDb; key: string; result: Promise<SearchResult> } | undefined;

/**
 * Starts the first question's query before anything renders (the popup calls it right after
 * opening the database), so that IndexedDB works while Preact builds the page; the first run of
 * useSearch for the same question takes this answer instead of asking again.
 */
export function prefetchSearch(db: PaperdexDb, input: SearchInput): void {
  const { query, opts } = buildSearch(input);
  const result = runSearch(db, query, opts);
  result.catch(() => {}); // useSearch reports errors; an unused prefetch must not be "unhandled"
  early = { db, key: inputKey(input), result };
}

function takePrefetched(db: PaperdexDb, input: SearchInput): Promise<SearchResult> | undefined {
  const e = early;
  early = undefined;
  return e && e.db === db && e.key === inputKey(input) ? e.result : undefined;
}

export function useSearch(input: SearchInput, initial?: SearchResult): SearchState {
  const db = useContext(DbContext);
  // Tab ids arrive after the first query: they must not re-run it unless the chip uses them.
  const tabIds = input.chips.onTab ? input.tabIds : undefined;
  const { query, opts } = useMemo(
    () => buildSearch(input),
    [input.text, input.chips, input.sort, input.limit, tabIds],
  );
  const [state, setState] = useState<SearchState>({
    query,
    result: initial,
    abstractsPending: false,
  });

  const version = useDbVersion(db);
  const lastAsked = useRef<{ query: ParsedQuery; opts: SearchOptions }>();
  // What the keystrokes of one database version share (see SearchCache); a write starts anew.
  const cache = useMemo(() => (db ? new SearchCache(db) : undefined), [db, version]);

  // The start of the sort order and its first rows are what a keystroke's plan needs first: read
  // them once the page is idle rather than on the first keystroke.
  const sort = opts.sort ?? 'lastSeen';
  useEffect(() => {
    if (!cache) return;
    const t = setTimeout(() => void cache.warm(sort, WARM_ROWS).catch(() => {}), WARM_DELAY);
    return () => clearTimeout(t);
  }, [cache, sort]);

  // A layout effect, not an effect: it runs in the keystroke's own task, where an effect would
  // wait for the next frame (up to 16 ms of every keystroke, measured from the bench's keydown).
  useLayoutEffect(() => {
    if (!db) return;
    const started = performance.now();
    let live = true;
    const asked = input;
    const ac = new AbortController();
    const pending =
      (version === 0 && takePrefetched(db, input)) || runSearch(db, query, opts, ac.signal, cache);
    pending.then(
      (result) => {
        if (!live) return;
        setState((s) => ({
          ...s,
          query,
          result,
          forText: asked.text,
          forInput: asked,
          error: undefined,
          elapsed: performance.now() - started,
        }));
      },
      (e: unknown) => {
        if (live)
          setState((s) => ({ ...s, query, error: e instanceof Error ? e.message : String(e) }));
      },
    );
    return () => {
      live = false;
      ac.abort();
    };
  }, [db, query, opts, version, cache]);

  const hasWords = query.words.length > 0 || query.phrases.length > 0;
  const fresh = state.result && state.forText === input.text ? state.result : undefined;
  const few = fresh?.total !== undefined && fresh.total < AUTO_ABSTRACTS_BELOW;
  const runAbstracts = hasWords && (!!input.abstracts || few);

  useEffect(() => {
    if (!db) return;
    if (!runAbstracts) {
      setState((s) =>
        s.abstracts === undefined && !s.abstractsPending
          ? s
          : { ...s, abstracts: undefined, abstractsPending: false },
      );
      return;
    }
    // Matches of the previous question must not linger under the new one; a re-run after a write
    // keeps them until it has fresh ones.
    const asked = lastAsked.current;
    const sameQuestion = asked?.query === query && asked.opts === opts;
    lastAsked.current = { query, opts };
    setState((s) => ({
      ...s,
      abstracts: sameQuestion ? s.abstracts : undefined,
      abstractsPending: true,
    }));
    const ac = new AbortController();
    const timer = setTimeout(() => {
      searchAbstracts(db, query, opts, ac.signal).then(
        (abstracts) => {
          if (!ac.signal.aborted) setState((s) => ({ ...s, abstracts, abstractsPending: false }));
        },
        () => {
          if (!ac.signal.aborted) setState((s) => ({ ...s, abstractsPending: false }));
        },
      );
    }, ABSTRACT_DELAY);
    return () => {
      ac.abort();
      clearTimeout(timer);
    };
  }, [db, query, opts, version, runAbstracts]);

  return { ...state, query, abstractsOffered: hasWords && !runAbstracts && !!fresh };
}
