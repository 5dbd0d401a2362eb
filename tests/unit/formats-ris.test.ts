import { describe, expect, it } from 'vitest';
import { fromRis, toRis } from '../../utils/formats/ris';
import { FILE_LIMITS, ImportError, type ImportedPaper } from '../../utils/formats/types';
import { attention, atlas, deepLearning, fixture, library, vit } from './formats-samples';

function byId(papers: ImportedPaper[], id: string): ImportedPaper {
  const p = papers.find((x) => x.id === id);
  if (!p) throw new Error(`no paper ${id} among ${papers.map((x) => x.id).join(', ')}`);
  return p;
}

function importError(f: () => unknown): ImportError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  }
  throw new Error('expected an ImportError');
}

describe('fromRis on real-style exports', () => {
  const { papers, errors } = fromRis(fixture('export.ris'));

  it('reads every record', () => {
    expect(errors).toEqual([]);
    expect(papers.map((p) => p.id)).toEqual([
      'doi:10.1038/nature14539',
      'arxiv:2106.09685',
      'doi:10.1109/cvpr.2016.90',
      'doi:10.1162/neco.1997.9.8.1735',
    ]);
    for (const p of papers) expect(p.source).toBe('import:ris');
  });

  it("reads Nature's record", () => {
    const p = byId(papers, 'doi:10.1038/nature14539');
    expect(p).toMatchObject({
      title: 'Deep learning',
      year: 2015,
      venue: 'Nature',
      url: 'https://doi.org/10.1038/nature14539',
    });
    expect(p.authors).toEqual(['Yann LeCun', 'Yoshua Bengio', 'Geoffrey Hinton']);
  });

  it("reads Zotero's preprint: arXiv id, wrapped abstract, keywords; the id line is not a note", () => {
    const p = byId(papers, 'arxiv:2106.09685');
    expect(p.aliases).toEqual(['doi:10.48550/arxiv.2106.09685']);
    expect(p.title).toBe('LoRA: Low-Rank Adaptation of Large Language Models');
    expect(p.authors).toHaveLength(8);
    expect(p.venue).toBe('arXiv');
    expect(p.abstract).toMatch(/particular tasks or domains\.\nAs we pre-train larger models/);
    expect(p.tags).toEqual([
      'Computer Science - Computation and Language',
      'Computer Science - Machine Learning',
    ]);
    expect(p.note).toBeUndefined();
  });

  it("reads IEEE's conference record and the old tags (T1, A1, Y1, JF, N2, AN + DB PubMed)", () => {
    const c = byId(papers, 'doi:10.1109/cvpr.2016.90');
    expect(c.authors).toEqual(['K. He', 'X. Zhang', 'S. Ren', 'J. Sun']);
    expect(c.year).toBe(2016);
    const l = byId(papers, 'doi:10.1162/neco.1997.9.8.1735');
    expect(l).toMatchObject({
      title: 'Long short-term memory',
      year: 1997,
      venue: 'Neural Computation',
      aliases: ['pmid:9377276'],
    });
    expect(l.authors).toEqual(['S. Hochreiter', 'J. Schmidhuber']);
    expect(l.abstract).toMatch(/^Learning to store information/);
  });
});

