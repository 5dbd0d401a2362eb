/** Validation of the import and delete-everything messages: strict shapes, bounded sizes. */
import { describe, expect, it } from 'vitest';
import type { ImportedPaper } from '../../utils/formats/types';
import { MAX_IMPORT_SIGHTINGS, validateRequest } from '../../utils/protocol-validate';
import { arxiv, paper } from './library-helpers';

function imported(id: string, extra: Partial<ImportedPaper> = {}): ImportedPaper {
  return { ...paper(id), source: 'import:csl-json', ...extra };
}

const sighting = {
  seq: 3,
  paperId: arxiv(1),
  pageUrl: 'https://arxiv.org/list/cs.CL/recent',
  site: 'arxiv',
  pageTitle: 'Recent',
  time: 1_700_000_000_000,
  how: 'listed',
  visit: 'abc',
};

const chunk = (extra: object) => ({ type: 'importChunk', importId: 'imp-1', seq: 0, ...extra });

function reason(message: unknown): string {
  const v = validateRequest(message);
  if (v.ok) throw new Error('accepted');
  return v.reason;
}

describe('import messages', () => {
  it('accepts well-formed messages and copies only known fields', () => {
    const full = imported(arxiv(1), {
      starred: true,
      tags: ['a', 'b'],
      note: 'n',
      firstSeen: 1,
      lastSeen: 2,
      seenCount: 3,
      year: 2020,
    });
    const v = validateRequest(chunk({ papers: [full] }));
    expect(v.ok && v.request).toEqual(chunk({ papers: [full] }));
    expect(validateRequest(chunk({ sightings: [sighting] }))).toMatchObject({ ok: true });
    expect(
      validateRequest(chunk({ sightings: [{ ...sighting, pageUrl: '', seq: undefined }] })).ok,
    ).toBe(true);
    expect(
      validateRequest(chunk({ rows: [{ id: arxiv(1), ids: [arxiv(1)], n: 1, x: null }] })).ok,
    ).toBe(true);
    expect(validateRequest({ type: 'importBegin', mode: 'replace', format: 'backup' }).ok).toBe(
      true,
    );
    expect(validateRequest({ type: 'importBegin', mode: 'merge', format: 'papermemory' }).ok).toBe(
      true,
    );
    expect(validateRequest({ type: 'importCommit', importId: 'a_b-1', chunks: 0 }).ok).toBe(true);
    expect(validateRequest({ type: 'importCancel', importId: 'x' }).ok).toBe(true);
    expect(validateRequest({ type: 'deleteAll', confirm: true }).ok).toBe(true);
  });

  it.each([
    [
      'replace with a foreign format',
      { type: 'importBegin', mode: 'replace', format: 'bibtex' },
      /only a Paperdex backup/,
    ],
    ['unknown mode', { type: 'importBegin', mode: 'append', format: 'bibtex' }, /mode is not/],
    [
      'unknown format',
      { type: 'importBegin', mode: 'merge', format: 'docx' },
      /format is not a known/,
    ],
    ['odd import id', chunk({ importId: '../x', papers: [] }), /importId has characters/],
    ['negative seq', chunk({ seq: -1, papers: [] }), /seq is not an integer/],
    ['no part', chunk({}), /exactly one of papers, rows, sightings/],
    ['two parts', chunk({ papers: [], sightings: [] }), /exactly one of/],
    [
      'a page source',
      chunk({ papers: [imported(arxiv(1), { source: 'arxiv' })] }),
      /not an import source/,
    ],
    [
      'starred as text',
      chunk({ papers: [{ ...imported(arxiv(1)), starred: 'yes' }] }),
      /starred is not a boolean/,
    ],
    [
      'a long note',
      chunk({ papers: [imported(arxiv(1), { note: 'x'.repeat(20_001) })] }),
      /note is longer/,
    ],
    [
      '51 tags',
      chunk({ papers: [imported(arxiv(1), { tags: Array.from({ length: 51 }, () => 't') })] }),
      /more than 50/,
    ],
    [
      'a fractional count',
      chunk({ papers: [imported(arxiv(1), { seenCount: 1.5 })] }),
      /seenCount is not an integer/,
    ],
    [
      'a date past 2200',
      chunk({ papers: [imported(arxiv(1), { firstSeen: 9e15 })] }),
      /firstSeen is not an integer/,
    ],
    [
      'an unknown paper field',
      chunk({ papers: [{ ...imported(arxiv(1)), words: [] }] }),
      /unknown field "words"/,
    ],
    [
      'a non-canonical id',
      chunk({ papers: [imported('arxiv:1706.03762v2')] }),
      /not a canonical id/,
    ],
    [
      'a sighting with a script URL',
      chunk({ sightings: [{ ...sighting, pageUrl: 'javascript:1' }] }),
      /not http/,
    ],
    [
      'a sighting of another kind',
      chunk({ sightings: [{ ...sighting, how: 'hovered' }] }),
      /how is not/,
    ],
    [
      'a sighting field too many',
      chunk({ sightings: [{ ...sighting, extra: 1 }] }),
      /unknown field "extra"/,
    ],
    [
      'too many sightings',
      chunk({ sightings: Array.from({ length: MAX_IMPORT_SIGHTINGS + 1 }, () => sighting) }),
      /more than 20000/,
    ],
    ['a row that is not an object', chunk({ rows: ['x'] }), /rows\[0\] is not an object/],
    ['a deeply nested row', chunk({ rows: [{ a: { b: { c: {} } } }] }), /nested too deeply/],
    ['an infinite number', chunk({ rows: [{ n: Infinity }] }), /not a finite number/],
    ['a __proto__ field', chunk({ rows: [JSON.parse('{"__proto__": {"x": 1}}')] }), /__proto__/],
    [
      'rows over the text budget',
      chunk({ rows: Array.from({ length: 5 }, () => ({ t: 'x'.repeat(4_000_000) })) }),
      /more than 16000000 characters/,
    ],
    ['commit without a count', { type: 'importCommit', importId: 'x' }, /chunks is not an integer/],
    ['deleteAll without confirm', { type: 'deleteAll' }, /confirm: true/],
    ['deleteAll with a truthy string', { type: 'deleteAll', confirm: 'true' }, /confirm: true/],
  ])('refuses %s', (_name, message, pattern) => {
    expect(reason(message)).toMatch(pattern);
  });
});
