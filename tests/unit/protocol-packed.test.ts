import { describe, expect, it } from 'vitest';
import { createHandlers, type Handlers } from '../../utils/background/handlers';
import { normalizeTitle } from '../../utils/identity';
import type { DetectedPaper } from '../../utils/paper';
import type { LookupPaper, StateMap } from '../../utils/protocol';
import { packIds, packStates, unpackIds, unpackStates } from '../../utils/protocol-packed';
import { validateRequest } from '../../utils/protocol-validate';
import { arxiv, freshDb, paper } from './library-helpers';

const TITLE = 'Attention Is All You Need for Paper Identity';

async function ok<T>(p: Promise<unknown>): Promise<T> {
  const r = (await p) as { ok: boolean; message?: string };
  if (!r.ok) throw new Error(r.message);
  return r as T;
}

async function record(h: Handlers, papers: DetectedPaper[], visit: string, url: string) {
  await ok(h({ type: 'recordPage', page: { url, title: visit }, visit, papers }));
}

/** A library with a seen, an opened, a starred, a merged and a title-only paper. */
async function library() {
  const db = freshDb();
  let t = Date.UTC(2026, 10, 1);
  const h = createHandlers(db, { now: () => (t += 60_000), warn: () => {} });
  await record(
    h,
    [
      paper(arxiv(1)),
      paper(arxiv(2)),
      paper(arxiv(3)),
      paper('doi:10.1000/merged', { aliases: ['pmid:77'] }),
      paper('doi:10.1000/titled', { title: TITLE }),
    ],
    'v1',
    'https://huggingface.co/papers',
  );
  await record(h, [paper(arxiv(2), { kind: 'single' })], 'v2', 'https://arxiv.org/abs/2401.00002');
  await ok(h({ type: 'setStar', id: arxiv(3), starred: true }));
  return h;
}

describe('packed lookup (the marks wire form)', () => {
  it('answers exactly what the structured lookup answers, in far fewer bytes', async () => {
    const h = await library();
    const asked: LookupPaper[] = [
      { id: arxiv(1), aliases: [`doi:10.48550/arxiv.${arxiv(1).slice(6)}`], title: 'x' },
      { id: arxiv(2), aliases: [], title: '' },
      { id: arxiv(3), aliases: [], title: '' },
      // Known only by an alias: the answer names the stored primary id.
      { id: 'pmid:77', aliases: [], title: '' },
      { id: arxiv(9), aliases: ['doi:10.1000/never'], title: 'Never met' },
      { id: 'doi:10.1000/other', aliases: [], title: TITLE },
    ];
    const full = await ok<{ states: StateMap }>(h({ type: 'lookup', papers: asked }));
    const withTitles = {
      ids: packIds(asked),
      titles: asked.map((p) => normalizeTitle(p.title)).join('\n'),
    };
    const packed = await ok<{ states: string; places: string }>(
      h({ type: 'lookupPacked', ...withTitles }),
    );
    const got = unpackStates(asked, packed.states, packed.places);
    expect(Object.keys(got).sort()).toEqual(Object.keys(full.states).sort());
    for (const p of asked) {
      const f = full.states[p.id]!;
      expect(got[p.id], p.id).toEqual({
        id: f.id,
        state: f.state,
        ...(f.seenCount ? { seenCount: f.seenCount } : {}),
        ...(f.firstSeen ? { firstSeen: f.firstSeen } : {}),
        ...(f.state !== 'new' ? { firstWhere: new URL(f.firstPageUrl!).hostname } : {}),
      });
    }
    expect(got[arxiv(2)]).toMatchObject({ state: 'opened', seenCount: 2 });
    expect(got[arxiv(3)]?.state).toBe('starred');
    expect(got['pmid:77']?.id).toBe('doi:10.1000/merged');
    expect(got['doi:10.1000/other']).toMatchObject({ state: 'possible', id: 'doi:10.1000/titled' });
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(full).length / 3);

    // Without titles only ids count: the title twin is new to this question.
    const idsOnly = await ok<{ states: string; places: string }>(
      h({ type: 'lookupPacked', ids: withTitles.ids }),
    );
    expect(unpackStates(asked, idsOnly.states, idsOnly.places)['doi:10.1000/other']).toEqual({
      id: 'doi:10.1000/other',
      state: 'new',
    });
  });

  it('leaves out the derived arXiv DOI and ids that could break a line', () => {
    const packed = packIds([
      { id: arxiv(1), aliases: [`doi:10.48550/arxiv.${arxiv(1).slice(6)}`, 'pmid:5'] },
      { id: 'doi:10.1/a\nb', aliases: [] },
      { id: 'title:a b c', aliases: ['doi:10.1/x\ty'] },
    ]);
    expect(unpackIds(packed)).toEqual([[arxiv(1), 'pmid:5'], [], ['title:a b c']]);
  });

  it('an empty line answers new, and lines that do not parse answer nothing', async () => {
    const h = await library();
    const r = await ok<{ states: string; places: string }>(
      h({ type: 'lookupPacked', ids: `\n${arxiv(1)}` }),
    );
    const asked = [{ id: 'doi:10.1/a\nb' }, { id: arxiv(1) }];
    const got = unpackStates(asked, r.states, r.places);
    expect(got['doi:10.1/a\nb']).toEqual({ id: 'doi:10.1/a\nb', state: 'new' });
    expect(got[arxiv(1)]?.state).toBe('seen');
    expect(unpackStates([{ id: 'a' }, { id: 'b' }], 'x\t1\ns\t1\t1\t0', 'h')).toEqual({
      b: { id: 'b', state: 'seen', seenCount: 1, firstSeen: 1, firstWhere: 'h' },
    });
    expect(packStates(['a'], {})).toEqual({ states: 'n', places: '' });
    expect(unpackStates([{ id: 'a' }], 'constructor\t1', '')).toEqual({});
  });

  it('refuses ids that are not canonical, too many lines, and misaligned titles', () => {
    const bad = (m: Record<string, unknown>) => validateRequest({ type: 'lookupPacked', ...m }).ok;
    expect(bad({ ids: `${arxiv(1)}\tpmid:5` })).toBe(true);
    expect(bad({ ids: 'ARXIV:2401.00001' })).toBe(false);
    expect(bad({ ids: `${arxiv(1)}\t<script>` })).toBe(false);
    expect(bad({ ids: Array.from({ length: 5001 }, (_, i) => `pmid:${i + 1}`).join('\n') })).toBe(
      false,
    );
    expect(bad({ ids: `${arxiv(1)}\n${arxiv(2)}`, titles: 'one title' })).toBe(false);
    expect(bad({ ids: arxiv(1), titles: 'x'.repeat(1001) })).toBe(false);
    expect(bad({ ids: arxiv(1), extra: 1 })).toBe(false);
    expect(bad({ ids: [arxiv(1)] })).toBe(false);
  });
});
