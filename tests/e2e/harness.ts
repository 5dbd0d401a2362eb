/**
 * End-to-end harness: Debian's Chromium, headless, with the real built extension loaded, and real
 * saved pages served at their real URLs. No request reaches the network: a catch-all route answers
 * every request, and requests for pages no test provided are recorded so the test fails.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Route, type Worker } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const DIST = join(ROOT, '.output', 'chrome-mv3');
export const FIXTURES = join(ROOT, 'tests', 'fixtures');

export interface Harness {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  /** Serve this HTML (or a fixture file) at this exact URL. */
  serve(url: string, body: { file: string } | { html: string }): void;
  /** Requests for documents nobody served: a test touching the network would show up here. */
  unserved: string[];
  /** Requests the extension itself made (it should make none). */
  extensionRequests: string[];
  open(
    url: string,
    opts?: { waitUntil?: 'load' | 'domcontentloaded' | 'commit'; timeout?: number },
  ): Promise<Page>;
  popup(): Promise<Page>;
  close(): Promise<void>;
}

export function chromiumPath(): string {
  const p = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(p))
    throw new Error(
      `Chromium not found at ${p}: apt-get install -y chromium, or set CHROMIUM_PATH`,
    );
  return p;
}

export interface LaunchOptions {
  /** Headless unless told otherwise (the tests always run headless; `npm run demo` may not). */
  headless?: boolean;
}

export async function launch(opts: LaunchOptions = {}): Promise<Harness> {
  if (!existsSync(join(DIST, 'manifest.json'))) {
    throw new Error(`no built extension in ${DIST}: run npm run build first`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'paperdex-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: opts.headless ?? true,
    args: [
      `--disable-extensions-except=${DIST}`,
      `--load-extension=${DIST}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Belt and braces: even a request no route catches cannot resolve a host.
      '--host-resolver-rules=MAP * ~NOTFOUND',
    ],
  });
  const pages = new Map<string, { file: string } | { html: string }>();
  const unserved: string[] = [];
  const extensionRequests: string[] = [];

  // Only the web: the extension's own chrome-extension:// pages load from the built folder.
  const web = (u: URL) => u.protocol === 'http:' || u.protocol === 'https:';
  await context.route(web, async (route: Route) => {
    const req = route.request();
    const url = req.url();
    const body = pages.get(url) ?? pages.get(url.replace(/#.*$/, ''));
    if (body) {
      const html = 'file' in body ? readFileSync(join(FIXTURES, body.file)) : body.html;
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      return;
    }
    if (req.resourceType() === 'document') unserved.push(url);
    // Saved pages reference their sites' scripts, styles and images: answer them empty.
    await route.fulfill({ status: 404, contentType: 'text/plain', body: '' });
  });
  context.on('request', (req) => {
    const frame = req.frame?.bind(req);
    let fromExtension = false;
    try {
      fromExtension = frame ? frame().url().startsWith('chrome-extension://') : false;
    } catch {
      // Service-worker requests have no frame.
      fromExtension = true;
    }
    if (fromExtension && !req.url().startsWith('chrome-extension://'))
      extensionRequests.push(req.url());
  });

  const worker =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;

  return {
    context,
    extensionId,
    worker,
    unserved,
    extensionRequests,
    serve(url, body) {
      pages.set(url, body);
    },
    async open(url, opts) {
      const page = await context.newPage();
      await page.goto(url, {
        waitUntil: opts?.waitUntil ?? 'load',
        timeout: opts?.timeout ?? 30_000,
      });
      return page;
    },
    async popup() {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      return page;
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Reads the fixture list: file → real URL. */
export function fixtureUrl(file: string): string {
  const tsv = readFileSync(join(FIXTURES, 'pages.tsv'), 'utf8');
  for (const line of tsv.split('\n').slice(1)) {
    const [f, url] = line.split('\t');
    if (f === file && url) return url;
  }
  throw new Error(`no URL for fixture ${file}`);
}

export interface LibraryDump {
  papers: Array<{
    id: string;
    ids: string[];
    state: string;
    starred: number;
    seenCount: number;
    title: string;
  }>;
  sightings: Array<{ paperId: string; pageUrl: string; how: string; visit: string }>;
}

/** Reads the extension's IndexedDB from inside its service worker (raw IndexedDB, read-only). */
export async function readLibrary(h: Harness, from?: Page): Promise<LibraryDump> {
  const worker =
    h.context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ?? h.worker;
  // An extension page shares the worker's IndexedDB: read through it while the worker is stopped.
  const target: Pick<Page, 'evaluate'> = from ?? worker;
  return target.evaluate(readIndexedDb);
}

/**
 * Runs inside the extension (a worker, a page, Firefox's background page): raw IndexedDB,
 * read-only, so the tests do not go through Dexie. It travels as source, so it closes over nothing.
 */
export function readIndexedDb(): Promise<LibraryDump> {
  return new Promise<LibraryDump>((resolve, reject) => {
    const req = indexedDB.open('paperdex');
    let missing = false;
    // No database yet (nothing recorded): opening it would create an empty one under the
    // extension's name. Abort that creation and report an empty library instead.
    req.onupgradeneeded = () => {
      missing = true;
      req.transaction?.abort();
    };
    req.onerror = () => (missing ? resolve({ papers: [], sightings: [] }) : reject(req.error));
    req.onsuccess = () => {
      const db = req.result;
      try {
        const tx = db.transaction(['papers', 'visits'], 'readonly');
        const papers = tx.objectStore('papers').getAll();
        const visits = tx.objectStore('visits').getAll();
        tx.oncomplete = () => {
          db.close();
          // One row per page load holds its sightings: the dump lists them one per paper.
          type Row = { paperIds: string[]; seq: number } & Record<string, unknown>;
          const sightings = (visits.result as Row[]).flatMap(({ paperIds, seq: _seq, ...v }) =>
            paperIds.map((paperId) => ({ ...v, paperId })),
          );
          resolve({ papers: papers.result, sightings } as LibraryDump);
        };
        tx.onerror = () => reject(tx.error);
      } catch (e) {
        db.close();
        reject(e);
      }
    };
  });
}

export { type TargetInfo, WorkerDevtools } from '../../scripts/worker-devtools';
