/**
 * Data in and out through the options page, in real Chromium with the built extension: a library
 * filled from real saved pages is exported as a backup (a real download), wiped, restored through
 * the file input, and comes back identical; corrupt, wrong, hostile and oversized files are
 * refused with a message and change nothing.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, type LibraryDump, fixtureUrl, launch, readLibrary } from './harness';

const ARXIV = 'arxiv/list_cond-mat.mtrl-sci_new_2026-09.html';
const ACL = 'acl-anthology/author_andreas-madsack.html';

interface Chrome {
  runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; message?: string }> };
  storage: {
    local: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> };
  };
}

/** readLibrary's dump names only some fields; the rows carry all of theirs, seq included. */
const seqOf = (s: object): number => (s as { seq?: number }).seq ?? 0;

/** The library in a stable order, every field of every row. */
async function library(h: Harness): Promise<LibraryDump> {
  const lib = await readLibrary(h);
  return {
    papers: [...lib.papers].sort((a, b) => (a.id < b.id ? -1 : 1)),
    sightings: [...lib.sightings].sort((a, b) => seqOf(a) - seqOf(b)),
  };
}

function settingsOf(page: Page): Promise<unknown> {
  return page.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: Chrome };
    return (await chrome.storage.local.get('settings')).settings;
  });
}

