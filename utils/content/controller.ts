/**
 * What the content script does on a page, testable without a browser: detect → lookup → mark →
 * record. Marks never wait for the write. Rows already handled are skipped on rescans, so DOM
 * changes and "show more" only cost the new rows a lookup and a record.
 */
import { detectPapers, detectSlice, uniquePapers } from '../detect/index';
import { type DetectedPaper, type FoundPaper, LIMITS } from '../paper';
import {
  type MarkInfo,
  type MarkState,
  allBadges,
  placeBadge,
  removeBadges,
  updateBadge,
} from '../marks/badge';
import type { PaperStateInfo } from '../protocol';
import { type Settings, siteDisabled } from '../settings';

export type { PaperStateInfo };

/** How the page talks to the background; the real one goes through utils/protocol.ts. */
export interface Transport {
  /**
   * States by id. Titles are matched ("possible") only with `titles`: otherwise the record that
   * follows answers that, and the lookup stays small.
   */
  lookup(
    papers: Array<Pick<DetectedPaper, 'id' | 'aliases' | 'title'>>,
    opts?: { titles?: boolean },
  ): Promise<Record<string, PaperStateInfo>>;
  record(
    page: { url: string; title: string },
    visit: string,
    papers: DetectedPaper[],
  ): Promise<Record<string, PaperStateInfo>>;
  setStar(id: string, starred: boolean): Promise<void>;
}

export interface ControllerOptions {
  doc: Document;
  url: () => URL;
  transport: Transport;
  settings: Settings;
  incognito: boolean;
  /** Called with unexpected errors (logged by the content script). */
  onError?: (e: unknown) => void;
  /**
   * The rows on screen, read by readScreen while the settings loaded: the first scan of that
   * address uses them instead of reading them again.
   */
  screen?: ScreenRead;
}

export interface ScreenRead {
  href: string;
  papers: FoundPaper[] | null;
}

/**
 * The papers of the rows on screen (Adapter.slice), or null where the page's adapter cannot read
 * part of its listing or the listing is short. Pure, like detectSlice: it changes nothing on the
 * page, so the detector may run it before it knows the settings, while they load.
 */
export function readScreen(doc: Document, url: URL): ScreenRead {
  return { href: url.href, papers: detectSlice(doc, url, (rows) => screenRows(doc, rows)) };
}

function strip(p: FoundPaper): DetectedPaper {
  const { element: _element, ...rest } = p;
  return rest;
}

export class PageController {
  private handledRows = new WeakSet<Element>();
  /** Nothing marked yet on this visit: the screen's rows may be read apart (see scanNow). */
  private fromScratch = true;
  private handledSingles = new Set<string>();
  private visit = newVisitId();
  private busy: Promise<void> = Promise.resolve();
  private screen: ScreenRead | undefined;
  settings: Settings;

  constructor(private readonly o: ControllerOptions) {
    this.settings = o.settings;
    this.screen = o.screen;
  }

  /** Capture is off on this page: disabled site or private window. */
  get inactive(): boolean {
    if (this.o.incognito && !this.settings.incognito) return true;
    return siteDisabled(this.settings, this.o.url().hostname);
  }

  /** Queue a scan; scans never overlap, so rows are never looked up twice. */
  scan(): Promise<void> {
    this.busy = this.busy.then(() => this.scanNow()).catch((e: unknown) => this.o.onError?.(e));
    return this.busy;
  }

  /** In-page navigation: a new visit, every row is new again. */
  navigated(): Promise<void> {
    this.visit = newVisitId();
    this.handledRows = new WeakSet();
    this.fromScratch = true;
    this.handledSingles.clear();
    removeBadges(this.o.doc);
    return this.scan();
  }

  applySettings(settings: Settings): Promise<void> {
    const wasShowing = this.settings.highlight && !this.inactive;
    this.settings = settings;
    if (!settings.highlight || this.inactive) {
      removeBadges(this.o.doc);
      this.handledRows = new WeakSet();
      this.fromScratch = true;
      this.handledSingles.clear();
      return Promise.resolve();
    }
    // Highlighting back on: the rows lost their badges, so mark them again.
    if (!wasShowing) {
      this.handledRows = new WeakSet();
      this.fromScratch = true;
      this.handledSingles.clear();
    }
    return this.scan();
  }

  /** Another tab (or the popup) starred or deleted a paper. */
  applyStar(id: string, starred: boolean): void {
    for (const b of allBadges(this.o.doc)) {
      if (b.getAttribute('data-paperdex-id') !== id) continue;
      const state = b.getAttribute('data-paperdex-state') as MarkState;
      const base: MarkState =
        state === 'starred' ? ((b.dataset.paperdexBase as MarkState) ?? 'seen') : state;
      b.dataset.paperdexBase = base;
      updateBadge(b, {
        id,
        state: base,
        starred,
        seenCount: Number(b.dataset.paperdexCount) || undefined,
      });
    }
  }