describe('toRis', () => {
  it('writes tagged lines with CRLF and ER after every record', () => {
    const ris = toRis([attention, deepLearning]);
    const lines = ris.split('\r\n');
    expect(lines[0]).toBe('TY  - UNPB');
    expect(lines).toContain('ID  - vaswani2017attention');
    expect(lines).toContain('AU  - Vaswani, Ashish');
    expect(lines).toContain('AN  - arXiv:1706.03762');
    expect(lines).toContain('PY  - 2017');
    expect(lines).toContain('L1  - https://arxiv.org/pdf/1706.03762');
    expect(lines).toContain('KW  - to read');
    expect(lines.filter((l) => l === 'ER  - ')).toHaveLength(2);
    expect(lines).toContain('TY  - JOUR');
    expect(lines).toContain('T2  - Nature');
    expect(lines).toContain('N1  - PMID: 26017442');
    expect(ris.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('keeps every value on one line, so a note cannot forge a tag', () => {
    const ris = toRis([{ ...attention, note: 'first\nER  - \nTY  - JOUR\nTI  - forged' }]);
    expect(ris).toContain('N1  - first ER - TY - JOUR TI - forged');
    expect(fromRis(ris).papers).toHaveLength(1);
  });

  it('writes organizations whole and suffixes third', () => {
    const ris = toRis([atlas]);
    expect(ris).toContain(
      'AU  - ATLAS Collaboration\r\nAU  - Smith, John, Jr.\r\nAU  - Aristotle\r\n',
    );
  });
});

describe('RIS round trip', () => {
  it('toRis → fromRis keeps ids, titles, authors, years and tags', () => {
    const { papers, errors } = fromRis(toRis(library));
    expect(errors).toEqual([]);
    expect(papers).toHaveLength(library.length);
    papers.forEach((p, i) => {
      const s = library[i]!;
      expect(p.id, s.id).toBe(s.id);
      expect(new Set([p.id, ...p.aliases]), s.id).toEqual(new Set(s.ids));
      expect(p.title).toBe(s.title);
      expect(p.authors).toEqual(s.authors);
      expect(p.year).toBe(s.year);
      expect(p.tags ?? []).toEqual(s.tags);
    });
    // RIS holds one line per value: a note's line breaks become spaces.
    expect(byId(papers, attention.id).note).toBe(attention.note.replace(/\s+/g, ' '));
    expect(byId(papers, vit.id).url).toBe('https://openreview.net/forum?id=YicbFdNTTy');
  });
});

describe('fromRis on bad input', () => {
  it('refuses empty files and other formats', () => {
    expect(importError(() => fromRis('')).message).toBe('The RIS file is empty.');
    expect(importError(() => fromRis(fixture('library.bib'))).message).toMatch(
      /does not look like an RIS file/,
    );
  });

  it('skips a record cut off by the end of the file, naming it', () => {
    const text = fixture('export.ris');
    const cut = text.slice(0, text.lastIndexOf('DO  - 10.1162'));
    const { papers, errors } = fromRis(cut);
    expect(papers).toHaveLength(3);
    expect(errors).toEqual([
      {
        entry: 4,
        line: 68,
        message:
          'Entry 4 (line 68) was skipped: it does not end with an "ER  - " line, so the file looks truncated.',
      },
    ]);
    expect(cut.split(/\r\n/)[67]).toBe('TY  - JOUR');
  });

  it('throws when no record is complete', () => {
    const e = importError(() => fromRis('TY  - JOUR\r\nTI  - Only a start\r\n'));
    expect(e.message).toMatch(
      /^No paper could be imported from this RIS file\. Entry 1 \(line 1\)/,
    );
    expect(e.line).toBe(1);
  });

  it('names records without a title or id', () => {
    const { errors } = fromRis(
      'TY  - JOUR\nTI  - Fine\nER  - \nTY  - JOUR\nID  - nothing\nPY  - 2020\nER  - \n',
    );
    expect(errors.map((e) => e.message)).toEqual([
      'Entry 2 ("nothing", line 4) was skipped: it has neither a title nor an identifier (DOI, arXiv id, URL).',
    ]);
  });

  it('keeps hostile text as text and drops javascript: URLs', () => {
    const { papers } = fromRis(
      'TY  - JOUR\nTI  - <script>alert(1)</script>\nUR  - javascript:alert(1)\nL1  - data:text/html,x\nER  - \n',
    );
    expect(papers[0]).toMatchObject({ title: '<script>alert(1)</script>' });
    expect(papers[0]!.url).toBeUndefined();
    expect(papers[0]!.pdfUrl).toBeUndefined();
  });

  it('refuses too many records and too much text', () => {
    const many = 'TY  - JOUR\nTI  - x\nER  - \n'.repeat(FILE_LIMITS.entries + 1);
    expect(importError(() => fromRis(many)).message).toMatch(/more than 200000 entries/);
    expect(
      importError(() => fromRis('TY  - JOUR\n' + ' '.repeat(FILE_LIMITS.importChars))).message,
    ).toMatch(/too large/);
  });
});
