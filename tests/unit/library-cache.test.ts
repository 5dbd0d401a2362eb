import { describe, expect, it } from 'vitest';
import { getByIndex } from '../../utils/library/bulk';
import { StateCache, summarize } from '../../utils/library/cache';
import type { StoredPaper } from '../../utils/library/db';
import { createPaper, finalize, toIncoming } from '../../utils/library/merge';
import { freshDb, paper } from './library-helpers';

function row(id: string, extra: Partial<StoredPaper> = {}): StoredPaper {
  const p = createPaper(toIncoming(paper(id)), {
    time: 1,
    site: 's',
    pageUrl: 'https://x.org/',
    visit: 'v',
  });
  return finalize({ ...p, ...extra });
}

describe('StateCache', () => {
  it('refuses a fill from a read that overlapped a write', async () => {
    const c = new StateCache();
    const token = c.readToken();
    let release!: () => void;
    const write = c.write(async () => {
      await new Promise<void>((r) => (release = r));
      return { result: 1, changes: { removed: [], put: [summarize(row('doi:10.1/a'))] } };
    });
    // This read began before the write committed: its "absent" may be stale.
    c.fill(token, [], ['doi:10.1/a'], new Map());
    expect(c.getId('doi:10.1/a')).toBeUndefined();
    const during = c.readToken();
    // The write runs in its turn, a task later: only then can it be released.
    await new Promise((r) => setTimeout(r, 0));
    release();
    await write;
    expect(c.getId('doi:10.1/a')?.id).toBe('doi:10.1/a');
    c.fill(during, [], ['doi:10.1/a'], new Map());
    expect(c.getId('doi:10.1/a')?.id).toBe('doi:10.1/a');
    // A read with no write around it is trusted.
    c.fill(c.readToken(), [], ['doi:10.1/b'], new Map());
    expect(c.getId('doi:10.1/b')).toBeNull();
  });

  it('runs writes one at a time, in order, a failed one not blocking the next', async () => {
    const c = new StateCache();
    const log: string[] = [];
    let release!: () => void;
    const first = c.write(async () => {
      log.push('1 start');
      await new Promise<void>((r) => (release = r));
      log.push('1 end');
      throw new Error('quota');
    });
    const second = c.write(async () => {
      log.push('2 start');
      return { result: 2, changes: { removed: [], put: [] } };
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual(['1 start']);
    release();
    await expect(first).rejects.toThrow('quota');
    expect(await second).toBe(2);
    expect(log).toEqual(['1 start', '1 end', '2 start']);
  });

  it('applies nothing when the write fails', async () => {
    const c = new StateCache();
    await expect(
      c.write(async () => {
        throw new Error('quota');
      }),
    ).rejects.toThrow('quota');
    expect(c.size).toBe(0);
    c.fill(c.readToken(), [], ['doi:10.1/x'], new Map());
    expect(c.getId('doi:10.1/x')).toBeNull();
  });

  it('follows merges and deletes: old ids point to the new row, deleted ids become absent', async () => {
    const c = new StateCache();
    const a = row('arxiv:2101.00001', { titleKey: 'same title here', ids: ['arxiv:2101.00001'] });
    const b = row('doi:10.1/b', { titleKey: 'same title here' });
    c.fill(c.readToken(), [], [], new Map([['same title here', [a, b]]]));
    expect(c.getTitle('same title here')?.map((s) => s.id)).toEqual([
      'arxiv:2101.00001',
      'doi:10.1/b',
    ]);
    const merged = { ...a, ids: ['arxiv:2101.00001', 'doi:10.1/b'] };
    await c.write(async () => ({ result: 0, changes: { removed: [b], put: [summarize(merged)] } }));
    expect(c.getId('doi:10.1/b')?.id).toBe('arxiv:2101.00001');
    expect(c.getTitle('same title here')?.map((s) => s.id)).toEqual(['arxiv:2101.00001']);
    await c.write(async () => ({ result: 0, changes: { removed: [merged], put: [] } }));
    expect(c.getId('doi:10.1/b')).toBeNull();
    expect(c.getId('arxiv:2101.00001')).toBeNull();
    expect(c.getTitle('same title here')).toEqual([]);
  });
});

describe('getByIndex', () => {
  it('finds rows by a multi-entry index, each once, and all rows per key when asked', async () => {
    const db = freshDb();
    await db.papers.bulkPut([
      row('arxiv:2101.00001', { ids: ['arxiv:2101.00001', 'doi:10.1/a'], titleKey: 't' }),
      row('doi:10.1/b', { titleKey: 't' }),
      row('doi:10.1/c', { titleKey: 'u' }),
    ]);
    const got = await db.transaction('r', db.papers, async (tx) => {
      const byIds = await getByIndex<StoredPaper>(tx, 'papers', 'ids', [
        'doi:10.1/a',
        'arxiv:2101.00001',
        'doi:10.1/zzz',
        'doi:10.1/b',
        'doi:10.1/b',
      ]);
      // Dexie calls still work in the same transaction after the raw reads.
      const count = await db.papers.count();
      const byTitle = await getByIndex<StoredPaper>(tx, 'papers', 'titleKey', ['t', 'none'], true);
      const none = await getByIndex<StoredPaper>(tx, 'papers', 'ids', []);
      return { byIds, count, byTitle, none };
    });
    expect(got.byIds.map((r) => r.id).sort()).toEqual(['arxiv:2101.00001', 'doi:10.1/b']);
    expect(got.count).toBe(3);
    expect(got.byTitle.map((r) => r.id).sort()).toEqual(['arxiv:2101.00001', 'doi:10.1/b']);
    expect(got.none).toEqual([]);
  });
});
