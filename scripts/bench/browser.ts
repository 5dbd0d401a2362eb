/**
 * Chromium for the bench: Debian's Chromium, headless, with or without the built extension, pages
 * served at their real URLs from memory (nothing reaches the network), and the extension's own
 * pages and service worker reachable for messages, storage estimates and CDP.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { WorkerDevtools } from '../worker-devtools';

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

export { WorkerDevtools } from '../worker-devtools';

/** Stops the extension's worker and waits until it is gone: the next message starts it cold. */
export async function stopWorkerCold(dev: WorkerDevtools): Promise<void> {
  await dev.stopWorkers();
  for (let i = 0; i < 100 && (await dev.workerTargets()).length > 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
}
