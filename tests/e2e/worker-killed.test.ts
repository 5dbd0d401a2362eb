/**
 * The service worker killed while it records a page: the database stays consistent and the content
 * script's retry (same page load, same `visit`) completes the page — every paper once, one sighting
 * each, seenCount 1 — whether the kill lands in the middle of the write or after its commit, before
 * the answer went back.
 *
 * Landing the kill at an exact point, without racing a timer: before the page opens, a probe in the
 * worker (through DevTools) watches IndexedDB and stops on a `debugger` statement at the chosen
 * point of recordPage's transaction. The worker is then frozen — a transaction paused in the middle
 * cannot commit — and the test kills it through CDP (ServiceWorker.stopAllWorkers) and sees it
 * stopped. The probe lives in the killed worker's global only: the worker that answers the
 * retry is the plain built extension.
 *
 * IndexedDB transactions are isolated: no reader can see "some but not all rows" of an open one.
 * Instead, a read queued behind the paused transaction runs right after the kill, before the
 * retry's write: it must find nothing of the page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildListing, freshArxivId, parseListing } from '../../scripts/bench/generate';
import type { Sighting, StoredPaper } from '../../utils/library/db';
import {
  FIXTURES,
  type Harness,
  type LibraryDump,
  WorkerDevtools,
  launch,
  readLibrary,
} from './harness';
import { READING_LIST_URL, readingList } from './pages';

const TEMPLATE = 'arxiv/list_cond-mat.mtrl-sci_new_2026-09.html';

/**
 * A generated arXiv listing of `rows` real rows, each with its own id (of month `month`). Listings
 * of different months also differ in their titles: a title met before under another id would make
 * the papers "possible" duplicates, which is another test's subject.
 */
function listing(rows: number, month: number) {
  const url = `https://arxiv.org/list/cond-mat/pastweek?skip=0&show=${rows}&month=${month}`;
  const arxivId = (k: number) => freshArxivId(month, k + 1);
  const ids = Array.from({ length: rows }, (_, k) => `arxiv:${arxivId(k)}`).sort();
  const template = parseListing(readFileSync(join(FIXTURES, TEMPLATE), 'utf8'));
  const html = buildListing(template, rows, arxivId).replace(
    /(<div class='list-title mathjax'><span class='descriptor'>Title:<\/span>\s*)([\s\S]*?)(\s*<\/div>)/g,
    `$1$2 (listing ${month})$3`,
  );
  return { url, rows, ids, arxivId, html };
}

interface Probe {
  armed: boolean;
  txStarted: number;
  txCompleted: number;
  txAborted: number;
  puts: number;
  /** The paper put last before the hold: its id, and the page load (`visit`) it came from. */
  held: { id: string; firstVisit: string } | null;
}

/**
 * Runs in the worker. Watches the first readwrite transaction over papers and sightings (that is
 * recordPage's), counts its puts into papers, and pauses in the debugger at the `holdAt`-th put, or
 * (holdAt 0) when the transaction has committed, before Dexie hears of it — so before any answer.
 *
 * Dexie binds IDBDatabase#transaction when it opens the database, so the probe hooks what it uses
 * on every transaction instead: the `oncomplete` handler it sets, and IDBObjectStore#put.
 */
