/**
 * The popup end to end: the library is filled by visiting real saved pages at their real URLs, then
 * the popup searches, filters, stars, revisits and answers the keyboard; axe finds no serious or
 * critical violation in the popup (with rows and empty) or in the library page.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, fixtureUrl, launch, readLibrary } from './harness';

const LISTING = 'arxiv/list_cond-mat.mtrl-sci_new_2026-09.html';
const ACL_AUTHOR = 'acl-anthology/author_andreas-madsack.html';
const SCHOLAR = 'google-scholar/search_forrt-03_2026-06.html';

/** Papers each page yields (see tests/e2e/marks.test.ts for the listing's count). */
const EXPECTED = { [LISTING]: 101, [ACL_AUTHOR]: 6, [SCHOLAR]: 10 } as const;

const GALERKIN = 'arxiv:2609.22268';
const ACL_PAPER = 'acl:W18-6560'; // Multi-Language Surface Realisation as REST API based NLG Microservice

/** Types into the search box and waits until the results answer exactly this text. */
async function search(popup: Page, text: string): Promise<void> {
  const box = popup.getByLabel('Search', { exact: true });
  await box.fill(text);
  await expect
    .poll(() => popup.locator('[data-results-for]').getAttribute('data-results-for'), {
      timeout: 10_000,
    })
    .toBe(text);
}

