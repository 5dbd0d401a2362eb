/**
 * The Firefox build in Firefox: a real listing at its real URL is new on the first visit and seen on
 * the second, a reading list's links match papers met on arXiv, a star set in the popup reaches the
 * page, a hostile page runs nothing, and the extension never touches the network.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_URL, READING_LIST_URL, hostilePage, readingList } from '../e2e/pages';
import { type FirefoxHarness, fixtureUrl, launch } from './harness';

const LISTING = 'arxiv/list_cond-mat.mtrl-sci_new_2026-09.html';
const LISTING_PAPERS = 101;
const UNSEEN = 'arxiv:2106.09608';
/**
 * Firefox is slower than Chromium here: a fifth of the Chromium suite's 100,000 rows still makes a
 * 3 MB page with 20,000 links, past the point where unbounded work would show.
 */
const HOSTILE_ROWS = 20_000;

/**
 * [id, state] of every badge on the page, in page order. One evaluate, not $$eval: over BiDi, $$eval
 * makes a handle per element, which takes over half a minute for a few thousand badges.
 */
const marks = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('paperdex-mark')).map((e) => [
      e.getAttribute('data-paperdex-id'),
      e.getAttribute('data-paperdex-state'),
    ]),
  );

describe('Firefox: marks on pages', () => {
  let h: FirefoxHarness;
  let list: Page;
  beforeAll(async () => {
    h = await launch();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('marks a real listing new on the first visit and seen on the second', async () => {
    const url = fixtureUrl(LISTING);
    h.serve(url, { file: LISTING });
    const first = await h.open(url);
    // The content script sees the true location, so the arXiv adapter picks the page up.
    expect(first.url()).toBe(url);
    await expect
      .poll(async () => (await marks(first)).length, { timeout: 60_000 })
      .toBe(LISTING_PAPERS);
    expect(new Set((await marks(first)).map(([, s]) => s))).toEqual(new Set(['new']));
    await expect
      .poll(async () => (await h.readLibrary()).papers.length, { timeout: 30_000 })
      .toBe(LISTING_PAPERS);
    await first.close();

    const second = await h.open(url);
    await expect
      .poll(async () => (await marks(second)).length, { timeout: 60_000 })
      .toBe(LISTING_PAPERS);
    expect(new Set((await marks(second)).map(([, s]) => s))).toEqual(new Set(['seen']));
    await second.close();
  });

  it('matches a reading list of links to the papers met on arXiv, across link forms and sources', async () => {
    h.serve(READING_LIST_URL, {
      html: readingList([
        {
          href: 'https://arxiv.org/abs/2609.22268',
          title:
            'Efficient spectral Galerkin framework for nonlinear transient heat transfer in finite domains',
        },
        {
          href: 'https://arxiv.org/pdf/2609.22287v1',
          title:
            'Predicting energy and structural response to force correction in molecular simulations',
        },
        {
          href: 'https://arxiv.org/abs/2106.09608',
          title: 'Learning Knowledge Graph-based World Models of Textual Environments',
        },
        {
          href: 'https://doi.org/10.1103/PhysRevX.12.041027',
          title: 'Tearing Instability and Current-Sheet Disruption in the Turbulent Dynamo',
        },
      ]),
    });
    list = await h.open(READING_LIST_URL);
    await expect.poll(async () => (await marks(list)).length, { timeout: 60_000 }).toBe(4);
    expect(await marks(list)).toEqual([
      ['arxiv:2609.22268', 'seen'],
      ['arxiv:2609.22287', 'seen'],
      [UNSEEN, 'new'],
      ['doi:10.1103/physrevx.12.041027', 'new'],
    ]);
    const tip = await list.$eval(
      'paperdex-mark',
      (e) => e.shadowRoot?.querySelector('[title]')?.getAttribute('title') ?? '',
    );
    expect(tip).toMatch(/arxiv\.org/);
  });

  it('shows on the page a star set in the popup', async () => {
    const badge = `paperdex-mark[data-paperdex-id="${UNSEEN}"]`;
    expect(await list.$eval(badge, (e) => e.getAttribute('data-paperdex-state'))).toBe('new');

    const popup = await h.openExtensionTab('/popup.html');
    try {
      // Narrow the list the way a user would, so the row is rendered whatever the window's height.
      // The tab's document is announced before Preact renders into it: wait for the search box.
      await expect
        .poll(
          () =>
            popup.evaluate((text) => {
              const input = document.querySelector<HTMLInputElement>('#paperdex-search');
              if (!input) return false;
              input.value = text;
              input.dispatchEvent(new Event('input', { bubbles: true }));
              return true;
            }, 'Knowledge Graph'),
          { timeout: 30_000 },
        )
        .toBe(true);
      const pressed = (id: string) =>
        popup.evaluate(
          (sel) => document.querySelector(sel)?.getAttribute('aria-pressed') ?? null,
          `[data-paperdex-id="${id}"] button[aria-pressed]`,
        );
      await expect.poll(() => pressed(UNSEEN), { timeout: 30_000 }).toBe('false');
      await popup.evaluate(
        (sel) => document.querySelector<HTMLButtonElement>(sel)?.click(),
        `[data-paperdex-id="${UNSEEN}"] button[aria-pressed]`,
      );
      await expect.poll(() => pressed(UNSEEN), { timeout: 30_000 }).toBe('true');
    } finally {
      await popup.close();
    }

    // The background announces the star through storage; the page's content script applies it.
    await expect
      .poll(() => list.$eval(badge, (e) => e.getAttribute('data-paperdex-state')), {
        timeout: 30_000,
      })
      .toBe('starred');
    expect((await h.readLibrary()).papers.find((p) => p.id === UNSEEN)?.starred).toBe(1);
  });

  it('runs nothing from a hostile page, stays responsive, and bounds its work', async () => {
    h.serve(HOSTILE_URL, { html: hostilePage(HOSTILE_ROWS) });
    const page = await h.open(HOSTILE_URL);
    await expect
      .poll(async () => (await marks(page)).length, { timeout: 120_000 })
      .toBeGreaterThan(0);
    const t0 = Date.now();
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect((await marks(page)).length).toBeLessThanOrEqual(5_000);

    await page.hover('paperdex-mark');
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    // Titles and authors stay text: no element the page did not write, in the page or in a badge.
    const injected = await page.evaluate(() => {
      let n = document.querySelectorAll('script, img, iframe, object, embed').length;
      for (const m of Array.from(document.querySelectorAll('paperdex-mark'))) {
        n +=
          m.shadowRoot?.querySelectorAll('script, img, iframe, object, embed, [onerror], [onclick]')
            .length ?? 0;
      }
      return n;
    });
    expect(injected).toBe(0);
    const lib = await h.readLibrary();
    expect(lib.papers.every((p) => p.title.length <= 1000)).toBe(true);
    await page.close();
  });

  it('made no network request of its own, logged no error, and nothing reached the network', () => {
    expect(h.extensionRequests()).toEqual([]);
    expect(h.problems()).toEqual([]);
    expect(h.unserved).toEqual([]);
    expect(h.escaped).toEqual([]);
  });

  // Last, since it makes the very requests and errors the test above forbids: each of those
  // checks sees what it is there to see, so an empty list above means something.
  it('(harness) sees an extension request, an unserved page and an extension error', async () => {
    const leak = 'https://leak.example.net/probe';
    await h.inBackground(
      (url) =>
        fetch(url).then(
          () => 'answered',
          () => 'refused',
        ),
      leak,
    );
    await expect.poll(() => h.extensionRequests(), { timeout: 10_000 }).toContain(leak);
    expect(h.escaped).toContain('https://leak.example.net:443');

    const nowhere = 'https://unserved.example.net/';
    await (await h.open(nowhere)).close();
    expect(h.unserved).toContain(nowhere);

    await h.inBackground(() => console.error('harness probe'), null);
    await expect.poll(() => h.problems().join('\n'), { timeout: 10_000 }).toMatch(/harness probe/);
  });
});
