import { describe, expect, it } from 'vitest';
import { type BackupData, parseBackup, toBackup } from '../../utils/formats/backup';
import { ImportError } from '../../utils/formats/types';
import type { Sighting } from '../../utils/library/db';
import { LIMITS } from '../../utils/paper';
import { DEFAULT_SETTINGS } from '../../utils/settings';
import { fixture, library } from './formats-samples';

const sightings: Sighting[] = library.flatMap((p, i) => [
  {
    seq: 2 * i + 1,
    paperId: p.id,
    pageUrl: 'https://arxiv.org/list/cs.CL/recent',
    site: 'arxiv',
    pageTitle: 'Computation and Language — recent',
    time: p.firstSeen,
    how: 'listed' as const,
    visit: `v-${i}`,
  },
  {
    seq: 2 * i + 2,
    paperId: p.id,
    pageUrl: p.url ?? 'https://example.org/',
    site: p.sources[0]!,
    pageTitle: p.title,
    time: p.lastSeen,
    how: 'opened' as const,
    visit: `w-${i}`,
  },
]);

const data: BackupData = {
  papers: library,
  sightings,
  settings: {
    ...DEFAULT_SETTINGS,
    disabledSites: ['mail.google.com', 'example.org'],
    paused: true,
  },
};

const NOW = new Date('2024-05-01T08:00:00.000Z');

type Row = Record<string, unknown>;
type RawBackup = Row & { papers: Row[]; sightings: Row[]; settings: Row };

/** A backup with one thing changed, to check that exactly that thing is refused. */
function altered(change: (b: RawBackup) => void): string {
  const b = JSON.parse(toBackup(data, NOW)) as RawBackup;
  change(b);
  return JSON.stringify(b);
}