describe('backup, wipe and restore through the options page', () => {
  let h: Harness;
  let options: Page;
  let tmp: string;
  beforeAll(async () => {
    h = await launch();
    tmp = mkdtempSync(join(tmpdir(), 'paperdex-data-'));
  });
  afterAll(async () => {
    await h?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** Downloads a backup of everything from the options page; returns the file's text. */
  async function exportBackup(): Promise<string> {
    await options.selectOption('#export-scope', 'all');
    await options.selectOption('#export-format', 'backup');
    const [download] = await Promise.all([
      options.waitForEvent('download'),
      options.getByRole('button', { name: 'Download' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^paperdex-backup-\d{4}-\d\d-\d\d\.json$/);
    const path = join(tmp, `export-${Date.now()}.json`);
    await download.saveAs(path);
    return readFileSync(path, 'utf8');
  }

  /** The backup minus its export time: two exports of one library compare equal. */
  const content = (text: string) => {
    const { exportedAt: _t, ...rest } = JSON.parse(text) as Record<string, unknown>;
    return rest;
  };

  /** The text of an element of the options page, '' while it is absent. */
  const textOf = (selector: string) => () =>
    options
      .locator(selector)
      .textContent({ timeout: 500 })
      .then((t) => t ?? '')
      .catch(() => '');

  async function choose(name: string, body: string | Buffer): Promise<void> {
    const path = join(tmp, name);
    writeFileSync(path, body);
    await options.setInputFiles('#import-file', path);
  }

  let before: LibraryDump;
  let backup: string;

  it('fills the library from real pages and stars a paper', async () => {
    for (const file of [ARXIV, ACL]) {
      h.serve(fixtureUrl(file), { file });
      const page = await h.open(fixtureUrl(file));
      await expect
        .poll(() => page.locator('paperdex-mark').count(), { timeout: 20_000 })
        .toBeGreaterThan(5);
      await expect
        .poll(
          async () =>
            (await readLibrary(h)).sightings.filter((s) => s.pageUrl === fixtureUrl(file)).length,
          { timeout: 20_000 },
        )
        .toBeGreaterThan(5);
      // Closed, so no content script writes while the library is wiped and restored.
      await page.close();
    }
    // A page's papers may arrive in several writes: wait until the library holds still.
    let last = '';
    await expect
      .poll(
        async () => {
          const now = JSON.stringify(await library(h));
          const still = now === last;
          last = now;
          return still;
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(true);
    options = await h.context.newPage();
    await options.goto(`chrome-extension://${h.extensionId}/options.html`);
    const first = (await library(h)).papers.find((p) => p.id.startsWith('arxiv:'))!;
    const starred = await options.evaluate(async (id) => {
      const { chrome } = globalThis as unknown as { chrome: Chrome };
      await chrome.storage.local.set({
        settings: {
          highlight: true,
          disabledSites: ['mail.example.org'],
          paused: false,
          incognito: false,
        },
      });
      return chrome.runtime.sendMessage({ type: 'setStar', id, starred: true });
    }, first.id);
    expect(starred.ok).toBe(true);
    before = await library(h);
    expect(before.papers.length).toBeGreaterThan(100);
    expect(before.papers.filter((p) => p.starred === 1).map((p) => p.id)).toEqual([first.id]);
    await options.reload();
    await expect
      .poll(textOf('#paper-count'), { timeout: 30_000 })
      .toBe(before.papers.length.toLocaleString('en'));
  });

  it('exports a backup, deletes everything, and restores an identical library', async () => {
    backup = await exportBackup();
    const parsed = JSON.parse(backup) as { papers: unknown[]; sightings: unknown[] };
    expect(parsed.papers).toHaveLength(before.papers.length);
    expect(parsed.sightings).toHaveLength(before.sightings.length);

    const del = options.getByRole('button', { name: 'Delete everything' });
    expect(await del.isDisabled()).toBe(true);
    await options.getByLabel('Type DELETE to confirm').fill('DELETE');
    await del.click();
    await expect
      .poll(textOf('#delete-status'), { timeout: 30_000 })
      .toContain(`Deleted ${before.papers.length.toLocaleString('en')} papers`);
    expect(await library(h)).toEqual({ papers: [], sightings: [] });
    await expect.poll(textOf('#paper-count'), { timeout: 30_000 }).toBe('0');
    // Settings are not the library: change them so the restore has to bring them back.
    await options.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: Chrome };
      await chrome.storage.local.set({
        settings: { highlight: true, disabledSites: [], paused: false, incognito: false },
      });
    });

    await choose('paperdex-backup.json', backup);
    await expect
      .poll(textOf('#import-parsed'), { timeout: 30_000 })
      .toContain(
        `Paperdex backup (detected): parsed ${before.papers.length.toLocaleString('en')} entries`,
      );
    await options.getByLabel(/Replace the library/).check();
    await options.getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(textOf('#import-result'), { timeout: 30_000 })
      .toContain('Restored paperdex-backup.json');
    expect(await library(h)).toEqual(before);
    expect(await settingsOf(options)).toEqual({
      highlight: true,
      disabledSites: ['mail.example.org'],
      paused: false,
      incognito: false,
    });
    await expect
      .poll(textOf('#paper-count'), { timeout: 30_000 })
      .toBe(before.papers.length.toLocaleString('en'));
    // The restored library exports to the same backup.
    expect(content(await exportBackup())).toEqual(content(backup));
  });

  it('merging the same backup again adds nothing', async () => {
    await choose('again.json', backup);
    await expect
      .poll(textOf('#import-parsed'), { timeout: 30_000 })
      .toContain('Paperdex backup (detected)');
    await options.getByLabel(/Merge into the library/).check();
    await options.getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(textOf('#import-result'), { timeout: 30_000 })
      .toContain(
        `Imported again.json: added 0, merged ${before.papers.length.toLocaleString('en')}; 0 sightings added, ${before.sightings.length.toLocaleString('en')} already known.`,
      );
    expect(await library(h)).toEqual(before);
  });

  it('refuses corrupt, wrong, hostile and oversized files with a clear message, changing nothing', async () => {
    const exported = content(await exportBackup());
    const cases: Array<[string, string | Buffer, RegExp]> = [
      [
        'truncated.json',
        backup.slice(0, Math.floor(backup.length / 2)),
        /not valid JSON.*looks truncated/,
      ],
      ['empty.bib', '', /empty/],
      [
        'photo.png',
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
        /format was not recognized/,
      ],
      [
        'forged.json',
        backup.replace(/"starred":1/, '"starred":"<img src=x onerror=alert(1)>"'),
        /paper \d+ \(arxiv:[^)]+\)\.starred is "<img src=x onerror=alert\(1\)>", not one of 0, 1/,
      ],
      [
        'notitle.bib',
        '@article{k1,\n  year = {2020}\n}\n',
        /No paper could be imported.*Entry 1 \("k1", line 1\)/,
      ],
      [
        'big.bib',
        `@misc{a, title={x}}\n${'%'.repeat(100 * 2 ** 20)}`,
        /too large: 100\.0 MB.*50 MB/,
      ],
    ];
    for (const [name, body, message] of cases) {
      await choose(name, body);
      await expect.poll(textOf('#import-error'), { timeout: 30_000 }).toMatch(message);
      expect(await textOf('#import-error')()).toContain('The library was not changed.');
      expect(await options.getByRole('button', { name: 'Import', exact: true }).count()).toBe(0);
    }
    // Page text stays text: the forged value was shown, never run.
    expect(await options.locator('#import-error img').count()).toBe(0);
    expect(await library(h)).toEqual(before);
    expect(content(await exportBackup())).toEqual(exported);
    expect(h.unserved).toEqual([]);
    expect(h.extensionRequests).toEqual([]);
  });
});
