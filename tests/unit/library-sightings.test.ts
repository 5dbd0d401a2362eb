/**
 * Sightings kept as one row per page load (schema v3): what a record writes, and how merges,
 * deletions and reads treat the papers inside a row.
 */
import { describe, expect, it } from 'vitest';
import { createHandlers, type Handlers } from '../../utils/background/handlers';
import { sightingsOf } from '../../utils/library/sightings';
import type { DetectedPaper } from '../../utils/paper';
import { allSightings, arxiv, freshDb, paper, sightingsFor } from './library-helpers';

function setup() {
  const db = freshDb();
  let t = 1000;
  const h = createHandlers(db, { now: () => (t += 1000), warn: () => {} });
  return { db, h };
}

async function record(h: Handlers, papers: DetectedPaper[], visit: string): Promise<void> {
  const page = { url: `https://example.org/${visit}`, title: `Page ${visit}` };
  const r = await h({ type: 'recordPage', page, visit, papers });
  if (!r.ok) throw new Error(r.message);
}

describe('sightings, one row per page load', () => {
  it('a listing of 2,000 papers writes one row, and reads back 2,000 sightings', async () => {
    const { db, h } = setup();
    await record(
      h,
      Array.from({ length: 2_000 }, (_, i) => paper(arxiv(i))),
      'big',
    );
    const rows = await db.visits.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ visit: 'big', how: 'listed', site: 'test-site' });
    expect(rows[0]!.paperIds).toEqual(Array.from({ length: 2_000 }, (_, i) => arxiv(i)));
    const all = await allSightings(db);
    expect(all).toHaveLength(2_000);
    expect(all[1_999]).toMatchObject({ paperId: arxiv(1_999), pageUrl: 'https://example.org/big' });
  });

  it('a page\'s own paper gets its own "opened" row beside the listed ones', async () => {
    const { db, h } = setup();
    await record(h, [paper(arxiv(1)), paper(arxiv(2), { kind: 'single' }), paper(arxiv(3))], 'p');
    const rows = await db.visits.toArray();
    expect(rows.map((v) => [v.how, v.paperIds])).toEqual([
      ['listed', [arxiv(1)]],
      ['opened', [arxiv(2)]],
      ['listed', [arxiv(3)]],
    ]);
  });

  it('deleting papers takes them out of their rows, and a row left empty goes', async () => {
    const { db, h } = setup();
    await record(h, [paper(arxiv(1)), paper(arxiv(2))], 'v1');
    await record(h, [paper(arxiv(2))], 'v2');
    await h({ type: 'deletePaper', id: arxiv(2) });
    expect((await db.visits.toArray()).map((v) => [v.visit, v.paperIds])).toEqual([
      ['v1', [arxiv(1)]],
    ]);
    await h({ type: 'deletePaper', id: arxiv(1) });
    expect(await db.visits.count()).toBe(0);
  });

  it('a merge renames the paper inside every row, each sighting kept', async () => {
    const { db, h } = setup();
    // Two papers met on one page load, then found to be one: both sightings stay.
    await record(h, [paper('doi:10.1000/x'), paper(arxiv(5))], 'v1');
    await record(h, [paper(arxiv(5), { aliases: ['doi:10.1000/x'] })], 'v2');
    expect(await db.papers.count()).toBe(1);
    expect((await db.visits.toArray()).map((v) => v.paperIds)).toEqual([
      [arxiv(5), arxiv(5)],
      [arxiv(5)],
    ]);
    expect((await sightingsFor(db, arxiv(5))).map((s) => s.visit)).toEqual(['v1', 'v1', 'v2']);
    expect(await sightingsFor(db, 'doi:10.1000/x')).toEqual([]);
  });

  it("reads a paper's newest sightings first, only as many rows as asked", async () => {
    const { db, h } = setup();
    for (const v of ['a', 'b', 'c', 'd']) await record(h, [paper(arxiv(1)), paper(arxiv(2))], v);
    await record(h, [paper(arxiv(2))], 'e');
    expect((await sightingsOf(db, arxiv(1), 2)).map((s) => s.visit)).toEqual(['d', 'c']);
    expect((await sightingsOf(db, arxiv(2), 10)).map((s) => s.visit)).toEqual([
      'e',
      'd',
      'c',
      'b',
      'a',
    ]);
    expect(await sightingsOf(db, arxiv(9), 5)).toEqual([]);
    const got = await h({ type: 'getPaper', id: arxiv(1), sightings: 3 });
    expect((got as { sightings: Array<{ visit: string }> }).sightings.map((s) => s.visit)).toEqual([
      'd',
      'c',
      'b',
    ]);
  });
});
