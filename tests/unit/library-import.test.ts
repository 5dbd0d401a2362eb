/**
 * Imports through the background's messages into a fake-indexeddb library: merges by identity
 * with user data kept, backup merge and replace, and every way an import can stop (a refused chunk,
 * a failing commit, a cancel, a worker restart) leaving the library exactly as it was.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHandlers, type Handlers } from '../../utils/background/handlers';
import { type ImportedFile, readImportFile } from '../../utils/formats/detect-format';
import type { ImportedPaper } from '../../utils/formats/types';
import type { PaperdexDb } from '../../utils/library/db';
import { exportLibrary } from '../../utils/library/export';
import { type Send, planChunks, runImport } from '../../utils/library/import';
import type { MessageType, Response } from '../../utils/protocol';
import { DEFAULT_SETTINGS } from '../../utils/settings';
import { fixture } from './formats-samples';
import {
  allSightings,
  arxiv,
  freshDb,
  PAGE,
  paper,
  sightingsFor,
  snapshot,
} from './library-helpers';

const T0 = Date.UTC(2026, 8, 1);
let clock = T0;

function handlers(db: PaperdexDb): Handlers {
  return createHandlers(db, { now: () => clock, warn: () => {} });
}

/** The page's sender, talking to the handlers directly; `log` records every message type sent. */
function sender(h: Handlers, log: string[] = []): Send {
  return (async (type: MessageType, payload: object) => {
    log.push(type);
    return h({ ...payload, type });
  }) as Send;
}

async function call<T extends MessageType>(
  h: Handlers,
  type: T,
  payload: object,
): Promise<Response<T>> {
  return (await h({ ...payload, type })) as Response<T>;
}

async function record(
  h: Handlers,
  visit: string,
  papers: ReturnType<typeof paper>[],
  url?: string,
) {
  const res = await call(h, 'recordPage', {
    page: url ? { url, title: 'A page' } : PAGE,
    visit,
    papers,
  });
  expect(res.ok).toBe(true);
}

/** The backup text of a library, minus its export time: equal means nothing changed. */
async function backupOf(db: PaperdexDb): Promise<unknown> {
  const file = await exportLibrary(db, {
    scope: { kind: 'all' },
    format: 'backup',
    settings: DEFAULT_SETTINGS,
  });
  const { exportedAt: _t, ...rest } = JSON.parse(file.text) as Record<string, unknown>;
  return rest;
}

async function backupFile(db: PaperdexDb): Promise<ImportedFile> {
  const file = await exportLibrary(db, {
    scope: { kind: 'all' },
    format: 'backup',
    settings: DEFAULT_SETTINGS,
  });
  return readImportFile(file.text, file.filename);
}

function foreign(papers: ImportedPaper[]): ImportedFile {
  return { format: 'bibtex', result: { papers, errors: [] } };
}

function imported(id: string, extra: Partial<ImportedPaper> = {}): ImportedPaper {
  return { ...paper(id), source: 'import:bibtex', ...extra };
}

async function done(p: ReturnType<typeof runImport>) {
  const out = await p;
  if (out.status !== 'done') throw new Error(`import ${out.status}: ${JSON.stringify(out)}`);
  return out.summary;
}

afterEach(() => {
  clock = T0;
  vi.restoreAllMocks();
});

