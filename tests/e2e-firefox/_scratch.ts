import puppeteer from 'puppeteer-core';
import { join } from 'node:path';
import { RdpClient, AddonDebugger } from './rdp';
const DIST = join(import.meta.dirname, '..', '..', '.output', 'firefox-mv2');
const UUID = '6b1f3c2e-0a4d-4e8b-9c7f-2d5e8a1b3c4d';
const PORT = 6123;
const t0 = Date.now();
const log = (...a: unknown[]) => console.log(((Date.now() - t0) / 1000).toFixed(1), ...a);
const browser = await puppeteer.launch({
  browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true,
  args: ['--start-debugger-server', String(PORT)],
  extraPrefsFirefox: {
    'extensions.webextensions.uuids': JSON.stringify({ 'paperdex@paperdex.invalid': UUID }),
    'devtools.debugger.remote-enabled': true, 'devtools.chrome.enabled': true, 'devtools.debugger.prompt-connection': false,
  },
});
try {
log('launched', await browser.version());
const id = await browser.installExtension(DIST);
log('installed', id);
const rdp = await RdpClient.connect(PORT);
rdp.onEvent((p) => log('ev', JSON.stringify(p).slice(0, 300)));
const dbg = await AddonDebugger.attach(rdp, id);
log('targets', [...dbg.targets.values()].map((t) => t.url));
const bg = await dbg.target((u) => u.pathname.includes('background'));
log('bg eval', await dbg.evaluate(bg, (x: number) => ({ x, id: browser.runtime.id, url: location.href }), 41));
const page = await browser.newPage();
await page.setRequestInterception(true);
page.on('request', (req) => { log('req', req.url(), req.isNavigationRequest()); void req.respond({ status: 200, contentType: 'text/html', body: '<a href="https://arxiv.org/abs/2106.09608">x</a>' }); });
await page.goto('https://example.org/');
await new Promise((r) => setTimeout(r, 3000));
log('marks', await page.evaluate(() => [...document.querySelectorAll('paperdex-mark')].map(e => e.outerHTML)));
await dbg.evaluate(bg, () => browser.tabs.create({ url: '/popup.html' }).then(() => 1), 0);
const popup = await dbg.target((u) => u.pathname === '/popup.html');
await new Promise((r) => setTimeout(r, 2000));
log('popup', await dbg.evaluate(popup, () => [...document.querySelectorAll('[data-paperdex-id]')].map((e) => e.getAttribute('data-paperdex-id')), 0));
log('pages', (await browser.pages()).map((p) => p.url()));
await dbg.evaluate(bg, () => fetch('https://leak.example.net/x').then(() => 1, () => 2), 0);
await new Promise((r) => setTimeout(r, 1000));
log('net', dbg.networkEvents.map((e) => e.url));
rdp.close();
} finally { await browser.close(); }
