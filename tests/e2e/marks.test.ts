/**
 * Marks on real pages: first visit new, second page marks exactly the shared papers, stars from the
 * page reach the popup and survive a reload, Scholar's "show more" rows get marked, and a hostile
 * page runs nothing and stays responsive.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, type Harness, fixtureUrl, launch, readLibrary } from './harness';
import { HOSTILE_URL, READING_LIST_URL, hostilePage, readingList } from './pages';
import { buildListing, freshArxivId, parseListing } from '../../scripts/bench/generate';

const LISTING = 'arxiv/list_cond-mat.mtrl-sci_new_2026-09.html';
const PROFILE = 'google-scholar/profile_amIMrIEAAAAJ_2026-02.html';
const SHOW_MORE = 'google-scholar/profile_aeinstein_gssa.html';

const states = (page: import('playwright-core').Page) =>
  page
    .locator('paperdex-mark')
    .evaluateAll((els) =>
      els.map(
        (e) => [e.getAttribute('data-paperdex-id'), e.getAttribute('data-paperdex-state')] as const,
      ),
    );

describe('marks on pages', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('marks nothing as seen on a first visit, then exactly the shared papers on a second page', async () => {
    h.serve(fixtureUrl(LISTING), { file: LISTING });
    const listing = await h.open(fixtureUrl(LISTING));
    await expect
      .poll(() => listing.locator('paperdex-mark').count(), { timeout: 20_000 })
      .toBe(101);
    expect(new Set((await states(listing)).map(([, s]) => s))).toEqual(new Set(['new']));
    await expect
      .poll(async () => (await readLibrary(h)).papers.length, { timeout: 10_000 })
      .toBe(101);

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
    const list = await h.open(READING_LIST_URL);
    await expect.poll(() => list.locator('paperdex-mark').count(), { timeout: 20_000 }).toBe(4);
    expect(await states(list)).toEqual([
      ['arxiv:2609.22268', 'seen'],
      ['arxiv:2609.22287', 'seen'],
      ['arxiv:2106.09608', 'new'],
      ['doi:10.1103/physrevx.12.041027', 'new'],
    ]);
    const tip = await list
      .locator('paperdex-mark')
      .first()
      .evaluate((e) => e.shadowRoot?.querySelector('[title]')?.getAttribute('title') ?? '');
    expect(tip).toMatch(/seen 1 time/);
    expect(tip).toMatch(/arxiv\.org/);
  });

  it('stars from the page: the popup shows it, and it survives a reload', async () => {
    const list = await h.open(READING_LIST_URL);
    const mark = list.locator('paperdex-mark[data-paperdex-id="arxiv:2106.09608"]');
    await expect.poll(() => mark.count(), { timeout: 20_000 }).toBe(1);
    await mark.locator('button').click();
    await expect.poll(() => mark.getAttribute('data-paperdex-state')).toBe('starred');
    await expect
      .poll(
        async () => (await readLibrary(h)).papers.find((p) => p.id === 'arxiv:2106.09608')?.starred,
        { timeout: 10_000 },
      )
      .toBe(1);

    const popup = await h.popup();
    const row = popup.locator('[data-paperdex-id="arxiv:2106.09608"]');
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    await expect
      .poll(() => row.locator('button[aria-pressed]').first().getAttribute('aria-pressed'))
      .toBe('true');

    await list.reload();
    await expect
      .poll(
        () =>
          list
            .locator('paperdex-mark[data-paperdex-id="arxiv:2106.09608"]')
            .getAttribute('data-paperdex-state'),
        {
          timeout: 20_000,
        },
      )
      .toBe('starred');
  });

  it('on a long arXiv listing marks the rows on screen first, then every row, and records them all', async () => {
    const ROWS = 600;
    const url = `https://arxiv.org/list/cond-mat/pastweek?skip=0&show=${ROWS}`;
    const ids = Array.from({ length: ROWS }, (_, k) => freshArxivId(3, k + 1));
    h.serve(url, {
      html: buildListing(
        parseListing(readFileSync(join(FIXTURES, LISTING), 'utf8')),
        ROWS,
        (k) => ids[k]!,
      ),
    });
    const page = await h.context.newPage();
    // Which rows carried a mark when the first marks arrived. The saved page has no stylesheet, and
    // unstyled its header fills the first screens: bring the list to the top, as the site shows it.
    await page.addInitScript(`(() => {
      window.__firstMarked = null;
      document.addEventListener('DOMContentLoaded', () => {
        document.querySelector('dl > dt')?.scrollIntoView();
        const mo = new MutationObserver(() => {
          const dts = Array.from(document.querySelectorAll('dl > dt'));
          const marked = dts.flatMap((dt, i) => (dt.querySelector('paperdex-mark') ? [i] : []));
          if (marked.length === 0) return;
          window.__firstMarked = marked;
          mo.disconnect();
        });
        mo.observe(document.documentElement, { childList: true, subtree: true });
      });
    })()`);
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await expect.poll(() => page.locator('paperdex-mark').count(), { timeout: 60_000 }).toBe(ROWS);
    const first = (await page.evaluate('window.__firstMarked')) as number[];
    // The first marks are the rows within a screen of the window, read and marked before the
    // other few hundred were read: a handful from the top of the list, in one run.
    expect(first[0]).toBe(0);
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(40);
    expect(first).toEqual(first.map((_, i) => i));
    // Marks never move the site's rows: every row sits where it sat without its badge (a badge
    // one pixel taller than arXiv's line once pushed each row below it down).
    const tops = (await page.evaluate(`(() => {
      const rows = Array.from(document.querySelectorAll('dl > dt, dl > dd'));
      const at = () => rows.map((r) => Math.round(r.getBoundingClientRect().top * 4) / 4);
      const marked = at();
      const badges = Array.from(document.querySelectorAll('paperdex-mark'));
      const places = badges.map((b) => [b, b.parentNode, b.nextSibling]);
      for (const b of badges) b.remove();
      const bare = at();
      for (const [b, parent, next] of places) parent.insertBefore(b, next);
      return { marked, bare, badges: badges.length };
    })()`)) as { marked: number[]; bare: number[]; badges: number };
    expect(tops.badges).toBe(ROWS);
    expect(tops.marked).toEqual(tops.bare);
    await expect
      .poll(
        async () => {
          const stored = new Set((await readLibrary(h)).papers.flatMap((p) => p.ids));
          return ids.filter((id) => stored.has(`arxiv:${id}`)).length;
        },
        { timeout: 30_000 },
      )
      .toBe(ROWS);
    await page.close();
  });

  it('marks the rows Scholar appends on "show more"', async () => {
    h.serve(fixtureUrl(PROFILE), { file: PROFILE });
    const profile = await h.open(fixtureUrl(PROFILE));
    await expect.poll(() => profile.locator('paperdex-mark').count(), { timeout: 20_000 }).toBe(20);
    const rows = readFileSync(join(FIXTURES, SHOW_MORE), 'utf8');
    // Act as the site's own script: parse the AJAX answer and append its rows to the table.
    await profile.evaluate((html) => {
      const doc = new DOMParser().parseFromString(
        `<table><tbody>${html}</tbody></table>`,
        'text/html',
      );
      const body = document.querySelector('#gsc_a_b') ?? document.querySelector('tbody')!;
      for (const tr of Array.from(doc.querySelectorAll('tr.gsc_a_tr')))
        body.append(document.importNode(tr, true));
    }, rows);
    await expect
      .poll(() => profile.locator('paperdex-mark').count(), { timeout: 30_000 })
      .toBe(20 + 1114);
  });

  it(
    'a hostile page executes nothing, stays responsive, and work stays bounded',
    { timeout: 400_000 },
    async () => {
      h.serve(HOSTILE_URL, { html: hostilePage() });
      // 14 MB of HTML: the browser's own parsing takes a while on a loaded machine.
      const page = await h.open(HOSTILE_URL, { waitUntil: 'commit', timeout: 120_000 });
      await page.waitForLoadState('load', { timeout: 180_000 });
      await expect
        .poll(() => page.locator('paperdex-mark').count(), { timeout: 120_000 })
        .toBeGreaterThan(0);
      const t0 = Date.now();
      expect(await page.evaluate(() => 1 + 1)).toBe(2);
      expect(Date.now() - t0).toBeLessThan(5_000);
      const count = await page.locator('paperdex-mark').count();
      expect(count).toBeLessThanOrEqual(5_000);
      // Hover and click through the marks: no page handler or injected markup may run.
      await page.locator('paperdex-mark').first().hover();
      expect(
        await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
      ).toBeUndefined();
      const texts = await page
        .locator('paperdex-mark')
        .first()
        .evaluate((e) => e.shadowRoot?.querySelectorAll('script, img').length ?? -1);
      expect(texts).toBe(0);
      const lib = await readLibrary(h);
      expect(lib.papers.every((p) => p.title.length <= 1000)).toBe(true);
      expect(h.extensionRequests).toEqual([]);
    },
  );
});
