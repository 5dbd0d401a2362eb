/**
 * A library written by schema v2, as it lies in the real extension's IndexedDB in Chromium, opens
 * with the current code: every paper row and every sighting is there, and the worker answers from
 * it. The unit tests (tests/unit/db-migration.test.ts) cover every version in fake-indexeddb; this
 * one runs the v2 → v3 upgrade where users' libraries live.
 *
 * The v2 database is made by Dexie itself, with the v2 schema as shipped, from an extension page:
 * the library's old shape down to how Dexie names its stores and indexes. The worker, whose Dexie
 * closes its connection when the old database replaces its own, opens it again on the next message
 * and upgrades it then.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FROZEN_V2 } from '../unit/helpers/frozen-schemas';
import { type Harness, launch, readLibrary } from './harness';

const T0 = 1_780_000_000_000;
const PAPERS = 300;
const DEXIE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('dexie/dist/dexie.js'),
  'utf8',
);

function v2Papers() {
  return Array.from({ length: PAPERS }, (_, i) => {
    const id = `arxiv:2203.${String(10000 + i)}`;
    return {
      id,
      ids: i % 3 ? [id, `doi:10.1000/m.${i}`] : [id],
      titleKey: `an old paper number ${i}`,
      title: `An Old Paper Number ${i}`,
      authors: ['Ada Lovelace'],
      year: 2022,
      venue: 'arXiv',
      abstract: 'Stored before the upgrade. '.repeat(10),
      url: `https://arxiv.org/abs/2203.${String(10000 + i)}`,
      sources: ['arxiv'],
      state: i % 4 ? 'seen' : 'opened',
      starred: i % 5 ? 0 : 1,
      tags: i % 7 ? [] : ['toread'],
      note: '',
      firstSeen: T0 + i,
      lastSeen: T0 + 10_000 + i,
      seenCount: 2,
      firstSite: 'arxiv',
      firstPageUrl: 'https://arxiv.org/list/cs.LG/new',
      firstVisit: 'load-a',
      words: ['old', 'paper', 'number', String(i)],
      possible: [],
    };
  });
}

/** Two listings that met every paper, one sighting per paper each, in the order v2 wrote them. */
function v2Sightings() {
  return ['a', 'b'].flatMap((load, k) =>
    Array.from({ length: PAPERS }, (_, i) => ({
      paperId: `arxiv:2203.${String(10000 + i)}`,
      pageUrl: k ? 'https://huggingface.co/papers' : 'https://arxiv.org/list/cs.LG/new',
      site: k ? 'huggingface-papers' : 'arxiv',
      pageTitle: k ? 'Daily Papers' : 'Machine Learning',
      time: T0 + k * 10_000,
      how: 'listed',
      visit: `load-${load}`,
    })),
  );
}

type Chrome = { runtime: { sendMessage(m: unknown): Promise<Record<string, unknown>> } };

describe('schema upgrade in Chromium', () => {
  let h: Harness;
  let ext: Page;

  beforeAll(async () => {
    h = await launch();
    ext = await h.context.newPage();
    await ext.goto(`chrome-extension://${h.extensionId}/manifest.json`);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a v2 library opens with the current code, every paper and sighting intact', async () => {
    const papers = v2Papers();
    const sightings = v2Sightings();
    // Evaluated as DevTools evaluates a console line: the extension page's CSP forbids eval.
    await ext.evaluate(DEXIE_SOURCE);
    const made = await ext.evaluate(
      async ({ schema, papers, sightings }) => {
        const g = globalThis as unknown as {
          Dexie: new (name: string) => {
            version(n: number): { stores(s: object): void };
            open(): Promise<unknown>;
            table(n: string): { bulkAdd(rows: unknown[]): Promise<unknown> };
            close(): void;
            verno: number;
          };
        };
        await new Promise<void>((resolve, reject) => {
          const del = indexedDB.deleteDatabase('paperdex');
          del.onsuccess = () => resolve();
          del.onerror = () => reject(del.error ?? new Error('delete failed'));
        });
        const db = new g.Dexie('paperdex');
        db.version(2).stores(schema);
        await db.open();
        await db.table('papers').bulkAdd(papers);
        await db.table('sightings').bulkAdd(sightings);
        const verno = db.verno;
        db.close();
        return verno;
      },
      { schema: FROZEN_V2, papers, sightings },
    );
    expect(made).toBe(2);

    // The next message makes the worker open the database again: the upgrade runs there.
    const got = await ext.evaluate(
      (id) =>
        (globalThis as unknown as { chrome: Chrome }).chrome.runtime.sendMessage({
          type: 'getPaper',
          id,
          sightings: 5,
        }),
      'doi:10.1000/m.7',
    );
    expect(got).toMatchObject({ ok: true, paper: { id: 'arxiv:2203.10007', seenCount: 2 } });
    expect((got.sightings as Array<{ visit: string }>).map((s) => s.visit)).toEqual([
      'load-b',
      'load-a',
    ]);

    const shape = await ext.evaluate(
      () =>
        new Promise<{ version: number; stores: string[]; indexes: string[] }>((resolve, reject) => {
          const req = indexedDB.open('paperdex');
          req.onerror = () => reject(req.error ?? new Error('open failed'));
          req.onsuccess = () => {
            const db = req.result;
            const indexes = Array.from(db.transaction('papers').objectStore('papers').indexNames);
            resolve({ version: db.version, stores: Array.from(db.objectStoreNames), indexes });
            db.close();
          };
        }),
    );
    // Dexie keeps version n as 10 n in IndexedDB.
    expect(shape.version).toBe(30);
    expect(shape.stores).toEqual(['papers', 'terms', 'termsPending', 'visits']);
    expect(shape.indexes).not.toContain('title');

    const lib = await readLibrary(h, ext);
    const byId = new Map(lib.papers.map((p) => [p.id, p]));
    expect(byId.size).toBe(PAPERS);
    for (const p of papers) expect(byId.get(p.id)).toEqual(p);
    const key = (s: { paperId: string; visit: string; pageUrl: string; how: string }) =>
      `${s.paperId} ${s.visit} ${s.pageUrl} ${s.how}`;
    expect(lib.sightings.map(key)).toEqual(sightings.map(key));
    // Each page load of v2 is one row now.
    const rows = await ext.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const req = indexedDB.open('paperdex');
          req.onerror = () => reject(req.error ?? new Error('open failed'));
          req.onsuccess = () => {
            const db = req.result;
            const count = db.transaction('visits').objectStore('visits').count();
            count.onsuccess = () => {
              resolve(count.result);
              db.close();
            };
          };
        }),
    );
    expect(rows).toBe(2);
  });
});