/** The ids of the rows on screen (the list is virtualized: only the visible rows exist). */
const rowIds = (popup: Page) =>
  popup
    .locator('[role="listitem"][data-paperdex-id]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-paperdex-id')));

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('popup with a library filled from real pages', () => {
  let h: Harness;
  let popup: Page;

  beforeAll(async () => {
    h = await launch();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('fills the library by visiting real saved pages at their real URLs', async () => {
    for (const file of Object.keys(EXPECTED)) {
      h.serve(fixtureUrl(file), { file });
      const page = await h.open(fixtureUrl(file));
      await expect
        .poll(() => page.locator('paperdex-mark').count(), { timeout: 20_000 })
        .toBe(EXPECTED[file as keyof typeof EXPECTED]);
    }
    const total = Object.values(EXPECTED).reduce((a, b) => a + b, 0);
    await expect
      .poll(async () => (await readLibrary(h)).papers.length, { timeout: 15_000 })
      .toBe(total);
    popup = await h.popup();
    await popup.setViewportSize({ width: 460, height: 600 });
    await expect
      .poll(() => popup.locator('[data-paperdex-id]').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
  });

  it('finds a paper by a word of its title and drops the unrelated ones', async () => {
    await search(popup, '');
    const before = await rowIds(popup);
    expect(before.length).toBeGreaterThan(1);
    expect(before).not.toContain(GALERKIN); // the listing was visited first: not among the latest

    await search(popup, 'Galerkin');
    await expect.poll(() => rowIds(popup)).toEqual([GALERKIN]);
    await expect.poll(() => popup.locator('.count').textContent()).toBe('1 match');

    await search(popup, 'galer spectral');
    await expect.poll(() => rowIds(popup)).toEqual([GALERKIN]);

    await search(popup, 'zzzqx');
    await expect.poll(() => rowIds(popup)).toEqual([]);
    await expect.poll(() => popup.getByText('No paper matches').count()).toBe(1);
  });

  it('filters by field: site:, author:, and a search combined with a filter', async () => {
    await search(popup, 'site:acl');
    await expect.poll(() => popup.locator('.count').textContent()).toBe('6 matches');
    const acl = await rowIds(popup);
    expect(acl.length).toBe(6);
    expect(acl.every((id) => id?.startsWith('acl:'))).toBe(true);

    await search(popup, 'author:madsack');
    await expect.poll(() => popup.locator('.count').textContent()).toBe('6 matches');

    await search(popup, 'author:madsack microservice');
    await expect.poll(() => rowIds(popup)).toEqual([ACL_PAPER]);

    await search(popup, 'site:scholar attention');
    const scholar = await rowIds(popup);
    expect(scholar.length).toBeGreaterThan(0);
    expect(scholar).not.toContain(GALERKIN);
    expect(scholar.some((id) => id?.startsWith('acl:') || id?.startsWith('arxiv:26'))).toBe(false);
  });

  it('stars a row: aria-pressed flips, the library stores it, is:starred finds it', async () => {
    await search(popup, 'Galerkin');
    const starButton = popup.locator(`[data-paperdex-id="${GALERKIN}"] button[aria-pressed]`);
    await expect.poll(() => starButton.getAttribute('aria-pressed')).toBe('false');
    await starButton.click();
    await expect.poll(() => starButton.getAttribute('aria-pressed')).toBe('true');
    await expect
      .poll(
        async () => (await readLibrary(h)).papers.filter((p) => p.starred === 1).map((p) => p.id),
        {
          timeout: 10_000,
        },
      )
      .toEqual([GALERKIN]);

    await search(popup, 'is:starred');
    await expect.poll(() => rowIds(popup)).toEqual([GALERKIN]);
    // The Starred chip is the same filter.
    await search(popup, '');
    await popup.getByRole('button', { name: 'Starred', exact: true }).click();
    await expect.poll(() => rowIds(popup)).toEqual([GALERKIN]);
    await popup.getByRole('button', { name: 'Starred', exact: true }).click();
    await expect.poll(async () => (await rowIds(popup)).length).toBeGreaterThan(1);
  });

  it('revisits the page where the paper was last seen', async () => {
    await search(popup, 'microservice');
    await expect.poll(() => rowIds(popup)).toEqual([ACL_PAPER]);
    const revisit = popup.locator(`[data-paperdex-id="${ACL_PAPER}"] a`, { hasText: 'Revisit' });
    const where = fixtureUrl(ACL_AUTHOR);
    await expect.poll(() => revisit.getAttribute('href')).toBe(where);
    const opened = h.context.waitForEvent('page', { timeout: 15_000 });
    await revisit.click();
    const tab = await opened;
    await tab.waitForURL(where, { timeout: 15_000 });
    expect(tab.url()).toBe(where);
    await tab.close();
  });

  it('keyboard: / focuses the search, ArrowDown selects the first row, s stars it', async () => {
    await search(popup, 'microservice');
    await expect.poll(() => rowIds(popup)).toEqual([ACL_PAPER]);
    await popup.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    expect(await popup.evaluate(() => document.activeElement?.id ?? '')).not.toBe(
      'paperdex-search',
    );

    await popup.keyboard.press('/');
    expect(await popup.evaluate(() => document.activeElement?.id)).toBe('paperdex-search');
    // `/` focused the box and did not type itself into it.
    expect(await popup.getByLabel('Search', { exact: true }).inputValue()).toBe('microservice');

    await popup.keyboard.press('ArrowDown');
    await expect
      .poll(() => popup.evaluate(() => document.activeElement?.getAttribute('data-paperdex-id')))
      .toBe(ACL_PAPER);
    await popup.keyboard.press('s');
    const starButton = popup.locator(`[data-paperdex-id="${ACL_PAPER}"] button[aria-pressed]`);
    await expect.poll(() => starButton.getAttribute('aria-pressed')).toBe('true');
    await expect
      .poll(async () => (await readLibrary(h)).papers.find((p) => p.id === ACL_PAPER)?.starred, {
        timeout: 10_000,
      })
      .toBe(1);
    // The search text is untouched by the shortcut.
    expect(await popup.getByLabel('Search', { exact: true }).inputValue()).toBe('microservice');
  });

  it('reopened, paints the remembered rows before its app script, which then takes them over', async () => {
    await search(popup, '');
    const remembered = await rowIds(popup);
    const page = await h.context.newPage();
    await page.setViewportSize({ width: 460, height: 600 });
    await page.addInitScript(() => {
      const w = window as unknown as {
        __first?: { el: Element; appScript: boolean; position: string };
      };
      const mo = new MutationObserver(() => {
        const el = document.querySelector('[data-paperdex-id]');
        if (!el) return;
        mo.disconnect();
        w.__first = {
          el,
          appScript: !!document.querySelector('script[src$="popup-app.js"]'),
          // Styled already: the styles come with popup.html itself.
          position: getComputedStyle(el).position,
        };
      });
      mo.observe(document, { childList: true, subtree: true });
    });
    await page.goto(`chrome-extension://${h.extensionId}/popup.html`);
    await expect
      .poll(() => page.locator('[data-results-for]').getAttribute('data-results-for'), {
        timeout: 10_000,
      })
      .toBe('');
    const first = await page.evaluate(() => {
      const f = (
        window as unknown as { __first?: { el: Element; appScript: boolean; position: string } }
      ).__first;
      const row = document.querySelector('[data-paperdex-id]');
      return {
        id: f?.el.getAttribute('data-paperdex-id'),
        appScript: f?.appScript,
        position: f?.position,
        stylesheets: document.querySelectorAll('link[rel="stylesheet"]').length,
        // The node the first frame drew is the row the app shows, now with the app's handlers.
        adopted: !!f && f.el === row,
        focused: document.activeElement?.id,
      };
    });
    expect(first).toEqual({
      id: remembered[0],
      appScript: false,
      position: 'absolute',
      stylesheets: 0,
      adopted: true,
      focused: 'paperdex-search',
    });
    expect(await rowIds(page)).toEqual(remembered);
    // The adopted rows answer: starring one goes through the app.
    const star = page.locator(`[data-paperdex-id="${remembered[0]}"] button[aria-pressed]`);
    const was = await star.getAttribute('aria-pressed');
    await star.click();
    await expect.poll(() => star.getAttribute('aria-pressed')).not.toBe(was);
    await star.click();
    await expect.poll(() => star.getAttribute('aria-pressed')).toBe(was);
    await page.close();
  });

  it('axe: no serious or critical violations in the popup with rows', async () => {
    await search(popup, '');
    await expect.poll(async () => (await rowIds(popup)).length).toBeGreaterThan(1);
    expect(await seriousViolations(popup)).toEqual([]);
  });

  it('axe: no serious or critical violations in the library page', async () => {
    const library = await h.context.newPage();
    await library.goto(`chrome-extension://${h.extensionId}/library.html`);
    await expect
      .poll(() => library.locator('[data-paperdex-id]').count(), { timeout: 20_000 })
      .toBeGreaterThan(1);
    expect(await seriousViolations(library)).toEqual([]);
    expect(h.unserved).toEqual([]);
    expect(h.extensionRequests).toEqual([]);
  });
});

describe('popup of a new user', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows the empty state, and axe finds no serious or critical violations', async () => {
    const popup = await h.popup();
    await popup.setViewportSize({ width: 460, height: 600 });
    await expect.poll(() => popup.getByText('No papers yet').count(), { timeout: 20_000 }).toBe(1);
    expect(await popup.locator('[data-paperdex-id]').count()).toBe(0);
    expect(await seriousViolations(popup)).toEqual([]);
  });

  it('library page, empty: no serious or critical violations', async () => {
    const library = await h.context.newPage();
    await library.goto(`chrome-extension://${h.extensionId}/library.html`);
    await expect
      .poll(() => library.getByText('No papers yet').count(), { timeout: 20_000 })
      .toBe(1);
    expect(await seriousViolations(library)).toEqual([]);
  });
});
