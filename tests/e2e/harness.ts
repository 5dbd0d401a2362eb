/**
 * End-to-end harness: Debian's Chromium, headless, with the real built extension loaded, and real
 * saved pages served at their real URLs. No request reaches the network: a catch-all route answers
 * every request, and requests for pages no test provided are recorded so the test fails.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  chromium,
  type BrowserContext,
  type CDPSession,
  type Page,
  type Route,
  type Worker,
} from 'playwright-core';

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
  return target.evaluate(
    () =>
      new Promise<LibraryDump>((resolve, reject) => {
        const req = indexedDB.open('paperdex');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(['papers', 'sightings'], 'readonly');
          const papers = tx.objectStore('papers').getAll();
          const sightings = tx.objectStore('sightings').getAll();
          tx.oncomplete = () => {
            db.close();
            resolve({ papers: papers.result, sightings: sightings.result } as LibraryDump);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** A CDP target as Target.getTargets lists it. */
export interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/** One DevTools protocol message relayed from a worker: an answer or an event. */
interface RelayedMessage {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: unknown;
  error?: unknown;
}

/**
 * DevTools on the extension's service worker. Playwright gives a persistent context no browser
 * session and workers no CDP session, so a blank page's session lists targets, stops workers, and
 * attaches to the worker target (non-flattened) to relay commands and collect its events.
 */
export class WorkerDevtools {
  private next = 1;
  private pending = new Map<number, (msg: RelayedMessage) => void>();
  private sessionId: string | undefined;
  /** Events from the worker attached last, in order (console and script-parsed noise included). */
  readonly events: RelayedMessage[] = [];
  /** Running states the browser reported for the extension's worker, once `watchVersions` ran. */
  readonly runningStates: string[] = [];

  private constructor(
    readonly cdp: CDPSession,
    private readonly page: Page,
  ) {
    cdp.on('Target.receivedMessageFromTarget', (ev) => {
      if (ev.sessionId !== this.sessionId) return;
      const msg = JSON.parse(ev.message) as RelayedMessage;
      if (msg.id === undefined) {
        this.events.push(msg);
        return;
      }
      const done = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      done?.(msg);
    });
  }

  /** Starts recording the worker's running states (starting, running, stopping, stopped). */
  async watchVersions(): Promise<void> {
    this.cdp.on('ServiceWorker.workerVersionUpdated', (ev) => {
      for (const v of ev.versions)
        if (v.scriptURL.startsWith('chrome-extension://')) this.runningStates.push(v.runningStatus);
    });
    await this.cdp.send('ServiceWorker.enable');
  }

  /** Stops every service worker (the extension's is the only one) the way DevTools does. */
  async stopWorkers(): Promise<void> {
    await this.cdp.send('ServiceWorker.stopAllWorkers');
  }

  static async open(h: Harness): Promise<WorkerDevtools> {
    const page = await h.context.newPage();
    return new WorkerDevtools(await h.context.newCDPSession(page), page);
  }

  /** The extension's service-worker targets (none while it is stopped). */
  async workerTargets(): Promise<TargetInfo[]> {
    const { targetInfos } = await this.cdp.send('Target.getTargets');
    return targetInfos.filter(
      (t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'),
    );
  }

  /** Attaches to the running worker; later `send` calls go to it. */
  async attach(): Promise<TargetInfo> {
    const [target] = await this.workerTargets();
    if (!target) throw new Error('the service worker is not running');
    const { sessionId } = await this.cdp.send('Target.attachToTarget', {
      targetId: target.targetId,
      flatten: false,
    });
    this.sessionId = sessionId;
    this.events.length = 0;
    return target;
  }

  /** One CDP command in the attached worker. */
  async send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const sessionId = this.sessionId;
    if (!sessionId) throw new Error('not attached to the worker');
    const id = this.next++;
    const answer = new Promise<RelayedMessage>((res) => this.pending.set(id, res));
    await this.cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method, params }),
    });
    const msg = await answer;
    if (msg.error) throw new Error(`${method}: ${JSON.stringify(msg.error)}`);
    return msg.result as T;
  }

  /** Waits for an event of the attached worker (one already received counts). */
  async waitForEvent(method: string, timeout: number): Promise<RelayedMessage> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const ev = this.events.find((e) => e.method === method);
      if (ev) return ev;
      if (Date.now() > deadline) throw new Error(`no ${method} from the worker in ${timeout} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async detach(): Promise<void> {
    const sessionId = this.sessionId;
    this.sessionId = undefined;
    if (sessionId) await this.cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
  }

  async close(): Promise<void> {
    await this.detach();
    await this.cdp.detach().catch(() => {});
    await this.page.close().catch(() => {});
  }
}
