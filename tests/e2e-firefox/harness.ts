/**
 * Firefox end-to-end harness: Debian's firefox-esr, headless, driven by Puppeteer over WebDriver
 * BiDi, with the real Firefox build installed as an add-on and real saved pages served at their real
 * https URLs by request interception.
 *
 * BiDi cannot reach the extension's own pages in Firefox (bug 1755014), so the background page and
 * extension tabs are reached through Firefox's remote debugging protocol instead (./rdp.ts).
 *
 * Nothing reaches the network: every page request is answered by interception, and Firefox's proxy
 * points at a local recorder, so any request that slips past interception (the extension's, a tab
 * nobody intercepted, Firefox's own) is listed rather than sent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import type { WxtBrowser } from 'wxt/browser';
import { FIXTURES, ROOT, readIndexedDb, type LibraryDump } from '../e2e/harness';
import { AddonDebugger, RdpClient, type TargetForm } from './rdp';

export { fixtureUrl, type LibraryDump } from '../e2e/harness';

export const DIST = join(ROOT, '.output', 'firefox-mv2');
/** The extension API as code run in extension documents sees it (see inBackground). */
declare const browser: WxtBrowser;

/** Fixed so the tests know the extension's origin before it installs (moz-extension://<uuid>). */
const EXTENSION_UUID = '3f2a9c1e-5b7d-4e60-8a1f-0c9d2e4b6a73';

export type Body = { file: string } | { html: string };

/** A moz-extension:// document open in a tab (the popup, the library page). */
export interface ExtensionTab {
  target: TargetForm;
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  close(): Promise<void>;
}

export interface FirefoxHarness {
  browser: Browser;
  addon: AddonDebugger;
  extensionId: string;
  /** moz-extension://<uuid> */
  origin: string;
  /** Serve this HTML (or a fixture file) at this exact URL. */
  serve(url: string, body: Body): void;
  /** Documents requested that no test served: a test touching the network would show up here. */
  unserved: string[];
  /** Requests that got past interception and would have left the machine. */
  escaped: string[];
  /** Network requests made by the extension's own documents (it should make none). */
  extensionRequests(): string[];
  /**
   * Errors and warnings from the extension: its background page and tabs (uncaught, console), and
   * the content script's `[paperdex]` console lines in pages.
   */
  problems(): string[];
  open(url: string): Promise<Page>;
  /** Runs fn(arg) in the background page. fn travels as source: it must not close over anything. */
  inBackground<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Opens an extension page as a tab, the way the popup is opened in tests. */
  openExtensionTab(path: string): Promise<ExtensionTab>;
  readLibrary(): Promise<LibraryDump>;
  close(): Promise<void>;
}

export function firefoxPath(): string {
  const p = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  if (!existsSync(p))
    throw new Error(
      `Firefox not found at ${p}: apt-get install -y firefox-esr, or set FIREFOX_PATH`,
    );
  return p;
}