  private async scanNow(): Promise<void> {
    // Read for the first scan only: by a later one the screen may show other rows.
    const early = this.screen;
    this.screen = undefined;
    if (this.inactive) return;
    const { doc } = this.o;
    const url = this.o.url();
    const showMarks = this.settings.highlight;
    const hosts = new Map<FoundPaper, HTMLElement>();
    /** Looks the rows up, then returns what marks one of them. */
    const lookUp = async (rows: FoundPaper[]) => {
      const unique = uniquePapers(rows);
      const states = await this.lookupStates(unique);
      const byAlias = aliasIndex(unique);
      return (p: FoundPaper) => {
        const key = byAlias.get(p.id) ?? p.id;
        const info: MarkInfo = toMark(p.id, states[key] ?? states[p.id]);
        const host = placeBadge(doc, p, info, {
          onStar: (id, starred) => void this.star(id, starred),
        });
        host.dataset.paperdexBase = info.state === 'starred' ? 'seen' : info.state;
        if (info.seenCount) host.dataset.paperdexCount = String(info.seenCount);
        hosts.set(p, host);
      };
    };
    const take = (rows: FoundPaper[]) =>
      rows.filter((p) => {
        const seen = p.element ? this.handledRows.has(p.element) : this.handledSingles.has(p.id);
        if (seen) return false;
        if (p.element) this.handledRows.add(p.element);
        else this.handledSingles.add(p.id);
        return true;
      });

    // On a long listing whose adapter can read part of it, the rows on screen are read, looked up,
    // marked and painted before the thousands below them are read at all: reading a 2,000-row
    // arXiv listing takes longer than everything else the first screen needs.
    let first: FoundPaper[] = [];
    // Only on a scan from scratch: later scans follow DOM changes and carry only the new rows, and
    // reading positions then would force a layout the page had not asked for.
    if (showMarks && this.fromScratch) {
      const screen = early?.href === url.href ? early : readScreen(doc, url);
      first = take(screen.papers ?? []);
      if (first.length) {
        const mark = await lookUp(first);
        for (const p of first) mark(p);
        await afterPaint(doc);
      }
    }

    this.fromScratch = false;
    // detectPapers runs each adapter's cheap detect first and extracts only on a hit, so a page
    // without papers costs no more than a separate detectPage call would.
    const fresh = take(detectPapers(doc, url).papers);
    if (fresh.length === 0 && first.length === 0) return;
    if (showMarks && fresh.length) {
      // Every badge inserted into a long listing makes the browser lay the page out again, which
      // on 2,000 rows with abstracts costs about as much as the page's own first layout. The rows
      // on screen are looked up, marked and painted first; the rest follow after that frame. Their
      // lookup goes apart too: for a page of papers never met, the background reads IndexedDB
      // for every id, some hundreds of milliseconds that the first screen need not wait for.
      const [near, later] = first.length ? [[], fresh] : splitByViewport(doc, fresh);
      if (near.length) {
        const markNear = await lookUp(near);
        for (const p of near) markNear(p);
        if (later.length) await afterPaint(doc);
      }
      if (later.length) {
        const markLater = await lookUp(later);
        // In slices of a few dozen milliseconds, so clicks and scrolling are served in between.
        for (let i = 0; i < later.length;) {
          const start = performance.now();
          do {
            const p = later[i++]!;
            // The site may have replaced the row while earlier marks painted.
            if (p.element?.isConnected) markLater(p);
          } while (i < later.length && performance.now() - start < SLICE_MS);
          if (i < later.length) await nextTask();
        }
      }
    }
    if (this.settings.paused) return;
    // Sending the record serializes every paper on the page's main thread (a few hundred ms for
    // 2,000 papers with abstracts): let the marks paint first.
    if (hosts.size) await afterPaint(doc);
    const recorded = await this.o.transport.record(
      { url: url.href, title: doc.title.slice(0, 500) },
      this.visit,
      uniquePapers([...first, ...fresh]).map(strip),
    );
    for (const [p, host] of hosts) {
      const r = recorded[p.id];
      if (!r) continue;
      // The lookup asked by ids only: a paper it called new may share its title with a stored
      // one, which the record found.
      if (r.state === 'possible' && host.getAttribute('data-paperdex-state') === 'new') {
        updateBadge(host, toMark(p.id, r));
        host.dataset.paperdexBase = 'possible';
      }
      // A merge may have given the paper another primary id: stars must address the stored one.
      if (r.id !== host.getAttribute('data-paperdex-id'))
        host.setAttribute('data-paperdex-id', r.id);
    }
  }

