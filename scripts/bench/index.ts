/**
 * `npm run bench`: how fast Paperdex is on the machine at hand, measured in headless Chromium with
 * the built extension loaded. Every figure is the median of several runs with min and max, printed
 * beside its target and written to .output/bench.json. Not part of `npm test`: timings on shared
 * machines are noisy.
 *
 * Two browsers run side by side: one with the extension (the library filled to 50,000 papers
 * through the extension's own background), one without it (detection on its own, and the
 * baseline for page load).
 */
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import type * as Gate from '../../utils/detect/gate';
import type * as Detect from '../../utils/detect/index';
import type { Sighting, StoredPaper, Visit } from '../../utils/library/db';
import type { LookupPaper, WirePaper } from '../../utils/protocol';
import { packIds } from '../../utils/protocol-packed';
import {
  type Browser,
  DIST,
  ROOT,
  WorkerDevtools,
  stopWorkerCold,
  extensionPage,
  launchChromium,
  storageUsage,
  timedMessage,
} from './browser';
import {
  buildListing,
  freshArxivId,
  freshPapers,
  library,
  parseListing,
  storedRows,
} from './generate';
import { FIRST_VIEW_KEY } from '../../entrypoints/popup/snapshot';
import { keystrokes, popupAnswered, popupFirstPaint, popupPaints } from './popup';
import { Figures, median, round } from './stats';

const FIXTURES = join(ROOT, 'tests', 'fixtures');
const LISTING_FILE = join(FIXTURES, 'arxiv', 'list_cond-mat.mtrl-sci_new_2026-09.html');
const LISTING_URL = 'https://arxiv.org/list/cond-mat.mtrl-sci/new';
/** Real pages without papers, at their real URLs. */
const NO_PAPERS: Array<{ name: string; url: string; file?: string; html?: string }> = [
  {
    name: 'HF posts feed',
    file: 'negatives/hf_posts_2026-02-16.html',
    url: 'https://huggingface.co/posts',
  },
  {
    name: 'Google sign-in',
    file: 'negatives/google_signin_from_scholar_2026-02.html',
    url: 'https://accounts.google.com/v3/signin/identifier?continue=https%3A%2F%2Fscholar.google.com%2Fcitations',
  },
  {
    // Generated: the shape of a long encyclopedia article, whose links the id-links hint scans.
    name: 'article with 3,000 links (generated)',
    url: 'https://en.wikipedia.org/wiki/Long_article',
    html: `<!doctype html><html><head><title>Long article</title></head><body>${Array.from(
      { length: 3_000 },
      (_, i) => `<p>Text <a href="/wiki/Some_linked_article_${i}">Linked article ${i}</a>.</p>`,
    ).join('')}</body></html>`,
  },
];
const noPaperHtml = (np: (typeof NO_PAPERS)[number]) =>
  np.html ?? readFileSync(join(FIXTURES, np.file!));

/** Papers stored for the library figures; BENCH_PAPERS=20000 (the least) gives a quicker run. */
const STORED = Math.max(20_000, Number(process.env.BENCH_PAPERS) || 50_000);
const N = STORED.toLocaleString('en');
const FILL_BATCH = 5_000;
/** BENCH_ONLY=pages: sizes, detection and content-script cost only (a minute, no library). */
const PAGES_ONLY = process.env.BENCH_ONLY === 'pages';
/** BENCH_ONLY=popup: fills the library, then the popup figures only. */
const POPUP_ONLY = process.env.BENCH_ONLY === 'popup';
const RECORD = 2_000;
const RUNS = 5;
/** Pages of new papers recorded after their lookup, as a content script sends them. */
const AFTER_LOOKUP_RUNS = 3;
const CHEAP_RUNS = 7;

const figures = new Figures();
const started = Date.now();

function phase(name: string): void {
  console.log(`\n[${((Date.now() - started) / 1000).toFixed(0)} s] ${name}`);
}

type DetectApi = Pick<typeof Detect, 'detectPapers' | 'detectPage'> & Pick<typeof Gate, 'gate'>;
const GLOBAL = '__paperdexBench';