/** A proxy that forwards nothing: it records what asked to go out and refuses it. */
async function startEscapeRecorder(escaped: string[]): Promise<Server> {
  const server = createServer((req, res) => {
    escaped.push(req.url ?? '');
    res.writeHead(502).end();
  });
  server.on('connect', (req, socket) => {
    escaped.push(`https://${req.url ?? ''}`);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

export async function launch(): Promise<FirefoxHarness> {
  const manifestPath = join(DIST, 'manifest.json');
  if (!existsSync(manifestPath))
    throw new Error(`no built add-on in ${DIST}: run npm run build:firefox first`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const geckoId = manifest.browser_specific_settings?.gecko?.id;
  if (!geckoId) throw new Error('the Firefox build has no browser_specific_settings.gecko.id');

  const escaped: string[] = [];
  const recorder = await startEscapeRecorder(escaped);
  const proxyPort = (recorder.address() as AddressInfo).port;
  const debuggerPort = await freePort();

  let firefox: Browser | undefined;
  let rdp: RdpClient | undefined;
  try {
    firefox = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath(),
      headless: true,
      // Launch alone takes 20–30 s on a loaded two-core machine.
      timeout: 120_000,
      protocolTimeout: 180_000,
      args: ['--start-debugger-server', String(debuggerPort)],
      // Release builds ignore services.settings.server unless this is set.
      env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: EXTENSION_UUID }),
        'devtools.debugger.remote-enabled': true,
        'devtools.chrome.enabled': true,
        'devtools.debugger.prompt-connection': false,
        // Firefox's own remote settings would otherwise knock on the proxy; nothing else of its does.
        'services.settings.server': 'data:,#remote-settings-dummy/v1',
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxyPort,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxyPort,
        'network.proxy.no_proxies_on': '',
        'network.proxy.allow_hijacking_localhost': true,
      },
    });
    const extensionId = await firefox.installExtension(DIST);
    rdp = await RdpClient.connect(debuggerPort);
    const addon = await AddonDebugger.attach(rdp, extensionId);
    const origin = `moz-extension://${EXTENSION_UUID}`;
    // Node gives moz-extension: URLs an opaque origin, so compare scheme and host.
    const ours = (u: URL) => u.protocol === 'moz-extension:' && u.host === EXTENSION_UUID;
    const background = await addon.target((u) => ours(u) && u.pathname.includes('background'));

    const pages = new Map<string, Body>();
    const unserved: string[] = [];
    const pageProblems: string[] = [];
    const answer = async (req: HTTPRequest) => {
      const url = req.url();
      const body = pages.get(url) ?? pages.get(url.replace(/#.*$/, ''));
      try {
        if (body) {
          const html = 'file' in body ? readFileSync(join(FIXTURES, body.file)) : body.html;
          await req.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
          return;
        }
        if (req.isNavigationRequest()) unserved.push(url);
        // Saved pages reference their sites' scripts, styles and images: answer them empty.
        await req.respond({ status: 404, contentType: 'text/plain', body: '' });
      } catch {
        // The tab closed while its request was being answered.
      }
    };

    const inBackground = <A, R>(fn: (arg: A) => R | Promise<R>, arg: A) =>
      addon.evaluate(background, fn, arg);
    const b = firefox;
    const client = rdp;
    return {
      browser: b,
      addon,
      extensionId,
      origin,
      unserved,
      escaped,
      serve(url, body) {
        pages.set(url, body);
      },
      extensionRequests: () =>
        addon.networkEvents
          .map((e) => e.url)
          .filter((u) => !/^(moz-extension|data|blob|about):/.test(u)),
      async open(url) {
        const page = await b.newPage();
        await page.setRequestInterception(true);
        page.on('request', (req) => void answer(req));
        page.on('console', (m) => {
          if (m.text().startsWith('[paperdex]'))
            pageProblems.push(`${url}: console.${m.type()}: ${m.text()}`);
        });
        page.on('pageerror', (e) => {
          if (e instanceof Error && e.stack?.includes('moz-extension://'))
            pageProblems.push(`${url}: ${e.message}`);
        });
        await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
        return page;
      },
      problems: () => [...addon.problems, ...pageProblems],
      inBackground,
      async openExtensionTab(path) {
        const before = new Set(addon.targets.keys());
        const tabId = await inBackground(
          (url: string) => browser.tabs.create({ url }).then((t) => t.id),
          path,
        );
        const target = await addon.target((u) => ours(u) && u.pathname === path, 30_000, before);
        return {
          target,
          evaluate: (fn, arg) => addon.evaluate(target, fn, arg),
          close: async () => {
            await inBackground(
              (id) => (id === undefined ? undefined : browser.tabs.remove(id)),
              tabId,
            );
          },
        };
      },
      readLibrary: () => inBackground(readIndexedDb, null),
      async close() {
        client.close();
        await b.close();
        await new Promise((resolve) => recorder.close(resolve));
      },
    };
  } catch (e) {
    rdp?.close();
    await firefox?.close();
    recorder.close();
    throw e;
  }
}
