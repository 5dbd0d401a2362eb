import { describe, expect, it } from 'vitest';
import { fromCslJson, toCslItems, toCslJson } from '../../utils/formats/csl-json';
import { ImportError, type ImportedPaper } from '../../utils/formats/types';
import {
  attention,
  atlas,
  bert,
  deepLearning,
  fixture,
  godel,
  library,
  tsne,
  vit,
} from './formats-samples';

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

describe('fromCslJson on a Zotero export', () => {
  const { papers, errors } = fromCslJson(fixture('zotero-export.json'));

  it('reads every item', () => {
    expect(errors).toEqual([]);
    expect(papers.map((p) => p.id)).toEqual([
      'arxiv:1706.03762',
      'arxiv:2106.09685',
      'doi:10.1038/nature14539',
      'doi:10.1007/bf01700692',
      'doi:10.18653/v1/n19-1423',
      'title:visualizing data using t sne',
      'arxiv:1207.7214',
      'doi:10.1126/science.277.5331.1453',
    ]);
    for (const p of papers) expect(p.source).toBe('import:csl-json');
  });

  it('finds arXiv ids in number, note (Extra) and DataCite DOIs', () => {
    const a = byId(papers, 'arxiv:1706.03762');
    expect(a.aliases).toEqual(['doi:10.48550/arxiv.1706.03762']);
    expect(a.year).toBe(2023);
    expect(a.venue).toBe('arXiv');
    expect(a.authors.slice(0, 3)).toEqual(['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar']);
    expect(byId(papers, 'arxiv:2106.09685').year).toBe(2021);
    expect(byId(papers, 'arxiv:1207.7214').aliases).toEqual(['doi:10.1016/j.physletb.2012.08.020']);
  });

  it('reads PMIDs from Extra, particles, literal names, string date parts, markup', () => {
    expect(byId(papers, 'doi:10.1038/nature14539').aliases).toEqual(['pmid:26017442']);
    expect(byId(papers, 'doi:10.1126/science.277.5331.1453').aliases).toEqual(['pmid:9278503']);
    expect(byId(papers, 'title:visualizing data using t sne').authors).toEqual([
      'Laurens van der Maaten',
      'Geoffrey Hinton',
    ]);
    expect(byId(papers, 'arxiv:1207.7214').authors).toEqual(['ATLAS Collaboration']);
    const g = byId(papers, 'doi:10.1007/bf01700692');
    expect(g.year).toBe(1931);
    expect(g.authors).toEqual(['Kurt Gödel']);
    expect(g.title).toBe(
      'Über formal unentscheidbare Sätze der Principia Mathematica und verwandter Systeme I',
    );
    expect(byId(papers, 'doi:10.1126/science.277.5331.1453').title).toBe(
      'The Complete Genome Sequence of Escherichia coli K-12',
    );
  });

  it('takes ACL ids from the URL and the venue from container-title', () => {
    const b = byId(papers, 'doi:10.18653/v1/n19-1423');
    expect(b.aliases).toEqual(['acl:N19-1423']);
    expect(b.venue).toMatch(/^Proceedings of the 2019 Conference of the North American Chapter/);
  });
});