describe('import: foreign formats merge like pages', () => {
  it('merges a BibTeX file into papers already met, keeping and combining user data', async () => {
    const db = freshDb();
    const h = handlers(db);
    // Met on arXiv, then starred, tagged and annotated by the user.
    await record(h, 'v1', [
      paper('arxiv:1706.03762', { title: 'Attention Is All You Need', authors: ['A. Vaswani'] }),
    ]);
    await call(h, 'setStar', { id: 'arxiv:1706.03762', starred: true });
    await call(h, 'setTags', { id: 'arxiv:1706.03762', tags: ['Transformers'] });
    await call(h, 'setNote', { id: 'arxiv:1706.03762', note: 'Read twice.' });
    const before = (await db.papers.get('arxiv:1706.03762'))!;

    const file = readImportFile(fixture('library.bib'), 'library.bib');
    if (file.format === 'backup') throw new Error('not bibtex');
    const n = file.result.papers.length;
    clock = T0 + 86_400_000;
    const summary = await done(runImport(sender(h), file, 'merge'));
    expect(summary.entries).toBe(n);
    expect(summary.merged).toBeGreaterThanOrEqual(1);
    expect(summary.added + summary.merged).toBe(n);

    const after = (await db.papers.get('arxiv:1706.03762'))!;
    // The user's data is all there; the file only added to it.
    expect(after.starred).toBe(1);
    expect(after.tags[0]).toBe('Transformers');
    expect(after.note.startsWith('Read twice.')).toBe(true);
    expect(after.title).toBe(before.title);
    expect(after.authors).toEqual(before.authors);
    expect(after.firstSeen).toBe(before.firstSeen);
    expect(after.lastSeen).toBe(before.lastSeen);
    expect(after.seenCount).toBe(1);
    expect(after.sources).toEqual(['test-site', 'import:bibtex']);
    // One paper, not two, and no sighting for an import.
    expect(await db.papers.where('ids').equals('arxiv:1706.03762').count()).toBe(1);
    expect((await allSightings(db)).length).toBe(1);
    expect(await db.papers.count()).toBe(1 + summary.added);
  });

  it('changes nothing when the same file is imported again', async () => {
    const db = freshDb();
    const h = handlers(db);
    await record(h, 'v1', [paper('arxiv:2106.09685', { title: 'LoRA' })]);
    const file = readImportFile(fixture('papermemory-export.json'), 'memory.json');
    await done(runImport(sender(h), file, 'merge'));
    const once = await snapshot(db);
    clock += 3_600_000;
    const again = await done(runImport(sender(h), file, 'merge'));
    expect(again.added).toBe(0);
    expect(again.merged).toBe(again.entries);
    expect(await snapshot(db)).toEqual(once);
  });

  it('takes the star, tags, note and counts of a PaperMemory export for new papers', async () => {
    const db = freshDb();
    const h = handlers(db);
    const file = readImportFile(fixture('papermemory-export.json'), 'memory.json');
    const summary = await done(runImport(sender(h), file, 'merge'));
    expect(summary.added).toBe(summary.entries);
    const p = (await db.papers.get('arxiv:1706.03762'))!;
    expect(p.starred).toBe(1);
    expect(p.tags).toEqual(['transformers', 'attention']);
    expect(p.seenCount).toBe(7);
    expect(p.firstSeen).toBe(Date.parse('2023-02-14T09:12:44.120Z'));
    expect(p.words).toContain('attention');
  });

  it('merges an entry with no shared id by its specific title, but not across conflicting DOIs', async () => {
    const db = freshDb();
    const h = handlers(db);
    const title = 'A Long And Specific Title About Graph Neural Networks';
    await record(h, 'v1', [paper('arxiv:2401.00001', { title })]);
    await record(h, 'v2', [
      paper('doi:10.1000/one', { title: 'Another specific title of a paper' }),
    ]);
    const summary = await done(
      runImport(
        sender(h),
        foreign([
          imported('doi:10.5555/gnn', { title }),
          imported('doi:10.1000/two', { title: 'Another specific title of a paper' }),
        ]),
        'merge',
      ),
    );
    expect(summary).toMatchObject({ added: 1, merged: 1 });
    const gnn = (await db.papers.get('arxiv:2401.00001'))!;
    expect(gnn.ids).toEqual(['arxiv:2401.00001', 'doi:10.5555/gnn']);
    // Two DOIs are two works: kept apart, each naming the other as a possible duplicate.
    const one = (await db.papers.get('doi:10.1000/one'))!;
    const two = (await db.papers.get('doi:10.1000/two'))!;
    expect(one.possible).toEqual(['doi:10.1000/two']);
    expect(two.possible).toEqual(['doi:10.1000/one']);
  });

  it('renames a stored paper when the import brings a better id, and its sightings follow', async () => {
    const db = freshDb();
    const h = handlers(db);
    await record(h, 'v1', [paper('doi:10.1000/x', { title: 'Known by its DOI only' })]);
    await done(
      runImport(
        sender(h),
        foreign([imported('arxiv:2402.00002', { aliases: ['doi:10.1000/x'] })]),
        'merge',
      ),
    );
    expect(await db.papers.get('doi:10.1000/x')).toBeUndefined();
    const p = (await db.papers.get('arxiv:2402.00002'))!;
    expect(p.title).toBe('Known by its DOI only');
    expect((await allSightings(db)).map((s) => s.paperId)).toEqual(['arxiv:2402.00002']);
  });

  it('answers lookups with the imported state at once (the cache follows the commit)', async () => {
    const db = freshDb();
    const h = handlers(db);
    await record(h, 'v1', [paper(arxiv(1))]);
    const ask = async () => {
      const r = await call(h, 'lookup', { papers: [{ id: arxiv(1), aliases: [], title: 'x' }] });
      return r.ok ? r.states[arxiv(1)]!.state : r.message;
    };
    expect(await ask()).toBe('seen');
    await done(runImport(sender(h), foreign([imported(arxiv(1), { starred: true })]), 'merge'));
    expect(await ask()).toBe('starred');
  });

  it('sends a large import in many chunks with the same result', async () => {
    const papers = Array.from({ length: 23 }, (_, i) =>
      imported(arxiv(i), { tags: [`t${i % 3}`] }),
    );
    const one = freshDb();
    const many = freshDb();
    const log: string[] = [];
    const progress: string[] = [];
    await done(runImport(sender(handlers(one)), foreign(papers), 'merge'));
    await done(
      runImport(sender(handlers(many), log), foreign(papers), 'merge', {
        limits: { papers: 5, sightings: 5, chars: 1_000_000 },
        onProgress: (p) => progress.push(p.phase === 'sending' ? `${p.sent}/${p.total}` : p.phase),
      }),
    );
    expect(log.filter((t) => t === 'importChunk')).toHaveLength(5);
    expect(progress).toEqual(['0/5', '1/5', '2/5', '3/5', '4/5', '5/5', 'committing']);
    const strip = (s: unknown) =>
      (s as { papers: Array<{ firstVisit: string }> }).papers.map((p) => ({
        ...p,
        firstVisit: '',
      }));
    expect(strip(await snapshot(many))).toEqual(strip(await snapshot(one)));
  });
});

