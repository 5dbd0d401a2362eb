/**
 * Databases created by old schema versions must open with the current code with every row intact.
 * Keep one test per schema version: each new version adds its frozen copy to
 * helpers/frozen-schemas.ts and a test that fills a database of the version before it.
 */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openDb, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3 } from '../../utils/library/db';
import { readSightings, sightedOnVisit, sightingsOf } from '../../utils/library/sightings';
import { FROZEN_V1, FROZEN_V2, FROZEN_V3 } from './helpers/frozen-schemas';

/** The v1 row shapes, frozen for the same reason. */
interface V1Paper {
  id: string;
  ids: string[];
  titleKey: string;
  title: string;
  authors: string[];
  year?: number;
  venue?: string;
  abstract?: string;
  url?: string;
  pdfUrl?: string;
  sources: string[];
  state: 'seen' | 'opened';
  starred: 0 | 1;
  tags: string[];
  note: string;
  firstSeen: number;
  lastSeen: number;
  seenCount: number;
  firstSite: string;
  firstPageUrl: string;
  firstVisit: string;
  words: string[];
  possible: string[];
}

interface V1Sighting {
  seq?: number;
  paperId: string;
  pageUrl: string;
  site: string;
  pageTitle: string;
  time: number;
  how: 'listed' | 'opened';
  visit: string;
}

function v1Papers(n: number): V1Paper[] {
  return Array.from({ length: n }, (_, i) => {
    const id = `arxiv:2301.${String(10000 + i)}`;
    const p: V1Paper = {
      id,
      ids: i % 3 ? [id, `doi:10.1000/v1.${i}`] : [id],
      titleKey: `paper number ${i}`,
      title: `Paper Number ${i}`,
      authors: i % 2 ? ['Ada Lovelace', 'Alan Turing'] : [],
      sources: ['arxiv'],
      state: i % 4 ? 'seen' : 'opened',
      starred: i % 5 ? 0 : 1,
      tags: i % 7 ? [] : ['toread'],
      note: i % 11 ? '' : `note ${i}`,
      firstSeen: 1_700_000_000_000 + i,
      lastSeen: 1_700_000_000_000 + i * 2,
      seenCount: 1 + (i % 3),
      firstSite: 'arxiv',
      firstPageUrl: `https://arxiv.org/list/cs.LG/${i}`,
      firstVisit: `visit${i}`,
      words: ['paper', 'number', String(i)],
      possible: i === 1 ? [`arxiv:2301.${String(10002)}`] : [],
    };
    if (i % 2) p.year = 2000 + (i % 24);
    if (i % 3 === 1) p.venue = 'NeurIPS';
    if (i % 5 === 2) p.abstract = 'An abstract. '.repeat(20);
    if (i % 2 === 0) p.url = `https://arxiv.org/abs/2301.${String(10000 + i)}`;
    if (i % 6 === 0) p.pdfUrl = `https://arxiv.org/pdf/2301.${String(10000 + i)}`;
    return p;
  });
}

/** Opens an old database with the current code and checks that every paper and sighting is there. */
async function reopenIntact(name: string, papers: V1Paper[], sightings: V1Sighting[]) {
  const db = openDb(name);
  await db.open();
  expect(await db.papers.count()).toBe(papers.length);
  // Every sighting, in the order written, numbered as a backup numbers them.
  expect(await readSightings(db)).toEqual(sightings.map((x, i) => ({ ...x, seq: i + 1 })));
  const byId = new Map((await db.papers.toArray()).map((p) => [p.id, p]));
  for (const p of papers) expect(byId.get(p.id)).toEqual(p);
  return { db, byId };
}

