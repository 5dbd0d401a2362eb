import { afterAll, beforeAll, expect, it } from 'vitest';
import { HOSTILE_URL, hostilePage } from '../e2e/pages';
import { type FirefoxHarness, launch } from './harness';
let h: FirefoxHarness;
beforeAll(async () => { h = await launch(); });
afterAll(async () => { console.log('escaped', [...new Set(h.escaped)]); await h?.close(); });
it('probe', async () => {
  const t0 = Date.now();
  const log = (m: string) => console.log(((Date.now() - t0) / 1000).toFixed(1), m);
  h.serve(HOSTILE_URL, { html: hostilePage(Number(process.env.ROWS ?? 20000)) });
  const page = await h.open(HOSTILE_URL);
  log('loaded');
  for (let i = 0; i < 200; i++) {
    const n = await page.evaluate(() => document.querySelectorAll('paperdex-mark').length);
    log(`marks ${n}`);
    if (n > 0) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  log('evaluated');
  await page.evaluate(() => 1 + 1); log('responsive');
  await page.$$eval('paperdex-mark', (els) => els.map((e) => [e.getAttribute('data-paperdex-id'), e.getAttribute('data-paperdex-state')])); log('marks read');
  await page.hover('paperdex-mark'); log('hovered');
  const lib = await h.readLibrary(); log(`library ${lib.papers.length}`);
  await page.close(); log('closed');
  expect(1).toBe(1);
});
