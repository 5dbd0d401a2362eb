/**
 * `npm run demo`: the whole loop with the real built extension, nothing to install. Chromium starts
 * with Paperdex loaded (headed where a display exists, headless otherwise), visits a bundled real
 * arXiv listing at its real URL, then a reading-group page that shares two of its papers — so the
 * marks read "seen" on those and "new" on the others — stars one from the page, and saves
 * screenshots of the marked pages, the popup and the library to docs/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { type Harness, ROOT, fixtureUrl, launch } from '../tests/e2e/harness';
import { READING_LIST_URL, readingList } from '../tests/e2e/pages';

const LISTING = 'arxiv/list_cond-mat.mtrl-sci_new_2026-09.html';
const SCHOLAR = 'google-scholar/search_forrt-03_2026-06.html';
const OUT = join(ROOT, 'docs', 'screenshots');
const STARRED = 'arxiv:2106.09608';

const READING_LIST = [
  {
    href: 'https://arxiv.org/abs/2609.22268',
    title:
      'Efficient spectral Galerkin framework for nonlinear transient heat transfer in finite domains',
  },
  {
    href: 'https://arxiv.org/pdf/2609.22287v1',
    title: 'Predicting energy and structural response to force correction in molecular dynamics',
  },
  {
    href: 'https://arxiv.org/abs/2106.09608',
    title: 'Learning Knowledge Graph-based World Models of Textual Environments',
  },
  {
    href: 'https://doi.org/10.1103/PhysRevX.12.041027',
    title: 'Tearing Instability and Current-Sheet Disruption in the Turbulent Dynamo',
  },
];

async function until(what: string, check: () => Promise<boolean>, timeout = 20_000) {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`demo: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Settled, not merely painted: a first paint can show remembered rows and count before the
 * database is open; the exact count and the rows' Revisit links come once it is.
 */
async function settled(page: Page, what: string) {
  await until(`${what} settled`, async () => {
    const count = (await page.locator('.count').first().textContent()) ?? '';
    return (
      (await page.locator('[data-paperdex-id]').count()) > 2 &&
      /^\s*[\d,]+ papers?\s*$/.test(count) &&
      (await page.getByText('Revisit').count()) > 0
    );
  });
}

async function marked(page: Page, count: number) {
  await until(`${count} marks on ${page.url()}`, async () => {
    return (await page.locator('paperdex-mark').count()) >= count;
  });
}

async function shot(page: Page, name: string): Promise<string> {
  const path = join(OUT, name);
  await page.screenshot({ path });
  return path;
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const headless = !process.env.DISPLAY;
  console.log(`Launching Chromium (${headless ? 'headless' : 'headed'}) with Paperdex loaded…`);
  const h: Harness = await launch({ headless });
  const saved: string[] = [];
  try {
    for (const file of [LISTING, SCHOLAR]) h.serve(fixtureUrl(file), { file });
    h.serve(READING_LIST_URL, { html: readingList(READING_LIST) });

    // 1. A first visit: every paper on the listing is new to Paperdex, and now remembered.
    console.log(`Visiting ${fixtureUrl(LISTING)}`);
    const listing = await h.open(fixtureUrl(LISTING));
    await marked(listing, 101);
    console.log(`Visiting ${fixtureUrl(SCHOLAR)}`);
    const scholar = await h.open(fixtureUrl(SCHOLAR));
    await marked(scholar, 10);
    await scholar.close();

    // 2. A reading-group page sharing two of the listing's papers: those read "seen", the rest "new".
    console.log(`Visiting ${READING_LIST_URL}`);
    const list = await h.open(READING_LIST_URL);
    await list.setViewportSize({ width: 1000, height: 360 });
    await marked(list, READING_LIST.length);

    // 3. Star one from the page itself.
    const mark = list.locator(`paperdex-mark[data-paperdex-id="${STARRED}"]`);
    await mark.locator('button').click();
    await until(
      'the star',
      async () => (await mark.getAttribute('data-paperdex-state')) === 'starred',
    );
    saved.push(await shot(list, 'marked-listing.png'));

    // 4. The popup, at its own size.
    const popup = await h.popup();
    await popup.setViewportSize({ width: 460, height: 600 });
    await settled(popup, 'the popup');
    await popup.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    saved.push(await shot(popup, 'popup.png'));

    // 5. The full-page library.
    const library = await h.context.newPage();
    await library.setViewportSize({ width: 1200, height: 760 });
    await library.goto(`chrome-extension://${h.extensionId}/library.html`);
    await settled(library, 'the library');
    await library.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    saved.push(await shot(library, 'library.png'));
    // 6. The listing again: every paper on it has now been seen, one starred. The saved page's own
    // styles are not bundled, so frame the first entries rather than the top of the page.
    await listing.bringToFront();
    await listing.setViewportSize({ width: 1000, height: 640 });
    await listing.reload();
    await marked(listing, 101);
    await until('seen marks', async () => {
      const first = listing.locator('paperdex-mark').first();
      return (await first.getAttribute('data-paperdex-state')) === 'seen';
    });
    await listing
      .locator('dl dt, paperdex-mark')
      .first()
      .evaluate((e) => {
        e.scrollIntoView({ block: 'start' });
        window.scrollBy(0, -8);
      });
    saved.push(await shot(listing, 'arxiv-listing.png'));
  } finally {
    await h.close();
  }
  console.log('\nScreenshots:');
  for (const p of saved) console.log(`  ${relative(process.cwd(), p) || p}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