describe('import: backups', () => {
  /** A library with a starred, tagged paper seen twice, a renamed one and a possible pair. */
  async function source(): Promise<PaperdexDb> {
    const db = freshDb();
    const h = handlers(db);
    const t = 'Specific Title Shared By Two Different Works Here';
    await record(h, 'a1', [
      paper(arxiv(1), { title: 'First paper of the library', year: 2024 }),
      paper('doi:10.1000/a', { title: t }),
    ]);
    clock += 1000;
    await record(
      h,
      'a2',
      [paper(arxiv(1)), paper('doi:10.1000/b', { title: t })],
      'https://example.org/b',
    );
    await call(h, 'setStar', { id: arxiv(1), starred: true });
    await call(h, 'setTags', { id: arxiv(1), tags: ['mine'] });
    return db;
  }

  it('replace restores the exact library: rows, sightings and their numbers', async () => {
    const from = await source();
    const file = await backupFile(from);
    const to = freshDb();
    const h = handlers(to);
    await record(h, 'other', [paper(arxiv(9), { title: 'Something else entirely' })]);
    const summary = await done(runImport(sender(h), file, 'replace'));
    expect(summary).toMatchObject({
      mode: 'replace',
      added: 3,
      sightingsAdded: 4,
      removedPapers: 1,
      removedSightings: 1,
    });
    expect(await snapshot(to)).toEqual(await snapshot(from));
    // The worker's cache forgot the replaced library.
    const r = await call(h, 'lookup', { papers: [{ id: arxiv(9), aliases: [], title: 'zz' }] });
    expect(r.ok && r.states[arxiv(9)]!.state).toBe('new');
  });

  it('merge into an empty library gives the same papers and sightings', async () => {
    const from = await source();
    const to = freshDb();
    const summary = await done(runImport(sender(handlers(to)), await backupFile(from), 'merge'));
    expect(summary).toMatchObject({ added: 3, merged: 0, sightingsAdded: 4, sightingsSkipped: 0 });
    const a = (await snapshot(from)) as { papers: unknown[]; sightings: Array<{ seq?: number }> };
    const b = (await snapshot(to)) as typeof a;
    expect(b.papers).toEqual(a.papers);
    const noSeq = (l: Array<{ seq?: number }>) => l.map(({ seq: _s, ...x }) => x);
    expect(noSeq(b.sightings)).toEqual(noSeq(a.sightings));
  });

  it('merge into a library that has some of the papers keeps both sides’ data, counts each visit once', async () => {
    const from = await source();
    const file = await backupFile(from);
    const to = freshDb();
    const h = handlers(to);
    clock = T0 - 10_000;
    await record(h, 'b1', [paper(arxiv(1), { title: 'First paper of the library' })]);
    await call(h, 'setTags', { id: arxiv(1), tags: ['Theirs', 'MINE'] });
    await call(h, 'setNote', { id: arxiv(1), note: 'their note' });
    clock = T0 + 50_000;
    const summary = await done(runImport(sender(h), file, 'merge'));
    expect(summary).toMatchObject({ added: 2, merged: 1, sightingsAdded: 4, sightingsSkipped: 0 });
    const p = (await to.papers.get(arxiv(1)))!;
    expect(p.starred).toBe(1);
    expect(p.tags).toEqual(['Theirs', 'MINE']);
    expect(p.note).toBe('their note');
    expect(p.seenCount).toBe(3);
    expect(p.firstSeen).toBe(T0 - 10_000);
    expect((await sightingsFor(to, arxiv(1))).length).toBe(3);

    // The same backup again: every visit is known, nothing changes.
    const once = await snapshot(to);
    const again = await done(runImport(sender(h), file, 'merge'));
    expect(again).toMatchObject({ added: 0, merged: 3, sightingsAdded: 0, sightingsSkipped: 4 });
    expect(await snapshot(to)).toEqual(once);
  });

  it('refuses to replace the library with anything but a backup', async () => {
    const db = freshDb();
    const h = handlers(db);
    await record(h, 'v', [paper(arxiv(1))]);
    const before = await snapshot(db);
    const out = await runImport(sender(h), foreign([imported(arxiv(2))]), 'replace');
    expect(out).toMatchObject({ status: 'failed' });
    expect(out.status === 'failed' && out.message).toMatch(/only a Paperdex backup can replace/i);
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('import: failures leave the library unchanged', () => {
  async function library(): Promise<{ db: PaperdexDb; h: Handlers }> {
    const db = freshDb();
    const h = handlers(db);
    await record(h, 'v1', [paper(arxiv(1)), paper(arxiv(2))]);
    await call(h, 'setStar', { id: arxiv(1), starred: true });
    return { db, h };
  }

  it('a refused chunk stops the import; its commit then fails', async () => {
    const { db, h } = await library();
    const before = await backupOf(db);
    const begun = await call(h, 'importBegin', { mode: 'merge', format: 'bibtex' });
    if (!begun.ok) throw new Error(begun.message);
    const { importId } = begun;
    const first = await call(h, 'importChunk', {
      importId,
      seq: 0,
      papers: [imported(arxiv(1), { note: 'new' }), imported(arxiv(3))],
    });
    expect(first).toEqual({ ok: true, received: 1 });
    const bad = await call(h, 'importChunk', {
      importId,
      seq: 1,
      papers: [imported('arxiv:2401.1'), imported(arxiv(4))],
    });
    expect(bad).toMatchObject({ ok: false, error: 'invalid' });
    expect(!bad.ok && bad.message).toMatch(
      /papers\[0\]\.id is not a canonical id.*nothing was written/,
    );
    const commit = await call(h, 'importCommit', { importId, chunks: 2 });
    expect(commit).toMatchObject({ ok: false, error: 'not-found' });
    expect(await backupOf(db)).toEqual(before);
  });

  it('a chunk of another format, out of order or missing is refused', async () => {
    const { db, h } = await library();
    const before = await backupOf(db);
    const begin = async () => {
      const b = await call(h, 'importBegin', { mode: 'merge', format: 'ris' });
      if (!b.ok) throw new Error(b.message);
      return b.importId;
    };
    let id = await begin();
    const wrongSource = await call(h, 'importChunk', {
      importId: id,
      seq: 0,
      papers: [imported(arxiv(5))],
    });
    expect(!wrongSource.ok && wrongSource.message).toMatch(/does not come from a ris file/);

    id = await begin();
    const skipped = await call(h, 'importChunk', {
      importId: id,
      seq: 1,
      papers: [imported(arxiv(5), { source: 'import:ris' })],
    });
    expect(!skipped.ok && skipped.message).toMatch(/arrived as part 2 where part 1 was due/);

    id = await begin();
    await call(h, 'importChunk', {
      importId: id,
      seq: 0,
      papers: [imported(arxiv(5), { source: 'import:ris' })],
    });
    const short = await call(h, 'importCommit', { importId: id, chunks: 2 });
    expect(!short.ok && short.message).toMatch(/Only 1 of 2 parts/);
    expect(await backupOf(db)).toEqual(before);
  });

  it('a backup chunk that breaks a stored-row rule is refused, naming the paper and field', async () => {
    const { db, h } = await library();
    const before = await backupOf(db);
    const file = await backupFile(db);
    if (file.format !== 'backup') throw new Error('not a backup');
    const b = await call(h, 'importBegin', { mode: 'replace', format: 'backup' });
    if (!b.ok) throw new Error(b.message);
    const rows = file.backup.papers.map((p) => ({ ...p, words: [] }));
    rows[1] = { ...rows[1]!, starred: 2 as 0 };
    const res = await call(h, 'importChunk', { importId: b.importId, seq: 0, rows });
    expect(!res.ok && res.message).toMatch(
      /paper 2 \(arxiv:2401\.10002\)\.starred is 2, not one of 0, 1/,
    );
    expect(!res.ok && res.message).toMatch(/nothing was written/);
    // Sightings that name no staged paper are refused too.
    const b2 = await call(h, 'importBegin', { mode: 'replace', format: 'backup' });
    if (!b2.ok) throw new Error(b2.message);
    const orphan = await call(h, 'importChunk', {
      importId: b2.importId,
      seq: 0,
      sightings: [{ ...file.backup.sightings[0]!, paperId: arxiv(7) }],
    });
    expect(!orphan.ok && orphan.message).toMatch(/no paper in the backup has/);
    expect(await backupOf(db)).toEqual(before);
  });

  it('a backup commit that fails half way writes nothing', async () => {
    const { db, h } = await library();
    const other = freshDb();
    await record(handlers(other), 'o1', [paper(arxiv(1)), paper(arxiv(10)), paper(arxiv(11))]);
    const file = await backupFile(other);
    const before = await backupOf(db);
    // Papers are written before sightings, in the one transaction: fail at the sightings.
    const spy = vi
      .spyOn(db.visits, 'bulkAdd')
      .mockImplementation(() => Promise.reject(new Error('disk on fire')) as never);
    for (const mode of ['replace', 'merge'] as const) {
      const out = await runImport(sender(h), file, mode);
      expect(out.status === 'failed' ? out.message : JSON.stringify(out)).toMatch(
        /disk on fire.*Nothing was imported; the library is unchanged/,
      );
    }
    expect(spy).toHaveBeenCalledTimes(2);
    spy.mockRestore();
    expect(await backupOf(db)).toEqual(before);
  });

  it('a foreign import whose commit fails after deleting a merged row writes nothing', async () => {
    const db = freshDb();
    const h = handlers(db);
    await record(h, 'v1', [paper('doi:10.1000/x', { title: 'Known by its DOI only' })]);
    const before = await backupOf(db);
    const del = vi.spyOn(db.papers, 'bulkDelete');
    vi.spyOn(db.papers, 'bulkPut').mockImplementation(
      () => Promise.reject(new Error('quota-ish')) as never,
    );
    const out = await runImport(
      sender(h),
      foreign([imported('arxiv:2402.00002', { aliases: ['doi:10.1000/x'] })]),
      'merge',
    );
    expect(out.status).toBe('failed');
    expect(del).toHaveBeenCalledWith(['doi:10.1000/x']);
    vi.restoreAllMocks();
    expect(await backupOf(db)).toEqual(before);
  });

  it('a cancelled import sends no commit and leaves nothing staged', async () => {
    const { db, h } = await library();
    const before = await backupOf(db);
    const log: string[] = [];
    const ctl = new AbortController();
    const out = await runImport(
      sender(h, log),
      foreign(Array.from({ length: 12 }, (_, i) => imported(arxiv(100 + i)))),
      'merge',
      {
        limits: { papers: 4, sightings: 4, chars: 1_000_000 },
        signal: ctl.signal,
        onProgress: (p) => {
          if (p.phase === 'sending' && p.sent === 2) ctl.abort();
        },
      },
    );
    expect(out).toEqual({ status: 'cancelled' });
    expect(log).toEqual(['importBegin', 'importChunk', 'importChunk', 'importCancel']);
    expect(await backupOf(db)).toEqual(before);
  });

  it('an import staged before the worker restarted cannot be committed', async () => {
    const { db, h } = await library();
    const before = await backupOf(db);
    const b = await call(h, 'importBegin', { mode: 'merge', format: 'bibtex' });
    if (!b.ok) throw new Error(b.message);
    await call(h, 'importChunk', { importId: b.importId, seq: 0, papers: [imported(arxiv(50))] });
    // A new worker: same database, empty memory.
    const restarted = handlers(db);
    const res = await call(restarted, 'importCommit', { importId: b.importId, chunks: 1 });
    expect(res).toMatchObject({ ok: false, error: 'not-found' });
    expect(!res.ok && res.message).toMatch(/background was restarted.*Nothing was imported/);
    expect(await backupOf(db)).toEqual(before);
  });

  it('an import left idle is dropped', async () => {
    const { db, h } = await library();
    const b = await call(h, 'importBegin', { mode: 'merge', format: 'bibtex' });
    if (!b.ok) throw new Error(b.message);
    clock += 11 * 60_000;
    const res = await call(h, 'importChunk', {
      importId: b.importId,
      seq: 0,
      papers: [imported(arxiv(50))],
    });
    expect(res).toMatchObject({ ok: false, error: 'not-found' });
    expect(await db.papers.count()).toBe(2);
  });
});

describe('deleteAll', () => {
  it('empties papers and sightings in one go and forgets cached states', async () => {
    const db = freshDb();
    const h = handlers(db);
    await record(h, 'v1', [paper(arxiv(1)), paper(arxiv(2))]);
    await record(h, 'v2', [paper(arxiv(1))], 'https://example.org/two');
    const look = async () => {
      const r = await call(h, 'lookup', { papers: [{ id: arxiv(1), aliases: [], title: 'q' }] });
      return r.ok ? r.states[arxiv(1)]!.state : r.message;
    };
    expect(await look()).toBe('seen');
    expect(await call(h, 'deleteAll', { confirm: true })).toEqual({
      ok: true,
      papers: 2,
      sightings: 3,
    });
    expect(await db.papers.count()).toBe(0);
    expect((await allSightings(db)).length).toBe(0);
    expect(await look()).toBe('new');
  });

  it('needs confirm: true', async () => {
    const db = freshDb();
    const h = handlers(db);
    await record(h, 'v1', [paper(arxiv(1))]);
    for (const payload of [{}, { confirm: 'yes' }, { confirm: false }]) {
      const r = await call(h, 'deleteAll', payload);
      expect(r).toMatchObject({ ok: false, error: 'invalid' });
    }
    expect(await db.papers.count()).toBe(1);
  });
});

describe('planChunks', () => {
  it('keeps each chunk under the item and character bounds; rows before sightings', async () => {
    const big = 'x'.repeat(3000);
    const papers = Array.from({ length: 10 }, (_, i) => imported(arxiv(i), { abstract: big }));
    const parts = planChunks(foreign(papers), { papers: 4, sightings: 4, chars: 7000 });
    expect(parts.map((p) => p.papers!.length)).toEqual([2, 2, 2, 2, 2]);
    const db = freshDb();
    const h = handlers(db);
    await record(h, 'v1', [paper(arxiv(1)), paper(arxiv(2)), paper(arxiv(3))]);
    const file = await backupFile(db);
    const bparts = planChunks(file, { papers: 2, sightings: 2, chars: 1e6 });
    expect(bparts.map((p) => Object.keys(p)[0])).toEqual([
      'rows',
      'rows',
      'sightings',
      'sightings',
    ]);
    expect(bparts[0]!.rows!.every((r) => r.words.length === 0)).toBe(true);
  });
});