  /** States for the marks; a failed lookup marks every row "new" rather than none. */
  private async lookupStates(papers: FoundPaper[]): Promise<Record<string, PaperStateInfo>> {
    try {
      // Paused, no record follows to tell title-only matches: the lookup must.
      return await this.o.transport.lookup(papers, { titles: this.settings.paused });
    } catch (e) {
      this.o.onError?.(e);
      return {};
    }
  }

  private async star(id: string, starred: boolean): Promise<void> {
    this.applyStar(id, starred);
    try {
      await this.o.transport.setStar(id, starred);
    } catch (e) {
      this.applyStar(id, !starred);
      this.o.onError?.(e);
    }
  }
}

/**
 * Resolves after the next frame is painted. A task queued with setTimeout(0) alone usually runs
 * before that frame. Hidden tabs paint no frames, so they only wait out a short timer.
 */
function afterPaint(doc: Document): Promise<void> {
  return new Promise((resolve) => {
    const win = doc.defaultView;
    const fallback = setTimeout(resolve, doc.visibilityState === 'visible' ? 200 : 0);
    if (!win?.requestAnimationFrame || doc.visibilityState !== 'visible') return;
    win.requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}

/** Main-thread time for one slice of off-screen marks before the page gets a turn. */
const SLICE_MS = 40;

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** "Near" the window is within a screen of it: a row wholly above that band, or below it. */
const above = (r: DOMRect, height: number) => r.bottom < -height;
const below = (r: DOMRect, height: number) => r.top > 2 * height;

/** Below this many rows one batch is cheap enough: splitting would only add a frame. */
const SPLIT_FROM = 200;

/**
 * Rows within a screen of the viewport, and the others. Read before any badge goes in, while the
 * page's layout is still clean, so the rectangles cost no layout. Rows without an element (the
 * page's own paper) and rows the page hides count as near: they are cheap and may be what matters.
 */
export function splitByViewport(doc: Document, rows: FoundPaper[]): [FoundPaper[], FoundPaper[]] {
  const height = doc.defaultView?.innerHeight ?? 0;
  if (rows.length < SPLIT_FROM || !height) return [rows, []];
  const near: FoundPaper[] = [];
  const later: FoundPaper[] = [];
  for (const p of rows) {
    const el = p.element;
    if (!el?.isConnected) {
      near.push(p);
      continue;
    }
    const r = el.getBoundingClientRect();
    const hidden = r.width === 0 && r.height === 0;
    if (hidden || (!above(r, height) && !below(r, height))) near.push(p);
    else later.push(p);
  }
  // Nothing near the window (scrolled past the list): one batch, as splitting would gain nothing.
  return near.length ? [near, later] : [rows, []];
}

/**
 * The rows within a screen of the window, as [start, end) of a listing's rows in document order,
 * found by bisection: a few dozen rectangles rather than one per row. Null for short lists (one
 * batch is cheap) and when no row is near the window. Rows laid out out of order only make the
 * choice less apt; every row is marked in the end either way.
 */
export function screenRows(doc: Document, rows: ArrayLike<Element>): [number, number] | null {
  const height = doc.defaultView?.innerHeight ?? 0;
  const n = Math.min(rows.length, LIMITS.rowsPerPage);
  if (n < SPLIT_FROM || !height) return null;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (above(rows[mid]!.getBoundingClientRect(), height)) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < n && end - lo < MAX_SCREEN_ROWS) {
    if (below(rows[end]!.getBoundingClientRect(), height)) break;
    end++;
  }
  return end > lo ? [lo, end] : null;
}

/** A screen holds a few dozen rows; past this many the rows are not laid out as a list. */
const MAX_SCREEN_ROWS = 300;

function toMark(id: string, s: PaperStateInfo | undefined): MarkInfo {
  if (!s) return { id, state: 'new' };
  return {
    id: s.id || id,
    state: s.state,
    starred: s.state === 'starred',
    seenCount: s.seenCount,
    firstSeen: s.firstSeen,
    firstSite: s.firstSite,
    firstPageUrl: s.firstPageUrl,
    firstWhere: s.firstWhere,
  };
}

/** Duplicate rows of one paper were collapsed for the lookup: map every id to the kept one. */
function aliasIndex(unique: FoundPaper[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const p of unique) {
    m.set(p.id, p.id);
    for (const a of p.aliases) if (!m.has(a)) m.set(a, p.id);
  }
  return m;
}

function newVisitId(): string {
  const a = new Uint32Array(3);
  crypto.getRandomValues(a);
  return Array.from(a, (n) => n.toString(36)).join('');
}
