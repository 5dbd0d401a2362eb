/** Exports read from a library: scopes, formats, and a backup that is lossless and self-contained. */
import { describe, expect, it } from 'vitest';
import { createHandlers, type Handlers } from '../../utils/background/handlers';
import { parseBackup } from '../../utils/formats/backup';
import { fromBibtex } from '../../utils/formats/bibtex';
import { fromCslJson } from '../../utils/formats/csl-json';
import { fromRis } from '../../utils/formats/ris';
import type { PaperdexDb } from '../../utils/library/db';
import {
  type ExportFormat,
  exportLibrary,
  libraryTags,
  selectPapers,
} from '../../utils/library/export';
import { DEFAULT_SETTINGS, type Settings } from '../../utils/settings';
import { allSightings, arxiv, freshDb, PAGE, paper } from './library-helpers';

const NOW = new Date(Date.UTC(2026, 8, 14, 10));
const SETTINGS: Settings = {
  ...DEFAULT_SETTINGS,
  disabledSites: ['mail.example.org'],
  paused: true,
};

async function call(h: Handlers, type: string, payload: object): Promise<void> {
  const r = await h({ ...payload, type });
  if (!r.ok) throw new Error(r.message);
}

/** Four papers: one starred and tagged, one tagged in another case, a pair of possible twins. */
async function library(): Promise<PaperdexDb> {
  const db = freshDb();
  const h = createHandlers(db, { now: () => 1_700_000_000_000, warn: () => {} });
  const twin = 'A Specific Title Shared By Two Different Works';
  await call(h, 'recordPage', {
    page: PAGE,
    visit: 'v1',
    papers: [
      paper(arxiv(1), {
        title: 'Attention Is All You Need',
        authors: ['Ashish Vaswani'],
        year: 2017,
        aliases: ['doi:10.48550/arxiv.2401.10001'],
      }),
      paper(arxiv(2), { title: 'Second paper', authors: ['Jane Doe'], year: 2024 }),
      paper('doi:10.1000/a', { title: twin }),
      paper('doi:10.1000/b', { title: twin }),
    ],
  });
  await call(h, 'recordPage', {
    page: { url: 'https://example.org/two', title: 'Two' },
    visit: 'v2',
    papers: [paper(arxiv(2))],
  });
  await call(h, 'setStar', { id: arxiv(1), starred: true });
  await call(h, 'setTags', { id: arxiv(1), tags: ['Reading'] });
  await call(h, 'setTags', { id: arxiv(2), tags: ['reading', 'later'] });
  return db;
}

const ids = (l: Array<{ id: string }>) => l.map((p) => p.id);

describe('selectPapers', () => {
  it('selects everything, starred, one tag (any case), or a list in its order', async () => {
    const db = await library();
    expect(ids((await selectPapers(db, { kind: 'all' })).papers)).toEqual([
      arxiv(1),
      arxiv(2),
      'doi:10.1000/a',
      'doi:10.1000/b',
    ]);
    expect(ids((await selectPapers(db, { kind: 'starred' })).papers)).toEqual([arxiv(1)]);
    expect(ids((await selectPapers(db, { kind: 'tag', tag: 'READING' })).papers)).toEqual([
      arxiv(1),
      arxiv(2),
    ]);
    expect(ids((await selectPapers(db, { kind: 'tag', tag: 'later' })).papers)).toEqual([arxiv(2)]);
    // Any id of a paper names it; unknown ids and repeats are dropped; the list's order is kept.
    const chosen = await selectPapers(db, {
      kind: 'ids',
      ids: ['doi:10.1000/b', 'doi:10.48550/arxiv.2401.10001', arxiv(9), arxiv(1)],
    });
    expect(ids(chosen.papers)).toEqual(['doi:10.1000/b', arxiv(1)]);
    expect(chosen.sightings).toEqual([]);
    const withSightings = await selectPapers(db, { kind: 'ids', ids: [arxiv(2)] }, true);
    expect(withSightings.sightings.map((s) => s.visit)).toEqual(['v1', 'v2']);
  });

  it('lists the tags once each, ignoring case', async () => {
    expect(await libraryTags(await library())).toEqual(['later', 'Reading']);
  });
});

describe('exportLibrary', () => {
  it('writes a backup that restores exactly: rows, sightings, settings', async () => {
    const db = await library();
    const file = await exportLibrary(db, {
      scope: { kind: 'all' },
      format: 'backup',
      settings: SETTINGS,
      now: NOW,
    });
    expect(file).toMatchObject({
      filename: 'paperdex-backup-2026-09-14.json',
      mime: 'application/json',
      papers: 4,
      sightings: 5,
    });
    const b = parseBackup(file.text);
    expect(b.papers).toEqual(await db.papers.toArray());
    expect(b.sightings).toEqual(await allSightings(db));
    expect(b.settings).toEqual(SETTINGS);
    expect(b.exportedAt).toBe(NOW.toISOString());
  });

  it('keeps a partial backup self-contained: no possible-duplicate link to a paper left out', async () => {
    const db = await library();
    expect((await db.papers.get('doi:10.1000/a'))!.possible).toEqual(['doi:10.1000/b']);
    const file = await exportLibrary(db, {
      scope: { kind: 'ids', ids: ['doi:10.1000/a', arxiv(2)] },
      format: 'backup',
      settings: SETTINGS,
      now: NOW,
    });
    expect(file.filename).toBe('paperdex-backup-selection-2026-09-14.json');
    const b = parseBackup(file.text);
    expect(ids(b.papers)).toEqual(['doi:10.1000/a', arxiv(2)]);
    expect(b.papers[0]!.possible).toEqual([]);
    expect(b.sightings.map((s) => s.paperId).sort()).toEqual([arxiv(2), arxiv(2), 'doi:10.1000/a']);
    // The library itself is untouched.
    expect((await db.papers.get('doi:10.1000/a'))!.possible).toEqual(['doi:10.1000/b']);
  });

  it.each<[ExportFormat, string, (text: string) => number]>([
    ['bibtex', 'paperdex-tag-reading-2026-09-14.bib', (t) => fromBibtex(t).papers.length],
    ['csl-json', 'paperdex-tag-reading-2026-09-14.csl.json', (t) => fromCslJson(t).papers.length],
    ['ris', 'paperdex-tag-reading-2026-09-14.ris', (t) => fromRis(t).papers.length],
    ['csv', 'paperdex-tag-reading-2026-09-14.csv', (t) => t.trim().split('\n').length - 1],
  ])('writes %s of one tag that reads back', async (format, filename, count) => {
    const db = await library();
    const file = await exportLibrary(db, {
      scope: { kind: 'tag', tag: 'Reading' },
      format,
      settings: SETTINGS,
      now: NOW,
    });
    expect(file.filename).toBe(filename);
    expect(file.papers).toBe(2);
    expect(file.sightings).toBe(0);
    expect(count(file.text)).toBe(2);
    expect(file.text).toContain('Attention Is All You Need');
    expect(file.text).not.toContain('mail.example.org');
  });

  it('writes the starred papers only', async () => {
    const db = await library();
    const file = await exportLibrary(db, {
      scope: { kind: 'starred' },
      format: 'bibtex',
      settings: SETTINGS,
      now: NOW,
    });
    expect(file.filename).toBe('paperdex-starred-2026-09-14.bib');
    expect(fromBibtex(file.text).papers.map((p) => p.id)).toEqual([arxiv(1)]);
  });
});
