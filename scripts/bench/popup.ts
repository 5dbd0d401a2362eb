/**
 * The popup's figures, measured in its own page: time to the first painted rows, and time from a
 * keydown to the results for the new text. Shared by the bench and scratch profiling scripts.
 */
import type { Page } from 'playwright-core';
import type { Browser } from './browser';

export interface PaintProbe {
  /** performance.now() after the first frame that shows rows (or the empty state) was painted. */
  paint: number;
  rows: number;
  /** performance.now() when the list first answered its query from the database (-1 until then). */
  answered: number;
}

/** Opens the popup page (or `path`) and returns when it first painted rows (or its empty state). */
export async function popupFirstPaint(
  b: Browser,
  path = 'popup.html',
): Promise<{ page: Page; probe: PaintProbe }> {
  const page = await b.context.newPage();
  await page.addInitScript(() => {
    const probe = { paint: -1, rows: 0, answered: -1 };
    (window as unknown as { __paint: PaintProbe }).__paint = probe;
    let seen = false;
    const mo = new MutationObserver(() => {
      if (seen) return;
      const rows = document.querySelectorAll('[data-paperdex-id]').length;
      if (rows === 0 && !document.querySelector('.empty')) return;
      seen = true;
      mo.disconnect();
      probe.rows = rows;
      // The task after the next frame: the rows are styled, laid out and painted by then (a
      // requestAnimationFrame callback alone runs before all of that).
      requestAnimationFrame(() =>
        setTimeout(() => {
          probe.paint = performance.now();
        }, 0),
      );
    });
    mo.observe(document, { childList: true, subtree: true });
    // Remembered rows are drawn before the database answers; `data-results-for` marks the answer.
    const answer = new MutationObserver(() => {
      if (!document.querySelector('[data-results-for]')) return;
      answer.disconnect();
      probe.answered = performance.now();
    });
    answer.observe(document, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['data-results-for'],
    });
  });
  await page.goto(`chrome-extension://${b.extensionId}/${path}`);
  await page.waitForFunction(
    () => (window as unknown as { __paint: PaintProbe }).__paint.paint >= 0,
    null,
    {
      timeout: 30_000,
    },
  );
  const probe = await page.evaluate(() => (window as unknown as { __paint: PaintProbe }).__paint);
  return { page, probe };
}

/** Waits until the popup's list has answered from the database; returns that time (ms). */
export async function popupAnswered(page: Page): Promise<number> {
  await page.waitForFunction(
    () => (window as unknown as { __paint: PaintProbe }).__paint.answered >= 0,
    null,
    { timeout: 30_000 },
  );
  return page.evaluate(() => (window as unknown as { __paint: PaintProbe }).__paint.answered);
}

export async function popupPaints(
  b: Browser,
  runs: number,
  expectRows: boolean,
): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { page, probe } = await popupFirstPaint(b);
    await page.close();
    if (expectRows !== probe.rows > 0) throw new Error(`popup showed ${probe.rows} rows`);
    out.push(probe.paint);
  }
  return out;
}

export interface KeyProbe {
  samples: number[];
  texts: string[];
  expect: string | null;
  t0: number;
  /** A key went down: the next input event is a keystroke's (fill() sends none). */
  armed: boolean;
}

/** Types queries into the search box one key at a time; each sample is keydown → rows for the new text. */
export async function keystrokes(
  b: Browser,
  queries: readonly string[],
): Promise<{ samples: number[]; texts: string[]; unanswered: string[] }> {
  const page = await b.context.newPage();
  await page.addInitScript(() => {
    const st: KeyProbe = { samples: [], texts: [], expect: null, t0: 0, armed: false };
    (window as unknown as { __keys: KeyProbe }).__keys = st;
    document.addEventListener(
      'keydown',
      (e) => {
        st.t0 = e.timeStamp;
        st.armed = true;
      },
      true,
    );
    document.addEventListener(
      'input',
      (e) => {
        const t = e.target as HTMLInputElement;
        st.expect = st.armed && t.id === 'paperdex-search' ? t.value : null;
        st.armed = false;
      },
      true,
    );
    new MutationObserver(() => {
      const answered = document.querySelector('.browser')?.getAttribute('data-results-for');
      if (st.expect !== null && answered === st.expect) {
        st.samples.push(performance.now() - st.t0);
        st.texts.push(st.expect);
        st.expect = null;
      }
    }).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-results-for'],
    });
  });
  await page.goto(`chrome-extension://${b.extensionId}/popup.html`);
  await page.locator('[data-paperdex-id]').first().waitFor({ timeout: 30_000 });
  const search = page.getByLabel('Search', { exact: true });
  const count = () =>
    page.evaluate(() => (window as unknown as { __keys: KeyProbe }).__keys.samples.length);
  const unanswered: string[] = [];
  for (const q of queries) {
    await search.fill('');
    await page.waitForFunction(
      () => document.querySelector('.browser')?.getAttribute('data-results-for') === '',
      null,
      { timeout: 10_000 },
    );
    await search.focus();
    for (const ch of q) {
      const before = await count();
      await page.keyboard.type(ch);
      const answered = await page
        .waitForFunction(
          (n) => (window as unknown as { __keys: KeyProbe }).__keys.samples.length > n,
          before,
          { timeout: 10_000 },
        )
        .then(
          () => true,
          () => false,
        );
      if (!answered) unanswered.push(await search.inputValue());
      // A person types a key every ~150 ms; the abstract pass starts only after a pause.
      await page.waitForTimeout(150);
    }
  }
  const { samples, texts } = await page.evaluate(
    () => (window as unknown as { __keys: KeyProbe }).__keys,
  );
  await page.close();
  return { samples, texts, unanswered };
}
