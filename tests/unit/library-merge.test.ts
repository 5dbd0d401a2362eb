import { describe, expect, it } from 'vitest';
import { createHandlers, type Handlers } from '../../utils/background/handlers';
import { idsConflict, pickPrimary, titleIsSpecific } from '../../utils/library/merge';
import type { DetectedPaper } from '../../utils/paper';
import type { PaperStateInfo, StateMap } from '../../utils/protocol';
import { allSightings, freshDb, paper, sightingsFor } from './library-helpers';

function setup() {
  const db = freshDb();
  let t = 1000;
  const h = createHandlers(db, { now: () => (t += 1000), warn: () => {} });
  return { db, h };
}

async function record(
  h: Handlers,
  papers: DetectedPaper[],
  visit: string,
  url = `https://example.org/${visit}`,
): Promise<StateMap> {
  const r = await h({ type: 'recordPage', page: { url, title: `Page ${visit}` }, visit, papers });
  if (!r.ok) throw new Error(r.message);
  return (r as { states: StateMap }).states;
}

async function ok<T>(p: Promise<unknown>): Promise<T> {
  const r = (await p) as { ok: boolean; message?: string };
  if (!r.ok) throw new Error(r.message);
  return r as T;
}

const LONG = 'Attention Is All You Need for Paper Identity';

describe('merge rules (pure)', () => {
  it('picks the primary id by priority, then the preferred one', () => {
    expect(pickPrimary(['doi:10.1/x', 'pmid:1', 'arxiv:2106.09608'])).toBe('arxiv:2106.09608');
    expect(pickPrimary(['doi:10.1/b', 'doi:10.1/a'])).toBe('doi:10.1/a');
    expect(pickPrimary(['doi:10.1/b', 'doi:10.1/a'], ['doi:10.1/b'])).toBe('doi:10.1/b');
    expect(pickPrimary(['title:x', 'hal:hal-01234567'])).toBe('hal:hal-01234567');
  });

  it('sees conflicting ids, but not an arXiv DOI beside a journal DOI', () => {
    expect(idsConflict(['doi:10.1/a'], ['doi:10.1/b'])).toBe(true);
    expect(idsConflict(['doi:10.1/a'], ['arxiv:2106.09608'])).toBe(false);
    expect(
      idsConflict(['arxiv:2106.09608', 'doi:10.48550/arxiv.2106.09608'], ['doi:10.1145/x']),
    ).toBe(false);
    expect(idsConflict(['title:a b c'], ['title:a b c'])).toBe(false);
  });

  it('calls only long titles specific', () => {
    expect(titleIsSpecific('deep learning')).toBe(false);
    expect(titleIsSpecific('a b c')).toBe(false);
    expect(titleIsSpecific('attention is all you need')).toBe(true);
  });
});

