/**
 * Chromium for the bench: Debian's Chromium, headless, with or without the built extension, pages
 * served at their real URLs from memory (nothing reaches the network), and the extension's own
 * pages and service worker reachable for messages, storage estimates and CDP.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const DIST = join(ROOT, '.output', 'chrome-mv3');

export interface Browser {
  context: BrowserContext;
  /** Present when the extension is loaded. */
  extensionId?: string;
  /** Serve this HTML at this exact URL (any other web request gets an empty 404). */
  serve(url: string, html: string | Buffer): void;
  open(url: string): Promise<Page>;
  close(): Promise<void>;
}

function chromiumPath(): string {
  const p = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(p)) throw new Error(`Chromium not found at ${p}: set CHROMIUM_PATH`);
  return p;
}

/** `profile`: a user-data directory to reuse and keep (a library filled once, for repeated runs). */
export async function launchChromium(withExtension: boolean, profile?: string): Promise<Browser> {
  const userDataDir = profile ?? mkdtempSync(join(tmpdir(), 'paperdex-bench-'));
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--host-resolver-rules=MAP * ~NOTFOUND',
  ];
  if (withExtension) args.push(`--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    args,
  });
  const pages = new Map<string, string | Buffer>();
  await context.route(
    (u) => u.protocol === 'http:' || u.protocol === 'https:',
    async (route) => {
      const body = pages.get(route.request().url());
      if (body !== undefined) {
        await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
      } else {
        await route.fulfill({ status: 404, contentType: 'text/plain', body: '' });
      }
    },
  );
  let extensionId: string | undefined;
  if (withExtension) {
    const worker =
      context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
    extensionId = new URL(worker.url()).host;
  }
  return {
    context,
    extensionId,
    serve(url, html) {
      pages.set(url, html);
    },
    async open(url) {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
      return page;
    },
    async close() {
      await context.close();
      if (!profile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The one API the bench calls in extension pages. */
interface ChromeLike {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

/**
 * A quiet extension page (the manifest rendered as a document): it has `chrome.runtime` and the
 * extension's storage, but no UI that would re-run queries while the bench writes.
 */
export async function extensionPage(b: Browser): Promise<Page> {
  if (!b.extensionId) throw new Error('no extension loaded');
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/manifest.json`);
  return page;
}

export interface Timed<T> {
  ms: number;
  res: T;
}

/** Sends one message to the background from `page` and times the round trip inside the page. */
export async function timedMessage<T = unknown>(page: Page, message: unknown): Promise<Timed<T>> {
  return page.evaluate(async (m) => {
    const { chrome } = globalThis as unknown as { chrome: ChromeLike };
    const t0 = performance.now();
    const res = await chrome.runtime.sendMessage(m);
    return { ms: performance.now() - t0, res: res as T };
  }, message);
}

export async function storageUsage(page: Page): Promise<number> {
  return page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
}

/**
 * CDP to the extension's service worker. Playwright gives workers no CDP session, so a page's
 * session attaches to the worker target (non-flattened) and relays messages to it.
 */
export class WorkerCdp {
  private next = 1;
  private pending = new Map<number, (msg: { result?: unknown; error?: unknown }) => void>();

  private constructor(
    private readonly cdp: CDPSession,
    private readonly page: Page,
  ) {
    cdp.on('Target.receivedMessageFromTarget', (ev) => {
      const msg = JSON.parse(ev.message) as { id?: number; result?: unknown; error?: unknown };
      const done = msg.id === undefined ? undefined : this.pending.get(msg.id);
      if (done && msg.id !== undefined) {
        this.pending.delete(msg.id);
        done(msg);
      }
    });
  }

  static async open(b: Browser): Promise<WorkerCdp> {
    const page = await b.context.newPage();
    const cdp = await b.context.newCDPSession(page);
    return new WorkerCdp(cdp, page);
  }

  private async workerTarget(): Promise<string | undefined> {
    const { targetInfos } = await this.cdp.send('Target.getTargets');
    return targetInfos.find(
      (t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'),
    )?.targetId;
  }

  /** Runs one CDP command in the service worker (which must be running). */
  async call<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const targetId = await this.workerTarget();
    if (!targetId) throw new Error('the service worker is not running');
    const { sessionId } = await this.cdp.send('Target.attachToTarget', {
      targetId,
      flatten: false,
    });
    try {
      const id = this.next++;
      const answer = new Promise<{ result?: unknown; error?: unknown }>((res) =>
        this.pending.set(id, res),
      );
      await this.cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method, params }),
      });
      const msg = await answer;
      if (msg.error) throw new Error(`${method}: ${JSON.stringify(msg.error)}`);
      return msg.result as T;
    } finally {
      await this.cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
    }
  }

  /** JS heap of the service worker after a full GC, in bytes. */
  async heapUsed(): Promise<number> {
    await this.call('HeapProfiler.collectGarbage');
    const r = await this.call<{ usedSize: number }>('Runtime.getHeapUsage');
    return r.usedSize;
  }

  /** Stops every service worker: the next message starts the extension's worker cold. */
  async stopWorkers(): Promise<void> {
    await this.cdp.send('ServiceWorker.enable');
    await this.cdp.send('ServiceWorker.stopAllWorkers');
    for (let i = 0; i < 100 && (await this.workerTarget()); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async close(): Promise<void> {
    await this.cdp.detach().catch(() => {});
    await this.page.close();
  }
}