const PROBE = (holdAt: number) => `(() => {
  const probe = { armed: true, txStarted: 0, txCompleted: 0, txAborted: 0, puts: 0, held: null };
  self.__paperdexProbe = probe;
  let watched = null;
  let last = null;
  const hold = () => {
    probe.armed = false;
    probe.held = last;
    debugger;
  };
  const oncomplete = Object.getOwnPropertyDescriptor(IDBTransaction.prototype, 'oncomplete');
  Object.defineProperty(IDBTransaction.prototype, 'oncomplete', {
    ...oncomplete,
    set(handler) {
      const names = Array.from(this.objectStoreNames);
      if (probe.armed && !watched && typeof handler === 'function' && this.mode === 'readwrite' &&
          names.includes('papers') && names.includes('visits')) {
        watched = this;
        probe.txStarted++;
        this.addEventListener('abort', () => probe.txAborted++);
        const dexie = handler;
        handler = function (ev) {
          probe.txCompleted++;
          if (probe.armed && ${holdAt} === 0) hold();
          return dexie.call(this, ev);
        };
      }
      oncomplete.set.call(this, handler);
    },
  });
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...args) {
    if (probe.armed && watched && this.transaction === watched && this.name === 'papers') {
      probe.puts++;
      last = { id: args[0].id, firstVisit: args[0].firstVisit };
      if (probe.puts === ${holdAt}) hold();
    }
    return put.apply(this, args);
  };
  return 'armed';
})()`;