/** utils/detect (the registry and the every-page gate) as one script for the page. */
async function detectBundle(): Promise<string> {
  const out = await build({
    stdin: {
      contents:
        "export { detectPapers, detectPage } from './index'; export { gate } from './gate';",
      resolveDir: join(ROOT, 'utils', 'detect'),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: GLOBAL,
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

/** Times detectPapers, detectPage or the gate in the page: the first call (cold, as the content script runs it) and a second. */
async function timeDetect(page: Page, which: 'papers' | 'page' | 'gate') {
  return page.evaluate(
    ({ which, global }) => {
      const d = (globalThis as unknown as Record<string, DetectApi>)[global]!;
      const times: number[] = [];
      let count = 0;
      for (let i = 0; i < 2; i++) {
        const url = new URL(location.href);
        const t0 = performance.now();
        if (which === 'papers') count = d.detectPapers(document, url).papers.length;
        else if (which === 'page') count = d.detectPage(document, url) ? 1 : 0;
        else count = d.gate(document, url) ? 1 : 0;
        times.push(performance.now() - t0);
      }
      return { cold: times[0]!, warm: times[1]!, count };
    },
    { which, global: GLOBAL },
  );
}

/** What the content script would ask the background for this page: its unique papers' ids and titles. */
async function lookupPayload(page: Page): Promise<LookupPaper[]> {
  return page.evaluate((global) => {
    const d = (globalThis as unknown as Record<string, DetectApi>)[global]!;
    const seen = new Set<string>();
    const out: Array<{ id: string; aliases: string[]; title: string }> = [];
    for (const p of d.detectPapers(document, new URL(location.href)).papers) {
      if (seen.has(p.id)) continue;
      seen.add(p.id);
      out.push({ id: p.id, aliases: p.aliases, title: p.title });
    }
    return out;
  }, GLOBAL);
}

async function openWithScript(b: Browser, url: string, script: string): Promise<Page> {
  const page = await b.open(url);
  await page.addScriptTag({ content: script });
  return page;
}

// --- sizes -------------------------------------------------------------------------------------

function sizes(): void {
  phase('content-script size');
  // The production build is already minified (wxt/vite): these are the shipped files.
  const bytes = readFileSync(join(DIST, 'gate.js'));
  figures.add('content script (every page: the gate), minified', [bytes.length / 1024], 'KB', 30);
  figures.add(
    'content script (every page: the gate), gzipped',
    [gzipSync(bytes, { level: 9 }).length / 1024],
    'KB',
  );
  const detector = readFileSync(join(DIST, 'detector.js'));
  figures.add(
    'detector (injected only where the gate opens), minified',
    [detector.length / 1024],
    'KB',
  );
  figures.add(
    'detector (injected only where the gate opens), gzipped',
    [gzipSync(detector, { level: 9 }).length / 1024],
    'KB',
  );
}

// --- detection, without the extension ----------------------------------------------------------

async function detection(plain: Browser, bundle: string, listing: ReturnType<typeof parseListing>) {
  phase('detection (browser without the extension, utils/detect injected into the page)');
  for (const rows of [200, 2_000]) {
    const url = `https://arxiv.org/list/cond-mat/pastweek?skip=0&show=${rows}`;
    plain.serve(
      url,
      buildListing(listing, rows, (k) => freshArxivId(0, k + 1)),
    );
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < (rows > 1_000 ? RUNS : CHEAP_RUNS); i++) {
      const page = await openWithScript(plain, url, bundle);
      const r = await timeDetect(page, 'papers');
      await page.close();
      if (r.count !== rows) throw new Error(`detected ${r.count} of ${rows} rows`);
      cold.push(r.cold);
      warm.push(r.warm);
    }
    const n = rows.toLocaleString('en');
    figures.add(`detect ${n} rows (first call)`, cold, 'ms', rows === 2_000 ? 30 : null);
    figures.add(`detect ${n} rows (second call)`, warm, 'ms');
  }
  for (const np of NO_PAPERS) {
    plain.serve(np.url, noPaperHtml(np));
    const cold: number[] = [];
    const gated: number[] = [];
    for (let i = 0; i < CHEAP_RUNS; i++) {
      const page = await openWithScript(plain, np.url, bundle);
      const g = await timeDetect(page, 'gate');
      const r = await timeDetect(page, 'page');
      await page.close();
      if (g.count !== 0) throw new Error(`${np.name}: the gate opened on a page without papers`);
      if (r.count !== 0) throw new Error(`${np.name}: detectPage claimed a page without papers`);
      gated.push(g.cold);
      cold.push(r.cold);
    }
    figures.add(`no papers: gate (every page), ${np.name}`, gated, 'ms', 2);
    figures.add(`no papers: detectPage (not run there: for reference), ${np.name}`, cold, 'ms');
  }
}

// --- content script main-thread JS, from a CPU profile ------------------------------------------

interface ProfileNode {
  id: number;
  callFrame: { url: string };
  children?: number[];
}

/**
 * Main-thread JavaScript time under the content script's frames, from a CPU profile of the page
 * load and the following `settleMs` (sampled every 100 µs; includes DOM work the script calls).
 */
async function contentScriptCpu(b: Browser, url: string, settleMs: number): Promise<number> {
  const page = await b.context.newPage();
  const cdp = await b.context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(settleMs);
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.detach();
  await page.close();
  const nodes = new Map<number, ProfileNode>(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inScript = new Map<number, boolean>();
  const mine = (id: number): boolean => {
    const known = inScript.get(id);
    if (known !== undefined) return known;
    const up = parent.get(id);
    // The gate (gate.js) and, where it opened, the injected detector.js.
    const v =
      nodes.get(id)!.callFrame.url.startsWith('chrome-extension://') ||
      (up !== undefined && mine(up));
    inScript.set(id, v);
    return v;
  };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let us = 0;
  for (let i = 0; i < samples.length; i++) if (mine(samples[i]!)) us += deltas[i + 1] ?? 0;
  return us / 1000;
}

// --- marks -------------------------------------------------------------------------------------

interface MarksTimes {
  /** The rows on screen all carry a badge, painted. */
  visible: number;
  /** The same moment as the previous bench measured it: the first task after that frame. */
  visibleTask: number;
  /** Every row carries a badge, painted. */
  all: number;
  /** How many rows were on screen. */
  onScreen: number;
}

/**
 * Watches the bench listing (arXiv markup: one `dl > dt` per row) for badges. "Visible" is what
 * the reader sees: every row on screen marked and the frame painted. The rows on screen are read
 * when the first badge arrives, inside a layout the paint needs anyway. A string, not a function:
 * tsx would wrap named inner functions in a helper the page does not have.
 */
const MARKS_PROBE = `(() => {
  const probe = { visible: -1, visibleTask: -1, all: -1, onScreen: 0, want: __WANT__ };
  window.__marks = probe;
  const marks = document.getElementsByTagName('paperdex-mark');
  let screen = null;
  let seen = false;
  document.addEventListener('DOMContentLoaded', () => {
    // Without arXiv's stylesheet (not saved) its header fills the first 1,600 pixels: bring the
    // list to the top of the window, where the styled page shows it.
    document.querySelector('dl > dt')?.scrollIntoView();
    const mo = new MutationObserver(() => {
      if (marks.length === 0) return;
      if (!screen) {
        screen = Array.from(document.querySelectorAll('dl > dt')).filter((dt) => {
          const r = dt.getBoundingClientRect();
          return r.bottom > 0 && r.top < innerHeight;
        });
        probe.onScreen = screen.length;
      }
      if (!seen && screen.every((dt) => dt.querySelector('paperdex-mark'))) {
        seen = true;
        // The frame that paints these marks runs this callback first; the next frame's callback is
        // handed the time that frame began, which follows the painted one whatever task the
        // page or the extension runs in between.
        requestAnimationFrame(() => requestAnimationFrame((next) => { probe.visible = next; }));
        requestAnimationFrame(() => setTimeout(() => { probe.visibleTask = performance.now(); }, 0));
      }
      if (marks.length >= probe.want) {
        mo.disconnect();
        requestAnimationFrame(() => setTimeout(() => { probe.all = performance.now(); }, 0));
      }
    });
    mo.observe(document.documentElement, { childList: true, subtree: true });
  });
})()`;

/**
 * The same listing without the extension: the start time of its first frame after document_idle.
 * On a long listing the page's own style and layout, once parsing ends, run at about that moment
 * and hold the next frame back; marks cannot show before it.
 */
const PAGE_FRAME_PROBE = `(() => {
  const probe = { frames: [] };
  window.__frames = probe;
  document.addEventListener('DOMContentLoaded', () => {
    document.querySelector('dl > dt')?.scrollIntoView();
    const loop = (t) => {
      probe.frames.push(t);
      if (probe.frames.length < 600) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  });
})()`;

async function pageFrameAfterIdle(b: Browser, url: string): Promise<number> {
  const page = await b.context.newPage();
  await page.addInitScript(PAGE_FRAME_PROBE);
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  const after = (await page.evaluate(`new Promise((resolve) => {
    const nav = performance.getEntriesByType('navigation')[0];
    const idle = Math.min(nav.loadEventEnd || Infinity, nav.domContentLoadedEventEnd + 200);
    const poll = () => {
      const t = window.__frames.frames.find((f) => f > idle);
      if (t !== undefined) resolve(t - idle);
      else setTimeout(poll, 20);
    };
    poll();
  })`)) as number;
  await page.close();
  return after;
}

/**
 * Opens the listing and waits for `expected` badges. Chromium runs document_idle scripts at the
 * load event, or 200 ms after DOMContentLoaded if that comes first: the figures start there.
 */
async function marksVisible(b: Browser, url: string, expected: number): Promise<MarksTimes> {
  const page = await b.context.newPage();
  await page.addInitScript(MARKS_PROBE.replace('__WANT__', String(expected)));
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  await page.waitForFunction(
    'window.__marks.visible >= 0 && window.__marks.visibleTask >= 0 && window.__marks.all >= 0',
    null,
    {
      timeout: 60_000,
    },
  );
  const r = (await page.evaluate(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const idle = Math.min(nav.loadEventEnd || Infinity, nav.domContentLoadedEventEnd + 200);
    return { ...window.__marks, idle };
  })()`)) as MarksTimes & { idle: number };
  await page.close();
  if (r.onScreen === 0) throw new Error('marks: no listing row was on screen');
  return {
    visible: r.visible - r.idle,
    visibleTask: r.visibleTask - r.idle,
    all: r.all - r.idle,
    onScreen: r.onScreen,
  };
}

// --- page load, with and without the extension ------------------------------------------------

async function loadTime(b: Browser, url: string): Promise<number> {
  const page = await b.open(url);
  const t = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return nav.loadEventEnd;
  });
  await page.close();
  return t;
}

/** A page the bench writes into the build for a while: the popup's first view, static. */
const STATIC_FIRST_VIEW = 'bench-first-view.html';

/** The popup at full size: first paint with rows, its heap, and typing. */
async function popupFigures(withExt: Browser, ext: Page, emptyPaints: number[]): Promise<void> {
  phase(`popup at ${N} papers`);
  // The first opening with nothing remembered (entrypoints/popup/snapshot.ts): its rows come from
  // the database's first answer. Reported apart; the openings after it paint remembered rows.
  await ext.evaluate((key) => localStorage.removeItem(key), FIRST_VIEW_KEY);
  const cold = await popupFirstPaint(withExt);
  if (cold.probe.rows === 0) throw new Error(`popup showed no rows at ${N} papers`);
  await popupAnswered(cold.page);
  // The floor for the figure below: the popup's answered first view saved as a static extension
  // page (its styles and nodes, no script), opened between the popup's own openings.
  const staticHtml = await cold.page.evaluate(() => {
    const body = document.body.cloneNode(true) as HTMLElement;
    for (const s of body.querySelectorAll('script')) s.remove();
    const style = document.head.querySelector('style')?.outerHTML ?? '';
    return `<!doctype html><html lang="en"><head><meta charset="UTF-8"><meta name="color-scheme" content="light dark"><title>Paperdex</title>${style}</head><body>${body.innerHTML}</body></html>`;
  });
  await cold.page.close();
  const staticFile = join(DIST, STATIC_FIRST_VIEW);
  writeFileSync(staticFile, staticHtml);
  figures.add(
    `popup first paint with rows, ${N} papers, first opening (nothing remembered)`,
    [cold.probe.paint],
    'ms',
  );
  const fullPaints: number[] = [];
  const staticPaints: number[] = [];
  const answers: number[] = [];
  const popupHeap: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const floor = await popupFirstPaint(withExt, STATIC_FIRST_VIEW);
      staticPaints.push(floor.probe.paint);
      await floor.page.close();
      const { page, probe } = await popupFirstPaint(withExt);
      if (probe.rows === 0) throw new Error(`popup showed no rows at ${N} papers`);
      fullPaints.push(probe.paint);
      answers.push(await popupAnswered(page));
      const s = await withExt.context.newCDPSession(page);
      await s.send('HeapProfiler.collectGarbage');
      popupHeap.push((await s.send('Runtime.getHeapUsage')).usedSize / 1024 / 1024);
      await s.detach();
      await page.close();
    }
  } finally {
    rmSync(staticFile, { force: true });
  }
  figures.add(`popup first paint with rows, ${N} papers`, fullPaints, 'ms', 200);
  figures.add(
    `the same first view as a static page (no script: the floor), ${N} papers`,
    staticPaints,
    'ms',
  );
  figures.note(
    `popup first paints with rows, in order: ${fullPaints.map(Math.round).join(', ')} ms; ` +
      `the static page's between them: ${staticPaints.map(Math.round).join(', ')} ms`,
  );
  figures.add(`popup rows answered by the database, ${N} papers`, answers, 'ms');
  figures.set(`popup first paint, ${N} papers / empty library`, {
    median: round(median(fullPaints) / median(emptyPaints)),
    min: round(Math.min(...fullPaints) / Math.max(...emptyPaints)),
    max: round(Math.max(...fullPaints) / Math.min(...emptyPaints)),
    unit: 'ratio',
    target: null,
    runs: RUNS,
  });
  figures.add(`popup JS heap, ${N} papers`, popupHeap, 'MB');
  const keys = await keystrokes(withExt, ['graph', 'quantum spin', 'author:zhang', 'diffusion']);
  figures.add(`popup keystroke to results, ${N} papers`, keys.samples, 'ms', 50);
  const slowest = keys.samples
    .map((ms, i) => [ms, keys.texts[i]!] as const)
    .sort((a, b) => b[0] - a[0])
    .slice(0, 5);
  if (keys.unanswered.length)
    figures.note(`no results within 10 s for: ${keys.unanswered.map((t) => `"${t}"`).join(', ')}`);
  figures.note(
    `slowest keystrokes: ${slowest.map(([ms, t]) => `"${t}" ${Math.round(ms)} ms`).join(', ')}`,
  );
}

// --- the run -----------------------------------------------------------------------------------

function visitId(): string {
  return `bench${Math.random().toString(36).slice(2, 12)}`;
}

function recordMessage(papers: WirePaper[], n: number) {
  return {
    type: 'recordPage',
    page: {
      url: `https://arxiv.org/list/cs/pastweek?skip=${n}&show=${papers.length}`,
      title: 'Computer Science',
    },
    visit: visitId(),
    papers,
  };
}

async function record(ext: Page, papers: WirePaper[], n: number): Promise<number> {
  const { ms, res } = await timedMessage<{ ok: boolean; message?: string }>(
    ext,
    recordMessage(papers, n),
  );
  if (!res?.ok) throw new Error(`recordPage failed: ${res?.message ?? 'no answer'}`);
  return ms;
}

/**
 * Milliseconds until the background has indexed the words a record left pending (library/terms.ts).
 * A read of `termsPending` queues behind the flush's readwrite transaction, so polling it is exact
 * to one poll.
 */
async function termsFlushed(ext: Page): Promise<number> {
  return ext.evaluate(`new Promise((resolve, reject) => {
    const t0 = performance.now();
    const poll = () => {
      const req = indexedDB.open('paperdex');
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const db = req.result;
        const count = db.transaction('termsPending').objectStore('termsPending').count();
        count.onsuccess = () => {
          db.close();
          if (count.result === 0) resolve(performance.now() - t0);
          else setTimeout(poll, 5);
        };
        count.onerror = () => reject(count.error);
      };
    };
    poll();
  })`) as Promise<number>;
}

/**
 * Writes ready rows in one readwrite transaction of raw IndexedDB, from an extension page: the
 * papers, and their sightings as recordPage writes a page's, in one `visits` row.
 */
async function writeRows(
  ext: Page,
  rows: { papers: StoredPaper[]; sightings: Sighting[] },
): Promise<number> {
  const first = rows.sightings[0]!;
  const visit: Visit = {
    visit: first.visit,
    pageUrl: first.pageUrl,
    pageTitle: first.pageTitle,
    site: first.site,
    time: first.time,
    how: first.how,
    paperIds: rows.sightings.map((s) => s.paperId),
  };
  return ext.evaluate(
    ({ papers, visit }) =>
      new Promise<number>((resolve, reject) => {
        const t0 = performance.now();
        const req = indexedDB.open('paperdex');
        req.onerror = () => reject(req.error ?? new Error('open failed'));
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(['papers', 'visits'], 'readwrite');
          const ps = tx.objectStore('papers');
          for (const p of papers) ps.put(p);
          tx.objectStore('visits').add(visit);
          tx.oncomplete = () => {
            db.close();
            resolve(performance.now() - t0);
          };
          tx.onerror = () => reject(tx.error ?? new Error('write failed'));
        };
      }),
    { papers: rows.papers, visit },
  );
}

async function main(): Promise<void> {
  if (!existsSync(join(DIST, 'manifest.json')))
    throw new Error(`no build in ${DIST}: run wxt build`);
  console.log(
    `Paperdex bench — build of ${new Date(statSync(join(DIST, 'manifest.json')).mtimeMs).toISOString()}, ` +
      `Chromium headless, load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
  );
  sizes();

  const listingHtml = readFileSync(LISTING_FILE, 'utf8');
  const listing = parseListing(listingHtml);
  const bundle = await detectBundle();

  const plain = await launchChromium(false);
  const withExt = await launchChromium(true);
  const cdp = await WorkerDevtools.open(withExt.context);
  try {
    if (!POPUP_ONLY) {
      await detection(plain, bundle, listing);

      phase('content script on pages, CPU profile (extension loaded)');
      for (const np of NO_PAPERS) withExt.serve(np.url, noPaperHtml(np));
      for (const np of [NO_PAPERS[0]!, NO_PAPERS[2]!]) {
        const cpuNone: number[] = [];
        for (let i = 0; i < RUNS; i++) cpuNone.push(await contentScriptCpu(withExt, np.url, 1_500));
        figures.add(`no papers: content-script JS, ${np.name} (profile)`, cpuNone, 'ms', 2);
      }
    }
    if (PAGES_ONLY) {
      console.log('\nBENCH_ONLY=pages: the library, popup and marks figures are skipped.');
      return;
    }

    phase('popup and worker, empty library');
    const ext = await extensionPage(withExt);
    const usage0 = await storageUsage(ext);
    const emptyPaints = await popupPaints(withExt, RUNS, false);
    figures.add('popup first paint, empty library', emptyPaints, 'ms');
    const heap0: number[] = [];
    for (let i = 0; i < 3; i++) heap0.push((await cdp.heapUsed()) / 1024 / 1024);
    figures.add('service-worker JS heap, empty library', heap0, 'MB');

    const fillTo = STORED - (RUNS + AFTER_LOOKUP_RUNS) * RECORD;
    phase(
      `filling the library to ${fillTo.toLocaleString('en')} papers through recordPage, ` +
        `${FILL_BATCH.toLocaleString('en')} a message`,
    );
    const fillMs: number[] = [];
    const storedArxiv: string[] = [];
    for (let from = 0; from < fillTo; from += FILL_BATCH) {
      const batch = library(Math.min(FILL_BATCH, fillTo - from), from);
      for (const p of batch)
        if (p.id.startsWith('arxiv:')) storedArxiv.push(p.id.slice('arxiv:'.length));
      fillMs.push(await record(ext, batch, from));
      await termsFlushed(ext);
      console.log(
        `  ${(from + batch.length).toLocaleString('en')} stored (${Math.round(fillMs.at(-1)!)} ms)`,
      );
    }
    figures.add(
      `record ${FILL_BATCH.toLocaleString('en')} new papers (fill, 0–${fillTo.toLocaleString('en')})`,
      fillMs,
      'ms',
    );

    phase(`recording ${RECORD.toLocaleString('en')} papers from one page`);
    // As a content script does it: the page's lookup, then its record. The lookup has just proved
    // the papers absent, so the record does not read them again (library/record.ts, `known`).
    const recAfterLookup: number[] = [];
    for (let i = 0; i < AFTER_LOOKUP_RUNS; i++) {
      // Months 10–12: the marks listing below uses month 9 for its new rows.
      const page = freshPapers(RECORD, 10 + i);
      const asked = page.map((p) => ({ id: p.id, aliases: p.aliases, title: p.title }));
      const looked = await timedMessage<{ ok: boolean }>(ext, { type: 'lookup', papers: asked });
      if (!looked.res?.ok) throw new Error('lookup before the record failed');
      recAfterLookup.push(await record(ext, page, 300_000 + i));
      await termsFlushed(ext);
    }
    figures.add(
      `record ${RECORD.toLocaleString('en')} new papers right after their lookup, as a page does (${fillTo.toLocaleString('en')}–${(fillTo + AFTER_LOOKUP_RUNS * RECORD).toLocaleString('en')} stored)`,
      recAfterLookup,
      'ms',
    );
    const recNew: number[] = [];
    const indexed: number[] = [];
    let last: WirePaper[] = [];
    for (let i = 0; i < RUNS; i++) {
      last = freshPapers(RECORD, 2 + i);
      recNew.push(await record(ext, last, 100_000 + i));
      // Each run starts with the previous page's words indexed: the figure is one page's record,
      // and the flush after it is reported on its own.
      indexed.push(await termsFlushed(ext));
    }
    figures.add(
      `record ${RECORD.toLocaleString('en')} new papers (${(fillTo + AFTER_LOOKUP_RUNS * RECORD).toLocaleString('en')}–${N} stored)`,
      recNew,
      'ms',
      1_000,
    );
    figures.add(
      `their search words indexed, after the record answered (terms flush)`,
      indexed,
      'ms',
    );
    const recAgain: number[] = [];
    for (let i = 0; i < 3; i++) recAgain.push(await record(ext, last, 200_000 + i));
    figures.add(
      `record ${RECORD.toLocaleString('en')} stored papers again (revisit)`,
      recAgain,
      'ms',
      1_000,
    );

    const heapFull: number[] = [];
    for (let i = 0; i < 3; i++) heapFull.push((await cdp.heapUsed()) / 1024 / 1024);
    figures.add(
      `service-worker JS heap, ${N} stored, cache warm (after recording them)`,
      heapFull,
      'MB',
    );

    const usage1 = await storageUsage(ext);
    figures.add(
      'bytes per stored paper (storage estimate, with its sighting)',
      [(usage1 - usage0) / STORED],
      'bytes',
    );

    if (POPUP_ONLY) {
      await popupFigures(withExt, ext, emptyPaints);
      console.log('\nBENCH_ONLY=popup: the lookup, marks and page-load figures are skipped.');
      return;
    }

    phase(`lookup of ${RECORD.toLocaleString('en')} ids at ${N} stored`);
    // The marks listing: half its rows are stored papers, half are not.
    const stored = (k: number) => storedArxiv[Math.floor((k * storedArxiv.length) / RECORD)]!;
    const marksUrl = `https://arxiv.org/list/cond-mat/pastweek?skip=0&show=${RECORD}&bench=marks`;
    const marksHtml = buildListing(listing, RECORD, (k) =>
      k % 2 === 0 ? stored(k) : freshArxivId(9, k + 1),
    );
    plain.serve(marksUrl, marksHtml);
    withExt.serve(marksUrl, marksHtml);
    const detPage = await openWithScript(plain, marksUrl, bundle);
    const lookupPapers = await lookupPayload(detPage);
    await detPage.close();
    // As the content script asks for its marks: ids only, packed (utils/protocol-packed.ts).
    const lookup = { type: 'lookupPacked', ids: packIds(lookupPapers) };
    const timedLookup = async () => {
      const r = await timedMessage<{ ok: boolean; states?: string }>(ext, lookup);
      if (!r.res.ok || r.res.states?.split('\n').length !== lookupPapers.length)
        throw new Error(`lookup failed: ${JSON.stringify(r.res).slice(0, 200)}`);
      return r.ms;
    };
    const asleep: number[] = [];
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await stopWorkerCold(cdp);
      asleep.push(await timedLookup());
      await stopWorkerCold(cdp);
      await timedMessage(ext, { type: 'getPaper', id: 'arxiv:1501.00001' });
      cold.push(await timedLookup());
      for (let j = 0; j < 2; j++) warm.push(await timedLookup());
    }
    // Where the time goes: one id, and the same payload refused before any work (transport only).
    const one: number[] = [];
    const transport: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      one.push((await timedMessage(ext, { type: 'lookup', papers: lookupPapers.slice(0, 1) })).ms);
      const r = await timedMessage<{ ok: boolean }>(ext, { ...lookup, refuse: true });
      if (r.res.ok) throw new Error('a lookup with an unknown field was accepted');
      transport.push(r.ms);
    }
    figures.add(
      `lookup ${RECORD.toLocaleString('en')} ids, cold cache (worker running)`,
      cold,
      'ms',
      50,
    );
    figures.add(`lookup ${RECORD.toLocaleString('en')} ids, warm cache`, warm, 'ms', 50);
    figures.add(
      `lookup ${RECORD.toLocaleString('en')} ids, worker stopped (includes its start)`,
      asleep,
      'ms',
    );
    figures.add('lookup 1 id, warm (message round trip)', one, 'ms');
    figures.add(
      `lookup ${RECORD.toLocaleString('en')} ids refused unread (message transport only)`,
      transport,
      'ms',
    );

    await popupFigures(withExt, ext, emptyPaints);

    phase(`marks on a ${RECORD.toLocaleString('en')}-row listing at ${N} stored`);
    const marks: number[] = [];
    const marksTask: number[] = [];
    const marksAll: number[] = [];
    let onScreen = 0;
    for (let i = 0; i < RUNS; i++) {
      const m = await marksVisible(withExt, marksUrl, RECORD);
      marks.push(m.visible);
      marksTask.push(m.visibleTask);
      marksAll.push(m.all);
      onScreen = m.onScreen;
      // The page records its 2,000 papers after marking them: let that write finish (a read
      // queues behind it) so the next run's lookup does not wait for this run's write.
      await new Promise((r) => setTimeout(r, 300));
      await timedMessage(ext, { type: 'getPaper', id: 'arxiv:1501.00001' });
    }
    figures.add(
      `marks visible, ${RECORD.toLocaleString('en')} rows, ${N} stored (after document_idle)`,
      marks,
      'ms',
      200,
    );
    figures.add(
      `marks visible, stamped by the first task after their frame (the method before session 14)`,
      marksTask,
      'ms',
    );
    figures.add(
      `all ${RECORD.toLocaleString('en')} rows marked, ${N} stored (after document_idle)`,
      marksAll,
      'ms',
    );
    const pageFrames: number[] = [];
    for (let i = 0; i < RUNS; i++) pageFrames.push(await pageFrameAfterIdle(plain, marksUrl));
    figures.add(
      `the same listing without the extension: its first frame after document_idle`,
      pageFrames,
      'ms',
    );
    figures.note(
      `marks: "visible" is every row on screen (${onScreen} in the 1280×720 viewport) marked and their frame painted, stamped with the start time Chromium gives the next frame's requestAnimationFrame callbacks. The older stamp, a task queued after that frame, also counted whatever task ran first, such as the content script going on to read the rest of the listing; the rows further down are marked in slices after that frame.`,
    );
    figures.note(
      'marks: the first run has 1,000 stored and 1,000 new rows; later runs find all 2,000 stored (the first run recorded them).',
    );
    figures.note(
      "marks: the listing's own first frame after document_idle, without the extension, is the floor for the marks: the page's style and layout of its 2,000 rows, once parsing ends, hold that frame back.",
    );

    phase('page load with and without the extension (real arXiv listing, 101 rows)');
    plain.serve(LISTING_URL, listingHtml);
    withExt.serve(LISTING_URL, listingHtml);
    const withMs: number[] = [];
    const withoutMs: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < CHEAP_RUNS; i++) {
      // Alternate which goes first, so a burst of load on the machine hits both sides alike.
      let w: number;
      let b: number;
      if (i % 2) {
        w = await loadTime(withExt, LISTING_URL);
        b = await loadTime(plain, LISTING_URL);
      } else {
        b = await loadTime(plain, LISTING_URL);
        w = await loadTime(withExt, LISTING_URL);
      }
      withMs.push(w);
      withoutMs.push(b);
      ratios.push(w / b);
    }
    figures.add('page load (load event), with extension', withMs, 'ms');
    figures.add('page load (load event), without extension', withoutMs, 'ms');
    figures.add('page load, with / without extension', ratios, 'ratio');
    const cpuListing: number[] = [];
    for (let i = 0; i < RUNS; i++)
      cpuListing.push(await contentScriptCpu(withExt, LISTING_URL, 2_000));
    figures.add('content-script JS, real arXiv listing of 101 rows (profile)', cpuListing, 'ms');

    phase('service worker after the run');
    const heap1: number[] = [];
    for (let i = 0; i < 3; i++) heap1.push((await cdp.heapUsed()) / 1024 / 1024);
    figures.add(
      `service-worker JS heap, ${N} stored (after a restart and ~2,100 lookups)`,
      heap1,
      'MB',
    );

    phase('IndexedDB floor: the rows of 2,000 new papers put directly, without recordPage');
    const put: number[] = [];
    for (let i = 0; i < 3; i++) {
      put.push(await writeRows(ext, storedRows(freshPapers(RECORD, 20 + i), Date.now(), i)));
    }
    figures.add(
      `IndexedDB put of ${RECORD.toLocaleString('en')} ready rows + their page's sightings row (no recordPage)`,
      put,
      'ms',
    );
  } finally {
    await cdp.close().catch(() => {});
    await withExt.close();
    await plain.close();
  }
}

function report(): void {
  const only = PAGES_ONLY ? '-pages' : POPUP_ONLY ? '-popup' : '';
  const out = join(ROOT, '.output', `bench${only}.json`);
  figures.write(out);
  console.log(`\n${figures.table()}\n`);
  for (const n of figures.notes) console.log(`note: ${n}`);
  console.log(
    `Wrote ${out} in ${((Date.now() - started) / 1000).toFixed(0)} s. Timings are wall-clock on this machine: ` +
      'other processes share its cores, so compare medians across runs, not single numbers.',
  );
}

main()
  .then(report)
  .catch((e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  });