describe('schema migrations', () => {
  it('SCHEMA_V1, SCHEMA_V2 and SCHEMA_V3 are frozen: change the schema by adding a version', () => {
    expect(SCHEMA_V1).toEqual(FROZEN_V1);
    expect(SCHEMA_V2).toEqual(FROZEN_V2);
    expect(SCHEMA_V3).toEqual(FROZEN_V3);
  });

  it('a database created by schema v1 opens with the current code, 100 % of rows intact', async () => {
    const name = `paperdex-migration-v1-${Math.random().toString(36).slice(2)}`;
    const old = new Dexie(name) as Dexie & {
      papers: Dexie.Table<V1Paper, string>;
      sightings: Dexie.Table<V1Sighting, number>;
    };
    old.version(1).stores(FROZEN_V1);
    const papers = v1Papers(300);
    const sightings: V1Sighting[] = papers.flatMap((p, i) =>
      Array.from({ length: p.seenCount }, (_, k) => ({
        paperId: p.id,
        pageUrl: `https://example.org/${i}/${k}`,
        site: k ? 'huggingface-papers' : 'arxiv',
        pageTitle: `Page ${i}`,
        time: p.firstSeen + k,
        how: k === 0 && p.state === 'opened' ? ('opened' as const) : ('listed' as const),
        visit: `visit${i}-${k}`,
      })),
    );
    await old.papers.bulkAdd(papers);
    await old.sightings.bulkAdd(sightings);
    const oldSightings = await old.sightings.toArray();
    old.close();

    const { db, byId } = await reopenIntact(name, papers, oldSightings);
    // The indexes the code relies on answer for old rows too.
    expect((await db.papers.where('ids').equals('doi:10.1000/v1.4').first())?.id).toBe(
      'arxiv:2301.10004',
    );
    expect(await db.papers.where('starred').equals(1).count()).toBe(
      papers.filter((p) => p.starred).length,
    );
    expect((await sightingsOf(db, 'arxiv:2301.10002', 10)).map((x) => x.time)).toEqual([
      1_700_000_000_004, 1_700_000_000_003, 1_700_000_000_002,
    ]);
    expect(await sightedOnVisit(db, 'visit7-1')).toEqual(['arxiv:2301.10007']);
    expect(await db.visits.where('pageUrl').equals('https://example.org/7/1').count()).toBe(1);
    expect((await db.papers.where('possible').equals('arxiv:2301.10002').first())?.id).toBe(
      'arxiv:2301.10001',
    );
    // v2: every paper's words were copied to `terms`, and the words index answers from there.
    expect(await db.terms.count()).toBe(papers.length);
    for (const t of await db.terms.toArray()) expect(t.words).toEqual(byId.get(t.id)?.words);
    expect(await db.terms.where('words').equals('number').count()).toBe(papers.length);
    expect(await db.terms.where('words').startsWith('29').primaryKeys()).toEqual([
      'arxiv:2301.10029',
      'arxiv:2301.10290',
      'arxiv:2301.10291',
      'arxiv:2301.10292',
      'arxiv:2301.10293',
      'arxiv:2301.10294',
      'arxiv:2301.10295',
      'arxiv:2301.10296',
      'arxiv:2301.10297',
      'arxiv:2301.10298',
      'arxiv:2301.10299',
    ]);
    db.close();
  });

  it('a database created by schema v2 opens with the current code, 100 % of rows intact', async () => {
    const name = `paperdex-migration-v2-${Math.random().toString(36).slice(2)}`;
    const old = new Dexie(name) as Dexie & {
      papers: Dexie.Table<V1Paper, string>;
      sightings: Dexie.Table<V1Sighting, number>;
      terms: Dexie.Table<{ id: string; words: string[] }, string>;
      termsPending: Dexie.Table<{ seq?: number; ids: string[] }, number>;
    };
    old.version(2).stores(FROZEN_V2);
    const papers = v1Papers(120);
    const sightings: V1Sighting[] = papers.map((p, i) => ({
      paperId: p.id,
      pageUrl: `https://example.org/${i}`,
      site: 'arxiv',
      pageTitle: `Page ${i}`,
      time: p.firstSeen,
      how: 'listed',
      visit: `visit${i}`,
    }));
    await old.papers.bulkAdd(papers);
    await old.sightings.bulkAdd(sightings);
    // The last 20 papers' words were still waiting for their flush when the worker stopped.
    await old.terms.bulkAdd(papers.slice(0, 100).map((p) => ({ id: p.id, words: p.words })));
    await old.termsPending.add({ ids: papers.slice(100).map((p) => p.id) });
    old.close();

    const { db } = await reopenIntact(name, papers, sightings);
    // v3 dropped the unread `title` index; title order walks `titleKey`.
    expect(db.papers.schema.idxByName['title']).toBeUndefined();
    expect((await db.papers.orderBy('titleKey').first())?.titleKey).toBe('paper number 0');
    expect(await db.terms.count()).toBe(100);
    expect((await db.termsPending.toArray()).map((r) => r.ids)).toEqual([
      papers.slice(100).map((p) => p.id),
    ]);
    db.close();
  });

  it("v3 keeps a page load's sightings in one row, even where the upgrade reads in slices", async () => {
    const name = `paperdex-migration-v2-pages-${Math.random().toString(36).slice(2)}`;
    const old = new Dexie(name) as Dexie & {
      papers: Dexie.Table<V1Paper, string>;
      sightings: Dexie.Table<V1Sighting, number>;
    };
    old.version(2).stores(FROZEN_V2);
    const papers = v1Papers(6_000);
    const page = (url: string, visit: string, from: number, to: number, how = 'listed' as const) =>
      papers.slice(from, to).map((p) => ({
        paperId: p.id,
        pageUrl: url,
        site: 'arxiv',
        pageTitle: 'A listing',
        time: 1_700_000_100_000,
        how,
        visit,
      }));
    // A listing of 5,500 papers (its run crosses the upgrade's slice of 5,000), then a page
    // listing two of them, then a paper opened.
    const sightings: V1Sighting[] = [
      ...page('https://arxiv.org/list/a', 'load1', 0, 5_500),
      ...page('https://arxiv.org/list/b', 'load2', 10, 12),
      ...page('https://arxiv.org/abs/x', 'load3', 5_999, 6_000, 'opened' as 'listed'),
    ];
    sightings[sightings.length - 1]!.how = 'opened';
    await old.papers.bulkAdd(papers);
    await old.sightings.bulkAdd(sightings);
    old.close();

    const db = openDb(name);
    await db.open();
    const rows = await db.visits.toArray();
    expect(rows.map((v) => [v.visit, v.paperIds.length, v.how])).toEqual([
      ['load1', 5_000, 'listed'],
      ['load1', 500, 'listed'],
      ['load2', 2, 'listed'],
      ['load3', 1, 'opened'],
    ]);
    expect(await readSightings(db)).toEqual(sightings.map((x, i) => ({ ...x, seq: i + 1 })));
    expect(new Set(await sightedOnVisit(db, 'load1')).size).toBe(5_500);
    expect((await sightingsOf(db, papers[11]!.id, 5)).map((x) => x.visit)).toEqual([
      'load2',
      'load1',
    ]);
    db.close();
  });
});