function refusal(text: string): string {
  try {
    parseBackup(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return (e as Error).message;
  }
  throw new Error('expected the backup to be refused');
}

describe('backup round trip', () => {
  it('toBackup → parseBackup gives back exactly what was exported', () => {
    const text = toBackup(data, NOW);
    const back = parseBackup(text);
    expect(back.format).toBe('paperdex-backup');
    expect(back.version).toBe(1);
    expect(back.exportedAt).toBe('2024-05-01T08:00:00.000Z');
    expect(back.papers).toStrictEqual(data.papers);
    expect(back.sightings).toStrictEqual(data.sightings);
    expect(back.settings).toStrictEqual(data.settings);
    // Stable: exporting the restored data gives the same file.
    expect(toBackup(back, NOW)).toBe(text);
  });

  it('writes "format" first so a reader can tell a backup by its first bytes', () => {
    expect(toBackup(data, NOW).startsWith('{"format":"paperdex-backup","version":1,')).toBe(true);
  });

  it('restores an empty library', () => {
    const empty = { papers: [], sightings: [], settings: DEFAULT_SETTINGS };
    expect(parseBackup(toBackup(empty, NOW))).toMatchObject(empty);
  });
});

describe('parseBackup refuses, naming what is wrong', () => {
  it('empty, not JSON, truncated, or another file', () => {
    expect(refusal('')).toBe('The Paperdex backup file is empty.');
    expect(refusal('hello')).toBe(
      'The Paperdex backup file is not JSON: it should start with "[" or "{", not "h".',
    );
    const text = toBackup(data, NOW);
    expect(refusal(text.slice(0, text.length / 2))).toMatch(
      /^The Paperdex backup file is not valid JSON.*looks truncated/,
    );
    expect(refusal(fixture('zotero-export.json'))).toBe(
      'This is not a Paperdex backup: it lacks "format": "paperdex-backup".',
    );
  });

  it('versions it does not know', () => {
    expect(refusal(altered((b) => (b.version = 2)))).toBe(
      'This backup was made by a newer Paperdex (backup version 2; this one reads version 1). Update Paperdex, then restore it.',
    );
    expect(refusal(altered((b) => (b.version = '1')))).toBe(
      'This backup cannot be restored: its "version" is "1", not a backup version.',
    );
  });

  it('unknown or missing fields anywhere', () => {
    expect(refusal(altered((b) => (b.extra = 1)))).toBe(
      'This backup cannot be restored: the file has an unknown field "extra".',
    );
    expect(refusal(altered((b) => delete b.papers[1]!.title))).toBe(
      'This backup cannot be restored: paper 2 (doi:10.1007/bf01700692) lacks the field "title".',
    );
    expect(refusal(altered((b) => (b.papers[0]!.isAdmin = true)))).toBe(
      'This backup cannot be restored: paper 1 (arxiv:1706.03762) has an unknown field "isAdmin".',
    );
    expect(refusal(altered((b) => delete b.settings.paused))).toBe(
      'This backup cannot be restored: the settings lacks the field "paused".',
    );
    expect(
      refusal(toBackup(data, NOW).replace('"papers":[{', '"papers":[{"__proto__":{"x":1},')),
    ).toBe(
      'This backup cannot be restored: paper 1 (arxiv:1706.03762) has an unknown field "__proto__".',
    );
  });

  it('wrong types and values out of bounds', () => {
    const cases: Array<[(b: RawBackup) => void, string]> = [
      [
        (b) => (b.papers[0]!.year = '2017'),
        'paper 1 (arxiv:1706.03762).year is "2017", not a whole number',
      ],
      [
        (b) => (b.papers[0]!.starred = true),
        'paper 1 (arxiv:1706.03762).starred is true, not one of 0, 1',
      ],
      [
        (b) => (b.papers[0]!.state = 'deleted'),
        'paper 1 (arxiv:1706.03762).state is "deleted", not one of "seen", "opened"',
      ],
      [
        (b) => (b.papers[0]!.title = 'x'.repeat(LIMITS.title + 1)),
        'paper 1 (arxiv:1706.03762).title is longer than 1000 characters',
      ],
      [
        (b) => (b.papers[0]!.authors = 'Ashish Vaswani'),
        'paper 1 (arxiv:1706.03762).authors is not a list',
      ],
      [
        (b) => (b.papers[0]!.tags = Array.from({ length: 51 }, (_, i) => `t${i}`)),
        'paper 1 (arxiv:1706.03762).tags has 51 items, more than 50',
      ],
      [(b) => (b.papers[0]!.tags = ['ok', '  ']), 'paper 1 (arxiv:1706.03762).tags[1] is empty'],
      [
        (b) => (b.papers[0]!.seenCount = -1),
        'paper 1 (arxiv:1706.03762).seenCount is -1, outside 0..1000000000',
      ],
      [
        (b) => (b.papers[0]!.firstSeen = 1.5),
        'paper 1 (arxiv:1706.03762).firstSeen is 1.5, not a whole number',
      ],
      [(b) => (b.papers[0]!.note = null), 'paper 1 (arxiv:1706.03762).note is null, not text'],
      [
        (b) => (b.papers[0]!.url = 'javascript:alert(1)'),
        'paper 1 (arxiv:1706.03762).url is "javascript:alert(1)", not an http(s) URL',
      ],
      [
        (b) => (b.papers[0]!.firstPageUrl = 'not a url'),
        'paper 1 (arxiv:1706.03762).firstPageUrl is "not a url", not a URL',
      ],
      [
        (b) => (b.papers[0]!.ids = ['arxiv:1706.03762', 'arxiv:1706.03762v2']),
        'paper 1 (arxiv:1706.03762).ids[1] is "arxiv:1706.03762v2", not an id in Paperdex\'s scheme (arxiv:…, doi:…, title:…)',
      ],
      [
        (b) => (b.papers[0]!.ids = ['arxiv:1706.03762', 'arxiv:1706.03762']),
        'paper 1 (arxiv:1706.03762).ids[1] repeats "arxiv:1706.03762"',
      ],
      [
        (b) => (b.papers[0]!.ids = ['doi:10.1000/other']),
        'paper 1 (arxiv:1706.03762) does not list its own id in "ids"',
      ],
      [
        (b) => (b.papers[1]!.id = 'arxiv:1706.03762'),
        'paper 2 (arxiv:1706.03762) does not list its own id in "ids"',
      ],
      [
        (b) => (b.papers[1]!.ids = ['doi:10.1007/bf01700692', 'doi:10.48550/arxiv.1706.03762']),
        'paper 2 (doi:10.1007/bf01700692) claims the id "doi:10.48550/arxiv.1706.03762" that paper 1 has',
      ],
      [(b) => ((b as Row).papers = {}), '"papers" is not a list'],
      [
        (b) => (b.sightings[0]!.paperId = 'doi:10.1000/nobody'),
        'sighting 1 belongs to "doi:10.1000/nobody", which no paper in the backup has',
      ],
      [
        (b) => (b.sightings[0]!.how = 'clicked'),
        'sighting 1.how is "clicked", not one of "listed", "opened"',
      ],
      [(b) => (b.sightings[1]!.seq = 1), 'sighting 2 repeats the sequence number 1'],
      [
        (b) => (b.sightings[2]!.visit = 'v'.repeat(65)),
        'sighting 3.visit is longer than 64 characters',
      ],
      [
        (b) => (b.settings.disabledSites = ['https://Example.org/x']),
        'the settings.disabledSites[0] is "https://Example.org/x", not a host name such as example.org',
      ],
      [(b) => (b.settings.highlight = 'yes'), 'the settings.highlight is "yes", not true or false'],
      [(b) => (b.exportedAt = 'yesterday'), '"exportedAt" is "yesterday", not a date'],
    ];
    for (const [change, message] of cases) {
      expect(refusal(altered(change))).toBe(`This backup cannot be restored: ${message}.`);
    }
  });

  it('a duplicate primary id', () => {
    expect(refusal(altered((b) => b.papers.push(b.papers[0]!)))).toBe(
      `This backup cannot be restored: paper ${library.length + 1} (arxiv:1706.03762) repeats the id of paper 1.`,
    );
  });
});
