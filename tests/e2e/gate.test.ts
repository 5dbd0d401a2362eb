/**
 * The every-page gate: pages without papers load only the small content script, never the
 * detector; a page whose papers arrive later (client-side rendering) gets the detector then.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, fixtureUrl, launch, readLibrary } from './harness';
import { READING_LIST_URL, readingList } from './pages';

const HF_POSTS = 'negatives/hf_posts_2026-02-16.html';
const ARXIV_LIST = 'arxiv/list_cs_2301_old-layout.html';
const LATE_URL = 'https://lab.example.org/reading.html';

/** Opens a page while recording every script the page's worlds parse (content scripts included). */
async function openWatched(h: Harness, url: string): Promise<{ page: Page; scripts: string[] }> {
  const page = await h.context.newPage();
  const cdp: CDPSession = await h.context.newCDPSession(page);
  const scripts: string[] = [];
  cdp.on('Debugger.scriptParsed', (e) => {
    if (e.url.startsWith('chrome-extension://')) scripts.push(new URL(e.url).pathname);
  });
  await cdp.send('Debugger.enable');
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  return { page, scripts };
}

describe('the every-page gate', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a page without papers loads the gate only', async () => {
    h.serve(fixtureUrl(HF_POSTS), { file: HF_POSTS });
    const { page, scripts } = await openWatched(h, fixtureUrl(HF_POSTS));
    await expect.poll(() => scripts, { timeout: 20_000 }).toContain('/gate.js');
    await page.waitForTimeout(1_500);
    expect(scripts).not.toContain('/detector.js');
    expect(await page.locator('paperdex-mark').count()).toBe(0);
    await page.close();
  });

  it('links that only name paper sites load the gate only', async () => {
    const url = 'https://blog.example.org/about.html';
    h.serve(url, {
      html: `<!doctype html><html><head><meta charset="utf-8"><title>About</title></head><body>
<p>We read <a href="https://arxiv.org/">arXiv</a>, <a href="https://huggingface.co/papers/trending">HF papers</a>
and <a href="/doi/">DOIs</a>.</p></body></html>`,
    });
    const { page, scripts } = await openWatched(h, url);
    await expect.poll(() => scripts, { timeout: 20_000 }).toContain('/gate.js');
    await page.waitForTimeout(1_500);
    expect(scripts).not.toContain('/detector.js');
    await page.close();
  });

  it('an id link inside SVG opens the gate', async () => {
    const url = 'https://blog.example.org/figure.html';
    h.serve(url, {
      html: `<!doctype html><html><head><meta charset="utf-8"><title>Figure</title></head><body>
<svg width="200" height="40"><a href="https://arxiv.org/abs/2106.09685"><text x="0" y="20">LoRA</text></a></svg>
</body></html>`,
    });
    const { page, scripts } = await openWatched(h, url);
    await expect.poll(() => scripts, { timeout: 20_000 }).toContain('/detector.js');
    await page.close();
  });

  it('hand-capitalised hosts (arXiv.org, DOI.org) open the gate, as Chromium matches it', async () => {
    const url = 'https://blog.example.org/capitals.html';
    h.serve(url, {
      html: readingList([
        { href: 'https://arXiv.org/abs/2106.09685', title: 'LoRA' },
        { href: 'https://DOI.org/10.1103/PhysRevX.12.041027', title: 'Tearing Instability' },
      ]),
    });
    const { page, scripts } = await openWatched(h, url);
    await expect.poll(() => page.locator('paperdex-mark').count(), { timeout: 20_000 }).toBe(2);
    expect(scripts).toContain('/detector.js');
    await page.close();
  });

  it('a listing gets the detector and its marks', async () => {
    h.serve(READING_LIST_URL, {
      html: readingList([{ href: 'https://arxiv.org/abs/2106.09685', title: 'LoRA' }]),
    });
    const { page, scripts } = await openWatched(h, READING_LIST_URL);
    await expect.poll(() => page.locator('paperdex-mark').count(), { timeout: 20_000 }).toBe(1);
    expect(scripts).toContain('/detector.js');
    await page.close();
  });

  it('an arXiv listing gets the detector from the manifest, once, and counts the visit once', async () => {
    const url = fixtureUrl(ARXIV_LIST);
    h.serve(url, { file: ARXIV_LIST });
    const { page, scripts } = await openWatched(h, url);
    await expect.poll(() => page.locator('paperdex-mark').count(), { timeout: 20_000 }).toBe(3);
    const onPage = async () => {
      const lib = await readLibrary(h);
      return lib.sightings.filter((s) => s.pageUrl === url);
    };
    await expect.poll(async () => (await onPage()).length, { timeout: 20_000 }).toBe(3);
    // Time enough for a second detector, had the gate asked for one, to record again.
    await page.waitForTimeout(1500);
    expect(scripts.filter((s) => s === '/detector.js')).toHaveLength(1);
    const sightings = await onPage();
    expect(sightings).toHaveLength(3);
    expect(new Set(sightings.map((s) => s.visit)).size).toBe(1);
    await page.close();
  });

  it('papers rendered after load open the gate then', async () => {
    h.serve(LATE_URL, {
      html: `<!doctype html><html><head><meta charset="utf-8"><title>Lab</title></head><body>
<h1>Our reading</h1><ul id="list"></ul>
<script>setTimeout(() => {
  const li = document.createElement('li');
  const a = document.createElement('a');
  a.href = 'https://arxiv.org/abs/2309.16588';
  a.textContent = 'Vision Transformers Need Registers';
  li.append(a);
  document.getElementById('list').append(li);
}, 1500);</script></body></html>`,
    });
    const { page, scripts } = await openWatched(h, LATE_URL);
    await expect.poll(() => scripts, { timeout: 20_000 }).toContain('/gate.js');
    expect(scripts).not.toContain('/detector.js');
    await expect
      .poll(() => page.locator('paperdex-mark').getAttribute('data-paperdex-id'), {
        timeout: 20_000,
      })
      .toBe('arxiv:2309.16588');
    expect(scripts).toContain('/detector.js');
    await page.close();
  });
});
