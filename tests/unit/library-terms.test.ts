import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../utils/background/handlers';
import type { PaperdexDb } from '../../utils/library/db';
import { setTags } from '../../utils/library/mutations';
import { recordPage } from '../../utils/library/record';
import { flushTerms } from '../../utils/library/terms';
import type { DetectedPaper } from '../../utils/paper';
import { arxiv, freshDb, PAGE, paper } from './library-helpers';

const wordIds = (db: PaperdexDb, word: string) =>
  db.terms.where('words').equals(word).primaryKeys();

function rec(db: PaperdexDb, papers: DetectedPaper[], visit: string, deferTerms = true) {
  return recordPage(db, { page: PAGE, visit, papers, now: 1000, deferTerms });
}

describe('search words in their own store (schema v2)', () => {
  it('a deferred record leaves one pending row; the flush indexes every new paper', async () => {
    const db = freshDb();
    await rec(
      db,
      [
        paper(arxiv(1), { title: 'Quantum walks on graphs' }),
        paper(arxiv(2), { title: 'Quantum error correction' }),
      ],
      'v1',
    );
    expect(await db.papers.count()).toBe(2);
    expect(await db.terms.count()).toBe(0);
    expect(await db.termsPending.count()).toBe(1);
    expect(await flushTerms(db)).toBe(2);
    expect(await wordIds(db, 'quantum')).toEqual([arxiv(1), arxiv(2)]);
    expect(await db.termsPending.count()).toBe(0);
  });

  it('a revisit only counts: no pending row, terms untouched', async () => {
    const db = freshDb();
    await rec(db, [paper(arxiv(1), { title: 'Quantum walks on graphs' })], 'v1');
    await flushTerms(db);
    await rec(db, [paper(arxiv(1), { title: 'Quantum walks on graphs' })], 'v2');
    expect(await db.termsPending.count()).toBe(0);
    expect((await db.papers.get(arxiv(1)))?.seenCount).toBe(2);
  });

  it('a merge moves the words to the kept id and drops the merged-away row', async () => {
    const db = freshDb();
    await rec(db, [paper('doi:10.1000/x', { title: 'Sparse attention for long inputs' })], 'v1');
    await rec(db, [paper(arxiv(7), { title: 'Sparse attention for long inputs' })], 'v2');
    // The arXiv page names both ids: the two stored papers become one, keyed by the arXiv id.
    await rec(
      db,
      [paper(arxiv(7), { aliases: ['doi:10.1000/x'], title: 'Sparse attention' })],
      'v3',
    );
    await flushTerms(db);
    expect(await db.papers.count()).toBe(1);
    expect(await wordIds(db, 'sparse')).toEqual([arxiv(7)]);
    expect(await db.terms.get('doi:10.1000/x')).toBeUndefined();
  });

  it('not deferred, the words are indexed in the record itself; edits index theirs', async () => {
    const db = freshDb();
    await rec(db, [paper(arxiv(3), { title: 'Graph neural networks' })], 'v1', false);
    expect(await db.termsPending.count()).toBe(0);
    expect(await wordIds(db, 'graph')).toEqual([arxiv(3)]);
    await setTags(db, arxiv(3), ['Reading group']);
    expect(await wordIds(db, 'reading')).toEqual([arxiv(3)]);
  });

  it('words left pending by a stopped worker are flushed by the next one, on its first message', async () => {
    const db = freshDb();
    // The first worker recorded the page and stopped before its flush ran.
    await rec(db, [paper(arxiv(4), { title: 'Diffusion caching at scale' })], 'v1');
    expect(await db.termsPending.count()).toBe(1);
    const h = createHandlers(db, { warn: () => {} });
    expect((await h({ type: 'warm' })).ok).toBe(true);
    await h.termsIndexed();
    expect(await wordIds(db, 'diffusion')).toEqual([arxiv(4)]);
    expect(await db.termsPending.count()).toBe(0);
  });

  it('the background indexes what it records once its flush is done', async () => {
    const db = freshDb();
    const h = createHandlers(db, { warn: () => {} });
    const res = await h({
      type: 'recordPage',
      page: PAGE,
      visit: 'v1',
      papers: [paper(arxiv(5), { title: 'Retrieval augmented generation' })],
    });
    expect(res.ok).toBe(true);
    await h.termsIndexed();
    expect(await wordIds(db, 'retrieval')).toEqual([arxiv(5)]);
  });
});