/** True when the promise settled within `ms`. */
async function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((r) => (timer = setTimeout(() => r(false), ms)));
  try {
    return await Promise.race([
      p.then(
        () => true,
        () => true,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The toolbar badge of every tab that has one, read from an extension page. */
function toolbarBadges(ext: Page) {
  return ext.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: {
        tabs: { query(q: object): Promise<Array<{ id?: number }>> };
        action: {
          getBadgeText(d: { tabId: number }): Promise<string>;
          getTitle(d: { tabId: number }): Promise<string>;
        };
      };
    };
    const out: Array<{ text: string; title: string }> = [];
    for (const tab of await chrome.tabs.query({})) {
      if (tab.id === undefined) continue;
      const text = await chrome.action.getBadgeText({ tabId: tab.id });
      if (text) out.push({ text, title: await chrome.action.getTitle({ tabId: tab.id }) });
    }
    return out;
  });
}

/** The page's papers and sightings in the library. */
function ofPage(lib: LibraryDump, page: { url: string; ids: string[] }) {
  const ids = new Set(page.ids);
  return {
    papers: (lib.papers as unknown as StoredPaper[]).filter((p) => p.ids.some((i) => ids.has(i))),
    sightings: (lib.sightings as unknown as Sighting[]).filter((s) => s.pageUrl === page.url),
  };
}

/** Every paper of the page exactly once, whole, met once, with one sighting of this page load. */
function expectRecordedOnce(
  lib: LibraryDump,
  page: { url: string; ids: string[] },
  visit: string,
): void {
  const { papers, sightings } = ofPage(lib, page);
  expect(papers.map((p) => p.id).sort()).toEqual(page.ids);
  // Each id in exactly one paper: no paper written twice under another primary id.
  expect(papers.flatMap((p) => p.ids.filter((id) => id.startsWith('arxiv:'))).sort()).toEqual(
    page.ids,
  );
  for (const p of papers) {
    expect(p).toMatchObject({
      seenCount: 1,
      state: 'seen',
      starred: 0,
      firstVisit: visit,
      firstPageUrl: page.url,
      possible: [],
    });
    expect(p.title.length).toBeGreaterThan(10);
    expect(p.authors.length).toBeGreaterThan(0);
    expect(p.words.length).toBeGreaterThan(0);
  }
  expect(sightings.map((s) => s.paperId).sort()).toEqual(page.ids);
  expect(new Set(sightings.map((s) => `${s.visit} ${s.how} ${s.site}`))).toEqual(
    new Set([`${visit} listed arxiv`]),
  );
}

describe('service worker killed while recording a page', () => {
  let h: Harness;
  let dev: WorkerDevtools;
  /** An extension page: reads the database while the worker is dead. */
  let ext: Page;

  beforeAll(async () => {
    h = await launch();
    dev = await WorkerDevtools.open(h.context);
    await dev.watchVersions();
    ext = await h.context.newPage();
    await ext.goto(`chrome-extension://${h.extensionId}/manifest.json`);
  });
  afterAll(async () => {
    await dev?.close();
    await h?.close();
  });

  /** Wakes the worker (a message resets its idle timer), attaches to it and arms the probe in it. */
  async function arm(holdAt: number): Promise<void> {
    const answer = await ext.evaluate(() =>
      (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean }> } };
        }
      ).chrome.runtime.sendMessage({ type: 'getPaper', id: 'arxiv:2001.00001' }),
    );
    expect(answer.ok).toBe(true);
    await expect.poll(async () => (await dev.workerTargets()).length, { timeout: 30_000 }).toBe(1);
    await dev.attach();
    await dev.send('Debugger.enable');
    const armed = await dev.send<{ result: { value: unknown } }>('Runtime.evaluate', {
      expression: PROBE(holdAt),
      returnByValue: true,
    });
    expect(armed.result.value).toBe('armed');
  }

  /** Waits for the probe to hold the worker, and reads what it saw. */
  async function held(): Promise<Probe> {
    const paused = await dev.waitForEvent('Debugger.paused', 180_000).catch(async (e: Error) => {
      // Say what the probe saw: a probe armed in a worker that then stopped saw nothing.
      const state = await dev
        .send<{ result: { value: unknown } }>('Runtime.evaluate', {
          expression: 'JSON.stringify(self.__paperdexProbe)',
          returnByValue: true,
        })
        .then((r) => String(r.result.value), String);
      throw new Error(`${e.message}; probe: ${state}`);
    });
    const frames = (paused.params as { callFrames: Array<{ callFrameId: string }> }).callFrames;
    const evaluated = await dev.send<{ result: { value: string } }>(
      'Debugger.evaluateOnCallFrame',
      {
        callFrameId: frames[0]!.callFrameId,
        expression: 'JSON.stringify(self.__paperdexProbe)',
        returnByValue: true,
      },
    );
    return JSON.parse(evaluated.result.value) as Probe;
  }

  /**
   * Stops the worker through CDP and sees it stopped. (Its target disappearing is no proof: the
   * retry may start the worker again within milliseconds, under the same target id.)
   */
  async function kill(): Promise<void> {
    const from = dev.runningStates.length;
    await dev.stopWorkers();
    await expect
      .poll(() => dev.runningStates.slice(from), { timeout: 30_000, interval: 50 })
      .toContain('stopped');
    // Frozen in the debugger, it could not stop cleanly: Chrome terminated it.
    await dev.waitForEvent('Inspector.targetCrashed', 30_000);
    // The worker that answers the retry must be the plain extension, not one under a debugger.
    await dev.detach();
  }

  /** A worker runs again, and it is a fresh one: a new global, without the probe. */
  async function expectFreshWorker(): Promise<void> {
    await expect.poll(async () => (await dev.workerTargets()).length, { timeout: 30_000 }).toBe(1);
    await dev.attach();
    const probe = await dev.send<{ result: { value: unknown } }>('Runtime.evaluate', {
      expression: 'typeof self.__paperdexProbe',
      returnByValue: true,
    });
    expect(probe.result.value).toBe('undefined');
    await dev.detach();
  }

  it(
    'killed in the middle of the batch: nothing of it is kept, and the retry records the page whole',
    { timeout: 400_000 },
    async () => {
      const big = listing(1500, 0);
      h.serve(big.url, { html: big.html });
      await arm(big.rows / 2);

      const page = await h.open(big.url, { timeout: 120_000 });
      // Marks come from the lookup, before the content script sends recordPage.
      await expect
        .poll(() => page.locator('paperdex-mark').count(), { timeout: 120_000 })
        .toBe(big.rows);

      // Held inside recordPage's transaction: half the papers put, no sighting yet, no commit.
      const probe = await held();
      expect(probe).toMatchObject({
        txStarted: 1,
        txCompleted: 0,
        txAborted: 0,
        puts: big.rows / 2,
      });
      expect(big.ids).toContain(probe.held?.id);
      const visit = probe.held!.firstVisit;
      expect(visit).toMatch(/^[0-9a-z]+$/);

      // A reader waits behind the open readwrite transaction, so it stays blocked while it is open.
      const atKill = readLibrary(h, ext);
      expect(await settlesWithin(atKill, 1_000)).toBe(false);

      await kill();
      // The read queued behind the killed transaction ran before the retry's: nothing was kept.
      const after = await atKill;
      expect(after.papers).toEqual([]);
      expect(after.sightings).toEqual([]);

      // The content script's retry, answered by a fresh worker, records the page whole.
      await expect
        .poll(async () => (await readLibrary(h, ext)).sightings.length, {
          timeout: 180_000,
          interval: 500,
        })
        .toBe(big.rows);
      await expectFreshWorker();
      const lib = await readLibrary(h, ext);
      expectRecordedOnce(lib, big, visit);
      expect(lib.papers).toHaveLength(big.rows);

      // The retry's answer reached the toolbar (only an answered recordPage sets it): all new.
      await expect
        .poll(() => toolbarBadges(ext), { timeout: 30_000 })
        .toEqual([
          {
            text: '+1k',
            title: `Paperdex: 1500 papers on this page — 0 seen before, 1500 new`,
          },
        ]);
      expect(await page.locator('paperdex-mark').count()).toBe(big.rows);
      expect(await page.locator('paperdex-mark[data-paperdex-state="new"]').count()).toBe(big.rows);

      // Another page marks them seen once, the paper being written at the kill included.
      const sample = [big.ids[0]!, probe.held!.id, big.ids[big.rows - 1]!].map((id) =>
        id.slice('arxiv:'.length),
      );
      h.serve(READING_LIST_URL, {
        html: readingList(
          sample.map((id) => ({ href: `https://arxiv.org/abs/${id}`, title: `Paper ${id}` })),
        ),
      });
      const list = await h.open(READING_LIST_URL);
      await expect.poll(() => list.locator('paperdex-mark').count(), { timeout: 30_000 }).toBe(3);
      const marks = await list
        .locator('paperdex-mark')
        .evaluateAll((els) =>
          els.map((e) => [
            e.getAttribute('data-paperdex-id'),
            e.getAttribute('data-paperdex-state'),
            e.shadowRoot?.querySelector('[title]')?.getAttribute('title') ?? '',
          ]),
        );
      expect(marks.map(([id, state]) => [id, state])).toEqual(
        sample.map((id) => [`arxiv:${id}`, 'seen']),
      );
      for (const [, , tip] of marks) expect(tip).toMatch(/seen 1 time/);

      await list.close();
      await page.close();
      expect(h.unserved).toEqual([]);
      expect(h.extensionRequests).toEqual([]);
    },
  );

  it(
    'killed after the commit, before answering: the retry adds no duplicate and no second count',
    { timeout: 400_000 },
    async () => {
      const page500 = listing(500, 1);
      h.serve(page500.url, { html: page500.html });
      await arm(0);

      const page = await h.open(page500.url, { timeout: 120_000 });
      const probe = await held();
      expect(probe).toMatchObject({
        txStarted: 1,
        txCompleted: 1,
        txAborted: 0,
        puts: page500.rows,
      });
      const visit = probe.held!.firstVisit;
      // Committed: a reader is not blocked, and sees the page recorded once.
      const committed = await readLibrary(h, ext);
      expectRecordedOnce(committed, page500, visit);

      await kill();
      // Only an answered recordPage sets the toolbar badge: this one comes from the retry.
      await expect
        .poll(() => toolbarBadges(ext), { timeout: 180_000 })
        .toContainEqual({
          text: '+500',
          title: `Paperdex: 500 papers on this page — 0 seen before, 500 new`,
        });
      await expectFreshWorker();
      // The retry found its visit's sightings: nothing added, nothing counted twice.
      expectRecordedOnce(await readLibrary(h, ext), page500, visit);
      expect(await page.locator('paperdex-mark[data-paperdex-state="new"]').count()).toBe(
        page500.rows,
      );
      expect(h.unserved).toEqual([]);
      expect(h.extensionRequests).toEqual([]);
    },
  );
});