describe('toCslJson', () => {
  it('writes what Zotero reads: types, split names, date-parts, DOI, arXiv in note', () => {
    const [a, g, b] = toCslItems([attention, godel, bert]);
    expect(a).toEqual({
      id: 'vaswani2017attention',
      type: 'article',
      title: 'Attention Is All You Need',
      author: expect.arrayContaining([
        { family: 'Vaswani', given: 'Ashish' },
        { family: 'Gomez', given: 'Aidan N.' },
      ]),
      issued: { 'date-parts': [[2017]] },
      publisher: 'arXiv',
      number: 'arXiv:1706.03762',
      DOI: '10.48550/arxiv.1706.03762',
      URL: 'https://arxiv.org/abs/1706.03762',
      abstract: attention.abstract,
      note: 'arXiv: 1706.03762',
      keyword: 'transformers, to read',
      annote: attention.note,
    });
    expect(g).toMatchObject({
      type: 'article-journal',
      'container-title': 'Monatshefte für Mathematik und Physik',
    });
    expect(g!.author).toEqual([{ family: 'Gödel', given: 'Kurt' }]);
    expect(b).toMatchObject({
      type: 'paper-conference',
      DOI: '10.18653/v1/n19-1423',
      URL: 'https://aclanthology.org/N19-1423/',
    });
  });

  it('uses literal names for organizations and mononyms, suffix for Jr.', () => {
    expect(toCslItems([atlas])[0]!.author).toEqual([
      { literal: 'ATLAS Collaboration' },
      { family: 'Smith', given: 'John', suffix: 'Jr.' },
      { literal: 'Aristotle' },
    ]);
    expect(toCslItems([tsne])[0]!.author![0]).toEqual({
      family: 'van der Maaten',
      given: 'Laurens',
    });
  });

  it('writes PMIDs and ids without a field as URLs', () => {
    expect(toCslItems([deepLearning])[0]).toMatchObject({
      PMID: '26017442',
      DOI: '10.1038/nature14539',
    });
    expect(toCslItems([vit])[0]!.URL).toBe('https://openreview.net/forum?id=YicbFdNTTy');
  });

  it('is valid JSON, an array', () => {
    const parsed: unknown = JSON.parse(toCslJson(library));
    expect(Array.isArray(parsed)).toBe(true);
  });
});

describe('CSL-JSON round trip', () => {
  it('toCslJson → fromCslJson keeps ids, titles, authors, years, tags and notes', () => {
    const { papers, errors } = fromCslJson(toCslJson(library));
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
      expect(p.note ?? '').toBe(s.note);
    });
  });
});

describe('fromCslJson on bad input', () => {
  it('refuses empty, truncated and non-CSL JSON', () => {
    expect(importError(() => fromCslJson('')).message).toBe('The CSL-JSON file is empty.');
    const text = fixture('zotero-export.json');
    const cut = importError(() => fromCslJson(text.slice(0, 2000)));
    expect(cut.message).toMatch(/^The CSL-JSON file is not valid JSON.*looks truncated/);
    expect(importError(() => fromCslJson('{"hello": 1}')).message).toMatch(/not CSL-JSON/);
    expect(importError(() => fromCslJson('@article{x, title={y}}')).message).toBe(
      'The CSL-JSON file is not JSON: it should start with "[" or "{", not "@".',
    );
    expect(importError(() => fromCslJson('[]')).message).toBe(
      'The CSL-JSON file holds no entries.',
    );
  });

  it('names the line where the JSON breaks', () => {
    const e = importError(() => fromCslJson('[\n  {"title": "a"},\n  {"title": "b",,}\n]'));
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/line 3/);
  });

  it('skips items that are not objects or name no paper, naming them', () => {
    const { papers, errors } = fromCslJson(
      JSON.stringify([{ id: 'ok', title: 'Fine paper' }, 42, { id: 'empty', type: 'book' }, null]),
    );
    expect(papers.map((p) => p.title)).toEqual(['Fine paper']);
    expect(errors.map((e) => e.message)).toEqual([
      'Entry 2 was skipped: it is not a CSL item (an object).',
      'Entry 3 ("empty") was skipped: it has neither a title nor an identifier (DOI, arXiv id, URL).',
      'Entry 4 was skipped: it is not a CSL item (an object).',
    ]);
  });

  it('keeps hostile titles as text, drops javascript: URLs, ignores wrong types', () => {
    const { papers } = fromCslJson(
      JSON.stringify([
        {
          title: '<script>alert(1)</script><i>x</i>',
          URL: 'javascript:alert(1)',
          author: [{ family: { evil: 1 }, given: 'A' }, 'Plain Name', 7],
          issued: { 'date-parts': 'nope' },
          DOI: ['10.1/x'],
          __proto__: { polluted: true },
        },
      ]),
    );
    const p = papers[0]!;
    expect(p.title).toBe('<script>alert(1)</script>x');
    expect(p.url).toBeUndefined();
    expect(p.authors).toEqual(['A', 'Plain Name']);
    expect(p.year).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts a single item and {items: […]}', () => {
    expect(fromCslJson('{"type": "article", "title": "Solo"}').papers[0]!.id).toBe('title:solo');
    expect(fromCslJson('{"items": [{"DOI": "10.1000/ABC"}]}').papers[0]!.id).toBe(
      'doi:10.1000/abc',
    );
  });
});