describe('merge by identity', () => {
  it('HF listing then the arXiv abstract page: one paper, two sightings, opened', async () => {
    const { db, h } = setup();
    const hf = await record(
      h,
      [
        paper('arxiv:2106.09608', {
          title: 'LoRA: Low-Rank Adaptation',
          source: 'huggingface-papers',
        }),
      ],
      'v1',
      'https://huggingface.co/papers',
    );
    expect(hf['arxiv:2106.09608']?.state).toBe('new');
    const abs = await record(
      h,
      [
        paper('arxiv:2106.09608', {
          aliases: ['doi:10.48550/arxiv.2106.09608'],
          title: 'LoRA: Low-Rank Adaptation of Large Language Models',
          authors: ['Edward J. Hu'],
          abstract: 'We propose LoRA.',
          source: 'arxiv',
          kind: 'single',
        }),
      ],
      'v2',
      'https://arxiv.org/abs/2106.09608',
    );
    expect(abs['arxiv:2106.09608']).toMatchObject({
      id: 'arxiv:2106.09608',
      state: 'opened',
      seenCount: 2,
    });
    expect(await db.papers.count()).toBe(1);
    const p = (await db.papers.get('arxiv:2106.09608'))!;
    expect(p.ids.sort()).toEqual(['arxiv:2106.09608', 'doi:10.48550/arxiv.2106.09608']);
    expect(p.state).toBe('opened');
    expect(p.title).toBe('LoRA: Low-Rank Adaptation'); // the first title stays
    expect(p.authors).toEqual(['Edward J. Hu']); // missing fields filled
    expect(p.abstract).toBe('We propose LoRA.');
    expect(p.sources).toEqual(['huggingface-papers', 'arxiv']);
    expect(p.firstSite).toBe('huggingface-papers');
    const s = (await sightingsFor(db, p.id)).sort((a, b) => a.time - b.time);
    expect(s.map((x) => [x.site, x.how])).toEqual([
      ['huggingface-papers', 'listed'],
      ['arxiv', 'opened'],
    ]);
  });

  it('a DOI alias linking two stored papers makes them one, user data combined', async () => {
    const { db, h } = setup();
    await record(h, [paper('arxiv:2001.00001', { title: 'Preprint title' })], 'a1');
    await record(h, [paper('arxiv:2001.00001', { title: 'Preprint title', kind: 'single' })], 'a2');
    await record(
      h,
      [paper('doi:10.1000/j.1', { title: 'Journal title', venue: 'J. Tests', year: 2021 })],
      'b1',
    );
    await ok(h({ type: 'setStar', id: 'doi:10.1000/j.1', starred: true }));
    await ok(h({ type: 'setTags', id: 'arxiv:2001.00001', tags: ['toread', 'ml'] }));
    await ok(h({ type: 'setTags', id: 'doi:10.1000/j.1', tags: ['ML', 'survey'] }));
    await ok(h({ type: 'setNote', id: 'arxiv:2001.00001', note: 'preprint note' }));
    await ok(h({ type: 'setNote', id: 'doi:10.1000/j.1', note: 'journal note' }));
    // A third paper names the journal version among its possible twins: it must follow the merge.
    await record(h, [paper('doi:10.1000/other', { title: 'Journal title' })], 'c1');
    expect((await db.papers.get('doi:10.1000/other'))!.possible).toEqual(['doi:10.1000/j.1']);

    const states = await record(
      h,
      [paper('doi:10.1000/j.1', { aliases: ['arxiv:2001.00001'] })],
      'link',
    );
    expect(states['doi:10.1000/j.1']?.id).toBe('arxiv:2001.00001');
    expect(await db.papers.count()).toBe(2);
    expect(await db.papers.get('doi:10.1000/j.1')).toBeUndefined();
    const p = (await db.papers.get('arxiv:2001.00001'))!;
    expect(p.ids.sort()).toEqual(['arxiv:2001.00001', 'doi:10.1000/j.1']);
    expect(p.seenCount).toBe(4); // 2 + 1 + this page
    expect(p.firstSeen).toBe(2000);
    expect(p.lastSeen).toBe(Math.max(...(await allSightings(db)).map((s) => s.time)));
    expect(p.starred).toBe(1);
    expect(p.tags).toEqual(['toread', 'ml', 'survey']);
    expect(p.note).toBe('preprint note\n\njournal note');
    expect(p.state).toBe('opened');
    expect(p.title).toBe('Preprint title');
    expect(p.venue).toBe('J. Tests');
    expect(p.year).toBe(2021);
    expect((await sightingsFor(db, p.id)).length).toBe(4);
    expect((await sightingsFor(db, 'doi:10.1000/j.1')).length).toBe(0);
    expect((await db.papers.get('doi:10.1000/other'))!.possible).toEqual(['arxiv:2001.00001']);
    // Any old id still finds the merged paper, for reads and edits.
    const got = await ok<{ paper: { id: string } }>(h({ type: 'getPaper', id: 'doi:10.1000/j.1' }));
    expect(got.paper.id).toBe('arxiv:2001.00001');
    const look = await ok<{ states: StateMap }>(
      h({ type: 'lookup', papers: [{ id: 'doi:10.1000/j.1', aliases: [], title: '' }] }),
    );
    expect(look.states['doi:10.1000/j.1']).toMatchObject({
      id: 'arxiv:2001.00001',
      state: 'starred',
      seenCount: 4,
    });
  });

  it('a better id arriving as an alias renames the paper and its sightings', async () => {
    const { db, h } = setup();
    await record(h, [paper('doi:10.1000/x', { title: LONG })], 'v1');
    await record(h, [paper('arxiv:2301.00002', { aliases: ['doi:10.1000/x'], title: LONG })], 'v2');
    expect((await db.papers.toCollection().primaryKeys()).sort()).toEqual(['arxiv:2301.00002']);
    expect((await sightingsFor(db, 'arxiv:2301.00002')).length).toBe(2);
  });

  it('a title match with conflicting DOIs keeps two papers, marked possible', async () => {
    const { db, h } = setup();
    await record(h, [paper('doi:10.1000/a', { title: LONG })], 'v1');
    const s = await record(
      h,
      [paper('doi:10.1000/b', { title: `  ${LONG.toUpperCase()}!` })],
      'v2',
    );
    expect(await db.papers.count()).toBe(2);
    expect((await db.papers.get('doi:10.1000/a'))!.possible).toEqual(['doi:10.1000/b']);
    expect((await db.papers.get('doi:10.1000/b'))!.possible).toEqual(['doi:10.1000/a']);
    expect(s['doi:10.1000/b']?.state).toBe('possible');
    // Known to us only by its title: a lookup says 'possible' and points at the older paper.
    const look = await ok<{ states: StateMap }>(
      h({ type: 'lookup', papers: [{ id: 'doi:10.1000/c', aliases: [], title: LONG }] }),
    );
    expect(look.states['doi:10.1000/c']).toMatchObject({ id: 'doi:10.1000/a', state: 'possible' });
  });

  it('a specific title with no conflicting ids merges', async () => {
    const { db, h } = setup();
    await record(h, [paper('title:x', { id: `title:${LONG.toLowerCase()}`, title: LONG })], 'v1');
    await record(h, [paper('doi:10.1000/a', { title: LONG, venue: 'V' })], 'v2');
    const all = await db.papers.toArray();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ id: 'doi:10.1000/a', seenCount: 2, venue: 'V' });
    expect((await sightingsFor(db, 'doi:10.1000/a')).length).toBe(2);
  });

  it('a short title never merges: separate papers, possible', async () => {
    const { db, h } = setup();
    await record(h, [paper('doi:10.1000/a', { title: 'Deep learning' })], 'v1');
    await record(h, [paper('arxiv:1501.00001', { title: 'Deep Learning' })], 'v2');
    expect(await db.papers.count()).toBe(2);
    expect((await db.papers.get('arxiv:1501.00001'))!.possible).toEqual(['doi:10.1000/a']);
  });

  it('never overwrites user data or the stored title', async () => {
    const { db, h } = setup();
    await record(h, [paper('arxiv:2301.00003', { title: 'Original' })], 'v1');
    await ok(h({ type: 'setStar', id: 'arxiv:2301.00003', starred: true }));
    await ok(h({ type: 'setTags', id: 'arxiv:2301.00003', tags: [' to  read ', 'To Read', 'x'] }));
    await ok(h({ type: 'setNote', id: 'arxiv:2301.00003', note: 'mine' }));
    await record(
      h,
      [paper('arxiv:2301.00003', { title: 'Changed', abstract: 'Abs', kind: 'single' })],
      'v2',
    );
    const p = (await db.papers.get('arxiv:2301.00003'))!;
    expect(p).toMatchObject({
      starred: 1,
      tags: ['to read', 'x'],
      note: 'mine',
      title: 'Original',
      abstract: 'Abs',
    });
    expect(p.words).toEqual(expect.arrayContaining(['original', 'to', 'read', 'mine']));
  });

  it('deleting a paper removes its sightings and mentions; ids become new again', async () => {
    const { db, h } = setup();
    await record(h, [paper('doi:10.1000/a', { title: LONG })], 'v1');
    await record(h, [paper('doi:10.1000/b', { title: LONG }), paper('doi:10.1000/c')], 'v2');
    const look = () =>
      ok<{ states: StateMap }>(
        h({ type: 'lookup', papers: [{ id: 'doi:10.1000/b', aliases: [], title: 'x' }] }),
      );
    expect((await look()).states['doi:10.1000/b']?.state).toBe('seen');
    const del = await ok<{ deleted: boolean }>(h({ type: 'deletePaper', id: 'doi:10.1000/b' }));
    expect(del.deleted).toBe(true);
    expect((await sightingsFor(db, 'doi:10.1000/b')).length).toBe(0);
    expect((await allSightings(db)).length).toBe(2);
    expect((await db.papers.get('doi:10.1000/a'))!.possible).toEqual([]);
    expect((await look()).states['doi:10.1000/b']?.state).toBe('new');
    expect(
      (await h({ type: 'deletePaper', id: 'doi:10.1000/b' })) as { deleted: boolean },
    ).toMatchObject({
      ok: true,
      deleted: false,
    });
    expect(await h({ type: 'setStar', id: 'doi:10.1000/b', starred: true })).toMatchObject({
      ok: false,
      error: 'not-found',
    });
  });

  it('two rows of one page sharing an id are one paper with one sighting', async () => {
    const { db, h } = setup();
    const s = await record(
      h,
      [
        paper('arxiv:2301.00004', { aliases: ['doi:10.1000/d'] }),
        paper('doi:10.1000/d', { kind: 'single' }),
      ],
      'v1',
    );
    expect(await db.papers.count()).toBe(1);
    expect((await allSightings(db)).length).toBe(1);
    expect((await allSightings(db))[0]!.how).toBe('opened');
    expect((s['doi:10.1000/d'] as PaperStateInfo).id).toBe('arxiv:2301.00004');
  });
});
