import type { DBCore, DBCoreTable } from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { createHandlers, type Handlers } from '../../utils/background/handlers';
import type { BadgeView } from '../../utils/library/badge';
import type { PaperdexDb } from '../../utils/library/db';
import type { DetectedPaper } from '../../utils/paper';
import type { StateMap } from '../../utils/protocol';
import {
  allSightings,
  arxiv,
  freshDb,
  PAGE,
  paper,
  sightingsFor,
  snapshot,
} from './library-helpers';

function mode(trans: unknown): string {
  return (trans as IDBTransaction | undefined)?.mode ?? '?';
}

/** Counts storage operations per table, and can make writes to one table fail like a full disk. */
function instrument(db: PaperdexDb) {
  const ops: string[] = [];
  const fail = { table: '' };
  db.use({
    stack: 'dbcore',
    name: 'test-instrument',
    create(down: DBCore): DBCore {
      return {
        ...down,
        table(name: string): DBCoreTable {
          const t = down.table(name);
          return {
            ...t,
            get: (req) => (ops.push(`${name}.get:${mode(req.trans)}`), t.get(req)),
            getMany: (req) => (ops.push(`${name}.getMany:${mode(req.trans)}`), t.getMany(req)),
            query: (req) => (ops.push(`${name}.query:${mode(req.trans)}`), t.query(req)),
            openCursor: (req) => (
              ops.push(`${name}.openCursor:${mode(req.trans)}`),
              t.openCursor(req)
            ),
            count: (req) => (ops.push(`${name}.count:${mode(req.trans)}`), t.count(req)),
            mutate: (req) => {
              ops.push(`${name}.mutate`);
              if (fail.table === name) {
                return Promise.reject(
                  new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
                );
              }
              return t.mutate(req);
            },
          };
        },
      };
    },
  });
  return { ops, fail };
}

function setup() {
  const db = freshDb();
  const io = instrument(db);
  const warnings: string[] = [];
  const badges: Array<[number, BadgeView]> = [];
  let t = 0;
  const h = createHandlers(db, {
    now: () => (t += 1000),
    warn: (m) => warnings.push(m),
    onBadge: (tab, b) => badges.push([tab, b]),
  });
  return { db, h, io, warnings, badges };
}

async function record(h: Handlers, papers: DetectedPaper[], visit: string, tabId?: number) {
  const sender = tabId === undefined ? undefined : { tab: { id: tabId } };
  return h({ type: 'recordPage', page: PAGE, visit, papers }, sender);
}

function statesOf(r: unknown): StateMap {
  const x = r as { ok: boolean; states?: StateMap; message?: string };
  if (!x.ok || !x.states) throw new Error(x.message ?? 'no states');
  return x.states;
}

