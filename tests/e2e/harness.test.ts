/**
 * Proves the harness: the real built extension loads in Chromium, its content script runs on a real
 * saved page served at its real URL, the background answers it, and the popup renders the papers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, fixtureUrl, launch, readLibrary } from './harness';

const LISTING = 'arxiv/list_cond-mat.mtrl-sci_new_2026-09.html';

describe('harness', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('loads the extension and reads its id from the service worker', () => {
    expect(h.extensionId).toMatch(/^[a-p]{32}$/);
  });

  it('reads an empty library before anything was recorded, instead of hanging', async () => {
    expect(await readLibrary(h)).toEqual({ papers: [], sightings: [] });
  });

  it('runs the content script on a routed real page and the background stores its papers', async () => {
    const url = fixtureUrl(LISTING);
    h.serve(url, { file: LISTING });
    const page = await h.open(url);
    expect(page.url()).toBe(url);
    // Badges appear only after the background answered the lookup.
    await expect.poll(() => page.locator('paperdex-mark').count(), { timeout: 20_000 }).toBe(101);
    expect(await page.locator('paperdex-mark[data-paperdex-state="new"]').count()).toBe(101);

    const popup = await h.popup();
    await expect
      .poll(() => popup.locator('[data-paperdex-id]').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    const ids = await popup
      .locator('[data-paperdex-id]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-paperdex-id')));
    expect(ids.every((id) => /^arxiv:26\d\d\.\d{5}$/.test(id ?? ''))).toBe(true);
    expect(h.unserved).toEqual([]);
    expect(h.extensionRequests).toEqual([]);
  });
});