describe('recordPage', () => {
  it('is idempotent: a retry of the same visit changes nothing', async () => {
    const { db, h } = setup();
    const papers = [
      paper(arxiv(1), { kind: 'single' }),
      paper(arxiv(2)),
      paper('doi:10.1000/x', { aliases: [arxiv(3)] }),
    ];
    const first = statesOf(await record(h, papers, 'visit-1'));
    const before = await snapshot(db);
    const again = statesOf(await record(h, papers, 'visit-1'));
    expect(await snapshot(db)).toEqual(before);
    expect(again).toEqual(first);
    expect((await allSightings(db)).length).toBe(3);
    expect((await db.papers.get(arxiv(1)))!.seenCount).toBe(1);
    // A new page load counts again.
    await record(h, papers, 'visit-2');
    expect((await db.papers.get(arxiv(1)))!.seenCount).toBe(2);
    expect((await allSightings(db)).length).toBe(6);
  });

  it('10 tabs recording 500 overlapping papers at once: exact counts, merges included', async () => {
    const { db, h } = setup();
    const doi = (i: number) => `doi:10.9999/p${i}`;
    const tabs = Array.from({ length: 10 }, (_, t) =>
      Array.from({ length: 500 }, (_, k) => {
        const i = t * 50 + k;
        // Tab 0 knows the papers by DOI only, odd tabs link DOI and arXiv id, even tabs know arXiv ids.
        if (t === 0) return paper(doi(i), { title: `Paper number ${i}` });
        if (t % 2) return paper(arxiv(i), { aliases: [doi(i)] });
        return paper(arxiv(i));
      }),
    );
    // Every tab sends its page twice at once (a retry racing the original).
    const results = await Promise.all(
      tabs.flatMap((papers, t) => [
        record(h, papers, `tab${t}`, t),
        record(h, papers, `tab${t}`, t),
      ]),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const expected = (i: number) =>
      Array.from({ length: 10 }, (_, t) => t).filter((t) => t * 50 <= i && i < t * 50 + 500).length;
    expect(await db.papers.count()).toBe(950);
    expect((await allSightings(db)).length).toBe(5000);
    const rows = await db.papers.toArray();
    const owner = new Map(rows.flatMap((r) => r.ids.map((id) => [id, r] as const)));
    const sightings = new Map<string, number>();
    for (const x of await allSightings(db))
      sightings.set(x.paperId, (sightings.get(x.paperId) ?? 0) + 1);
    for (let i = 0; i < 950; i++) {
      const r = owner.get(i < 50 ? doi(i) : arxiv(i));
      expect(r, `paper ${i}`).toBeDefined();
      expect(r!.seenCount, `seenCount of paper ${i}`).toBe(expected(i));
      expect(sightings.get(r!.id), `sightings of paper ${i}`).toBe(expected(i));
      if (i < 500) expect(r!.ids).toContain(doi(i));
      expect(r!.id).toBe(i < 50 ? doi(i) : arxiv(i));
    }
    // The cache learnt the same truth from the writes.
    const look = statesOf(
      await h({
        type: 'lookup',
        papers: [
          { id: doi(120), aliases: [], title: '' },
          { id: arxiv(900), aliases: [], title: '' },
        ],
      }),
    );
    expect(look[doi(120)]).toMatchObject({ id: arxiv(120), seenCount: expected(120) });
    expect(look[arxiv(900)]).toMatchObject({ seenCount: expected(900) });
  }, 120_000);

  it("does not read again what the page's lookup proved absent, and still counts exactly", async () => {
    const { db, h } = setup();
    const stored = [1, 2, 3].map((i) => paper(arxiv(i)));
    await record(h, stored, 'first');
    const fresh = [4, 5, 6].map((i) => paper(arxiv(i), { aliases: [`doi:10.1000/p${i}`] }));
    const page = [...stored, ...fresh];
    // As the content script does: the lookup first, then the record of the same papers.
    statesOf(
      await h({
        type: 'lookup',
        papers: page.map((p) => ({ id: p.id, aliases: p.aliases, title: p.title })),
      }),
    );
    const get = vi.spyOn(IDBIndex.prototype, 'get');
    const getAll = vi.spyOn(IDBIndex.prototype, 'getAll');
    try {
      const states = statesOf(await record(h, page, 'second'));
      const asked = get.mock.calls.map((c) => String(c[0]));
      expect(asked.sort()).toEqual(stored.map((p) => p.id).sort());
      // The visit's own sightings are still read (idempotency); no title is.
      expect(getAll.mock.contexts.map((ix) => (ix as IDBIndex).name)).toEqual(['visit']);
      expect(fresh.map((p) => states[p.id]!.state)).toEqual(['new', 'new', 'new']);
      expect(stored.map((p) => states[p.id]!.seenCount)).toEqual([2, 2, 2]);
    } finally {
      get.mockRestore();
      getAll.mockRestore();
    }
    expect(await db.papers.count()).toBe(6);
    // Two tabs racing with papers the cache calls absent: the second waits for the first and
    // finds its rows through the cache, instead of writing them again from scratch.
    const more = [7, 8].map((i) => paper(arxiv(i)));
    await h({
      type: 'lookup',
      papers: more.map((p) => ({ id: p.id, aliases: p.aliases, title: p.title })),
    });
    const [a, b] = await Promise.all([record(h, more, 'tab-a'), record(h, more, 'tab-b')]);
    expect(a.ok && b.ok).toBe(true);
    expect((await db.papers.get(arxiv(7)))!.seenCount).toBe(2);
    expect((await db.papers.get(arxiv(8)))!.seenCount).toBe(2);
    expect(await db.papers.count()).toBe(8);
    expect((await sightingsFor(db, arxiv(7))).length).toBe(2);
  });

  it('reads in bulk: a 2,000-paper page costs a handful of storage calls, not one per paper', async () => {
    const { h, io } = setup();
    await record(
      h,
      Array.from({ length: 2000 }, (_, i) =>
        paper(arxiv(i), { title: `Some paper about topic ${i}` }),
      ),
      'a',
    );
    await h.termsIndexed();
    io.ops.length = 0;
    const started = performance.now();
    const page = Array.from({ length: 2000 }, (_, i) =>
      paper(arxiv(i + 1000), { title: `Some paper about topic ${i + 1000}` }),
    );
    statesOf(await record(h, page, 'b'));
    await h.termsIndexed();
    const ms = performance.now() - started;
    // The record, then the flush that indexes its words (its pending row written and removed).
    expect(io.ops.length).toBeLessThanOrEqual(12);
    expect(io.ops.filter((o) => o.endsWith('.mutate')).sort()).toEqual([
      'papers.mutate',
      'terms.mutate',
      'termsPending.mutate',
      'termsPending.mutate',
      'visits.mutate',
    ]);
    // fake-indexeddb is far slower than Chromium; this only catches an accidental quadratic.
    expect(ms).toBeLessThan(15_000);
  }, 120_000);

  it('answers new on the first page load, seen or opened afterwards', async () => {
    const { h } = setup();
    const s1 = statesOf(
      await record(h, [paper(arxiv(1)), paper(arxiv(2), { kind: 'single' })], 'v1'),
    );
    expect([s1[arxiv(1)]?.state, s1[arxiv(2)]?.state]).toEqual(['new', 'new']);
    const same = statesOf(
      await h({ type: 'lookup', papers: [{ id: arxiv(1), aliases: [], title: '' }], visit: 'v1' }),
    );
    expect(same[arxiv(1)]?.state).toBe('new');
    const s2 = statesOf(await record(h, [paper(arxiv(1)), paper(arxiv(2))], 'v2'));
    expect([s2[arxiv(1)]?.state, s2[arxiv(2)]?.state]).toEqual(['seen', 'opened']);
    expect(s2[arxiv(1)]).toMatchObject({
      seenCount: 2,
      firstSeen: 1000,
      lastSeen: 2000,
      firstSite: 'test-site',
      firstPageUrl: PAGE.url,
    });
  });

  it('a full disk fails the whole page cleanly, and the retry completes it', async () => {
    const { db, h, io, warnings } = setup();
    await record(h, [paper(arxiv(1)), paper(arxiv(2))], 'v0');
    const before = await snapshot(db);
    const look = () => h({ type: 'lookup', papers: [{ id: arxiv(3), aliases: [], title: '' }] });
    expect(statesOf(await look())[arxiv(3)]?.state).toBe('new');
    // Papers are written first, sightings second: the failure lands mid-transaction.
    io.fail.table = 'visits';
    const page = [
      paper(arxiv(1), { abstract: 'new text' }),
      paper(arxiv(3)),
      paper('doi:10.1000/z', { aliases: [arxiv(2)] }),
    ];
    const r = await record(h, page, 'v1');
    expect(r).toMatchObject({ ok: false, error: 'storage-full' });
    expect((r as { message: string }).message).toMatch(/storage/);
    expect(await snapshot(db)).toEqual(before);
    expect(warnings.some((w) => w.includes('storage full'))).toBe(true);
    expect(statesOf(await look())[arxiv(3)]?.state).toBe('new');
    expect(await h({ type: 'setStar', id: arxiv(1), starred: true })).toMatchObject({ ok: true });
    io.fail.table = 'papers';
    expect(await h({ type: 'setNote', id: arxiv(1), note: 'x' })).toMatchObject({
      ok: false,
      error: 'storage-full',
    });
    io.fail.table = '';
    statesOf(await record(h, page, 'v1'));
    expect(await db.papers.count()).toBe(3);
    expect(await db.papers.get(arxiv(1))).toMatchObject({
      seenCount: 2,
      abstract: 'new text',
      starred: 1,
      note: '',
    });
  });

  it('lookups answer from memory while a big write runs', async () => {
    const { h, io } = setup();
    await record(h, [paper(arxiv(1), { kind: 'single' })], 'v0');
    statesOf(
      await h({ type: 'lookup', papers: [{ id: arxiv(99_999), aliases: [], title: 'Never met' }] }),
    );
    io.ops.length = 0;
    let written = false;
    const big = record(
      h,
      Array.from({ length: 2000 }, (_, i) => paper(arxiv(i + 2))),
      'v1',
    ).then((r) => {
      written = true;
      return r;
    });
    const s = statesOf(
      await h({
        type: 'lookup',
        papers: [
          { id: arxiv(1), aliases: [], title: '' },
          { id: arxiv(99_999), aliases: [], title: 'Never met' },
        ],
      }),
    );
    expect(written).toBe(false);
    expect(s[arxiv(1)]?.state).toBe('opened');
    expect(s[arxiv(99_999)]?.state).toBe('new');
    // Nothing was read in a readonly transaction: the answer came from memory.
    expect(io.ops.filter((o) => o.endsWith(':readonly'))).toEqual([]);
    statesOf(await big);
    // A cold id asked during a write is read from the database, and still right.
    const cold = statesOf(
      await h({ type: 'lookup', papers: [{ id: arxiv(5), aliases: [], title: '' }] }),
    );
    expect(cold[arxiv(5)]?.state).toBe('seen');
  });

  it('after a write the cache and the database agree', async () => {
    const { h } = setup();
    const ask = async (id: string, title = '') =>
      statesOf(await h({ type: 'lookup', papers: [{ id, aliases: [], title }] }))[id];
    expect((await ask('doi:10.1000/a'))?.state).toBe('new');
    await record(h, [paper('doi:10.1000/a', { title: 'A long enough title for twins' })], 'v1');
    expect((await ask('doi:10.1000/a'))?.state).toBe('seen');
    expect((await ask('doi:10.1000/b', 'A long enough title for twins'))?.state).toBe('possible');
    await h({ type: 'setStar', id: 'doi:10.1000/a', starred: true });
    expect((await ask('doi:10.1000/a'))?.state).toBe('starred');
    await h({ type: 'deletePaper', id: 'doi:10.1000/a' });
    expect((await ask('doi:10.1000/a'))?.state).toBe('new');
    expect((await ask('doi:10.1000/b', 'A long enough title for twins'))?.state).toBe('new');
    // The same answers from a cold cache, straight from the database.
    h.cache.clear();
    expect((await ask('doi:10.1000/a'))?.state).toBe('new');
  });

  it('caches as absent only the ids a cold lookup really asked for', async () => {
    const { h } = setup();
    await record(h, [paper(arxiv(1))], 'v1');
    await record(h, [paper('doi:10.1000/b')], 'v2');
    h.cache.clear();
    const ask = async (id: string, aliases: string[] = []) =>
      statesOf(await h({ type: 'lookup', papers: [{ id, aliases, title: '' }] }))[id];
    // Found by its primary id, so its alias was never looked up...
    expect((await ask(arxiv(1), ['doi:10.1000/b']))?.id).toBe(arxiv(1));
    // ...and must not be remembered as unknown.
    expect(await ask('doi:10.1000/b')).toMatchObject({ id: 'doi:10.1000/b', state: 'seen' });
  });

  it('keeps a per-tab badge: new papers, then papers met before', async () => {
    const { h, badges } = setup();
    await record(h, [paper(arxiv(1)), paper(arxiv(2))], 'v1', 7);
    await record(h, [paper(arxiv(3))], 'v1', 7); // "show more" on the same page load
    expect(badges.at(-1)).toEqual([7, expect.objectContaining({ text: '+3' })]);
    await record(h, [paper(arxiv(1)), paper(arxiv(9))], 'v2', 7);
    expect(badges.at(-1)).toEqual([7, expect.objectContaining({ text: '1' })]);
  });
});

describe('savePage and starPage', () => {
  it('saves a page by the ids of its URL, opened and not starred', async () => {
    const { db, h } = setup();
    const r = await h({
      type: 'savePage',
      page: { url: 'https://arxiv.org/abs/2106.09608v2', title: 'LoRA' },
    });
    expect(r).toMatchObject({
      ok: true,
      state: { id: 'arxiv:2106.09608', state: 'opened', seenCount: 1 },
    });
    expect(await db.papers.get('arxiv:2106.09608')).toMatchObject({
      starred: 0,
      state: 'opened',
      sources: ['saved'],
    });
    const t = await h({
      type: 'savePage',
      page: { url: 'https://blog.example/post', title: 'A Post About Things' },
    });
    expect(t).toMatchObject({ ok: true, state: { id: 'title:a post about things' } });
    const none = await h({ type: 'savePage', page: { url: 'https://blog.example/', title: ' ' } });
    expect(none).toMatchObject({ ok: false, error: 'invalid' });
  });

  it('stars the page paper: by URL ids, else by the paper recorded as the page own', async () => {
    const { db, h } = setup();
    const url = 'https://publisher.example/view/123';
    await h({
      type: 'recordPage',
      page: { url, title: 'x' },
      visit: 'v1',
      papers: [paper('doi:10.1000/own', { kind: 'single' }), paper('doi:10.1000/cited')],
    });
    expect(await h({ type: 'starPage', page: { url, title: 'x' } })).toMatchObject({
      ok: true,
      state: { id: 'doi:10.1000/own', state: 'starred' },
    });
    expect(await h({ type: 'starPage', page: { url, title: 'x' } })).toMatchObject({
      state: { state: 'opened' },
    });
    // A paper page nobody recorded yet is saved, then starred.
    const abs = { url: 'https://arxiv.org/abs/2301.00001', title: 'T' };
    expect(await h({ type: 'starPage', page: abs, starred: true })).toMatchObject({
      ok: true,
      state: { state: 'starred' },
    });
    expect((await db.papers.get('arxiv:2301.00001'))!.starred).toBe(1);
    expect(
      await h({ type: 'starPage', page: { url: 'https://nothing.example/', title: 'T' } }),
    ).toMatchObject({
      ok: false,
      error: 'not-found',
    });
  });
});
