import { describe, expect, it } from 'vitest';
import { fromBibtex, fromBibtexAsync, texEscape, toBibtex } from '../../utils/formats/bibtex';
import { citeKeys } from '../../utils/formats/common';
import { FILE_LIMITS, ImportError, type ImportedPaper } from '../../utils/formats/types';
import { LIMITS } from '../../utils/paper';
import {
  attention,
  atlas,
  bert,
  fixture,
  godel,
  library,
  maldacena,
  specials,
  stored,
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

describe('fromBibtex on a real-style library', () => {
  const { papers, errors } = fromBibtex(fixture('library.bib'));

  it('reads every entry without errors', () => {
    expect(errors).toEqual([]);
    expect(papers).toHaveLength(13);
    for (const p of papers) {
      expect(p.source).toBe('import:bibtex');
      expect(p.kind).toBe('listing');
    }
  });

  it("takes arXiv ids from eprint, Zotero's note line, Google Scholar's journal and DataCite DOIs", () => {
    expect(byId(papers, 'arxiv:1706.03762').title).toBe('Attention Is All You Need');
    const lora = byId(papers, 'arxiv:2106.09685');
    expect(lora.aliases).toEqual(['doi:10.48550/arxiv.2106.09685']);
    expect(lora.title).toBe('LoRA: Low-Rank Adaptation of Large Language Models');
    expect(lora.authors.slice(0, 2)).toEqual(['Edward J. Hu', 'Yelong Shen']);
    expect(lora.venue).toBe('arXiv');
    const atlasIn = byId(papers, 'arxiv:1207.7214');
    expect(atlasIn.aliases).toEqual(['doi:10.1016/j.physletb.2012.08.020']);
    expect(atlasIn.authors).toEqual(['ATLAS Collaboration']);
    expect(byId(papers, 'arxiv:1810.04805').venue).toBe('arXiv');
    const old = byId(papers, 'arxiv:hep-th/9711200');
    expect(old.aliases).toEqual(['doi:10.1023/a:1026654312961']);
    expect(old.title).toBe('The Large N limit of superconformal field theories and supergravity');
  });

  it('lower-cases DOIs and keeps pmid fields', () => {
    expect(byId(papers, 'doi:10.1007/bf01700692').year).toBe(1931);
    expect(byId(papers, 'doi:10.1162/neco.1997.9.8.1735').aliases).toEqual(['pmid:9377276']);
  });

  it('decodes LaTeX accents, escapes and macros', () => {
    const g = byId(papers, 'doi:10.1007/bf01700692');
    expect(g.title).toBe(
      'Über formal unentscheidbare Sätze der Principia Mathematica und verwandter Systeme I',
    );
    expect(g.authors).toEqual(['Kurt Gödel']);
    expect(g.venue).toBe('Monatshefte für Mathematik und Physik');
    expect(byId(papers, 'title:on the evolution of random graphs').authors).toEqual([
      'Paul Erdős',
      'Alfréd Rényi',
    ]);
    expect(byId(papers, 'doi:10.1007/bf01491891').authors).toEqual(['Erwin Schrödinger']);
    expect(byId(papers, 'doi:10.1137/050623280').title).toBe(
      'The $25,000,000,000 Eigenvector: The Linear Algebra behind Google',
    );
    expect(byId(papers, 'doi:10.1561/1500000011').venue).toBe(
      'Foundations and Trends® in Information Retrieval',
    );
    const t = byId(papers, 'title:visualizing data using t sne');
    expect(t.venue).toBe('Journal of Machine Learning Research');
    expect(t.authors).toEqual(['Laurens van der Maaten', 'Geoffrey Hinton']);
  });

  it('reads keywords as tags and annote as the note', () => {
    expect([...(byId(papers, 'doi:10.1137/050623280').tags ?? [])].sort()).toEqual([
      'PageRank',
      'linear algebra',
    ]);
    expect(byId(papers, 'arxiv:1207.7214').note).toBe(
      'Read for the journal club.\n\nThe combined significance is 5.9 sigma.',
    );
    expect(byId(papers, 'arxiv:1706.03762').note).toBeUndefined();
  });

  it('the async variant gives the same result', async () => {
    expect(await fromBibtexAsync(fixture('library.bib'))).toEqual({ papers, errors });
  });
});

describe('toBibtex', () => {
  it('writes arXiv papers as arXiv does: eprint, archivePrefix, primaryClass when known', () => {
    const bib = toBibtex([attention, maldacena]);
    expect(bib).toContain('@misc{vaswani2017attention,\n');
    expect(bib).toContain('\teprint = {1706.03762},\n\tarchivePrefix = {arXiv},\n');
    expect(bib).not.toMatch(/vaswani2017attention[^@]*primaryClass/);
    expect(bib).toContain('\tprimaryClass = {hep-th},');
    expect(bib).toContain('\tdoi = {10.48550/arxiv.1706.03762},');
    expect(bib).toContain('\turl = {https://arxiv.org/abs/1706.03762},');
    expect(bib).toContain('@article{maldacena1998large,');
  });

  it('chooses @article for journals and @inproceedings for proceedings', () => {
    expect(toBibtex([godel])).toMatch(
      /^@article\{godel1931uber,\n\ttitle = .*\n[\s\S]*\tjournal = \{Monatshefte/,
    );
    expect(toBibtex([bert])).toMatch(
      /^@inproceedings\{devlin2019bert,[\s\S]*\tbooktitle = \{Proceedings of the 2019/,
    );
  });

  it('escapes every TeX special character and keeps the title plain text', () => {
    expect(texEscape('\\{}%&$#_~^<>')).toBe(
      '\\textbackslash{}\\{\\}\\%\\&\\$\\#\\_\\textasciitilde{}\\textasciicircum{}\\textless{}\\textgreater{}',
    );
    expect(texEscape('a -- b `` c')).toBe('a -{}- b `{}` c');
    const bib = toBibtex([specials]);
    const title = /\ttitle = \{(.*)\},\n/.exec(bib)?.[1] ?? '';
    expect(title).toBe(
      'The \\$25,000,000,000 Eigenvector: 100\\% \\{Linear\\} Algebra \\& {Google\\_Rank} \\#1 \\textasciitilde{} \\textasciicircum{} \\textbackslash{}relax -{}- "quoted" `{}` \\textless{}script\\textgreater{}alert(1)\\textless{}/script\\textgreater{}',
    );
    // Braces balance, so the field cannot end early.
    let depth = 0;
    for (const c of title.replace(/\\[{}]/g, '')) depth += c === '{' ? 1 : c === '}' ? -1 : 0;
    expect(depth).toBe(0);
  });

  it('keeps Unicode as is and protects the case of acronyms', () => {
    const bib = toBibtex([godel, tsne]);
    expect(bib).toContain(
      'title = {Über formal unentscheidbare Sätze der Principia Mathematica und verwandter Systeme I}',
    );
    expect(bib).toContain('author = {Gödel, Kurt}');
    expect(bib).toContain('title = {Visualizing Data using {t-SNE}}');
    expect(bib).toContain('author = {van der Maaten, Laurens and Hinton, Geoffrey}');
  });

  it('writes organizations braced, suffixes in the third part', () => {
    expect(toBibtex([atlas])).toContain(
      'author = {{ATLAS Collaboration} and Smith, Jr., John and {Aristotle}}',
    );
  });

  it('writes the primary id as a URL when no field carries it (OpenReview)', () => {
    expect(toBibtex([vit])).toContain('url = {https://openreview.net/forum?id=YicbFdNTTy}');
  });

  it('writes tags as keywords and the note as annote (Zotero does the same)', () => {
    const bib = toBibtex([attention]);
    expect(bib).toContain('keywords = {transformers, to read},');
    expect(bib).toContain(
      'annote = {Read twice. \\\\\nSection 3.2 explains multi-head attention.\n\nCompare with LSTM.},',
    );
  });
});

describe('cite keys', () => {
  it('follow Zotero/Google Scholar: family name, year, first significant word', () => {
    expect(citeKeys([attention, godel, tsne, bert, atlas])).toEqual([
      'vaswani2017attention',
      'godel1931uber',
      'maaten2008visualizing',
      'devlin2019bert',
      'atlas2012observation',
    ]);
    expect(
      citeKeys([
        stored({
          id: 'title:on the dangers',
          title: 'On the Dangers of Stochastic Parrots',
          authors: ['Emily M. Bender'],
          year: 2021,
        }),
      ]),
    ).toEqual(['bender2021dangers']);
    expect(citeKeys([stored({ id: 'title:x', title: '', authors: [] })])).toEqual(['paper']);
  });

  it('are de-duplicated with a, b, … and never collide with a natural key', () => {
    const twin = (title: string) =>
      stored({
        id: `title:${title.toLowerCase()}`,
        title,
        authors: ['Ashish Vaswani'],
        year: 2017,
      });
    const keys = citeKeys([
      twin('Attention Is All You Need'),
      twin('Attention, again'),
      twin('Attention: the sequel'),
      stored({
        id: 'title:vaswani2017attentiona',
        title: 'Attention',
        authors: ['X Vaswani2017attentiona'],
      }),
      twin('Attention once more'),
    ]);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.slice(0, 3)).toEqual([
      'vaswani2017attention',
      'vaswani2017attentiona',
      'vaswani2017attentionb',
    ]);
    expect(keys[4]).toBe('vaswani2017attentionc');
    const bib = toBibtex([twin('Attention Is All You Need'), twin('Attention, again')]);
    expect(bib.match(/^@\w+\{[^,]+,/gm)).toEqual([
      '@misc{vaswani2017attention,',
      '@misc{vaswani2017attentiona,',
    ]);
  });
});

describe('BibTeX round trip', () => {
  it('toBibtex → fromBibtex keeps ids, titles, authors, years, tags and notes', () => {
    const { papers, errors } = fromBibtex(toBibtex(library));
    expect(errors).toEqual([]);
    expect(papers).toHaveLength(library.length);
    papers.forEach((p, i) => {
      const s = library[i]!;
      expect(p.id, s.id).toBe(s.id);
      expect(new Set([p.id, ...p.aliases]), s.id).toEqual(new Set(s.ids));
      expect(p.title).toBe(s.title);
      expect(p.authors).toEqual(s.authors);
      expect(p.year).toBe(s.year);
      expect([...(p.tags ?? [])].sort()).toEqual([...s.tags].sort());
      expect(p.note ?? '').toBe(s.note);
    });
  });
});

describe('fromBibtex on bad input', () => {
  it('refuses empty and blank files', () => {
    expect(importError(() => fromBibtex('')).message).toBe('The BibTeX file is empty.');
    expect(importError(() => fromBibtex(' \n\t\n')).message).toBe('The BibTeX file is empty.');
  });

  it('refuses files in another format', () => {
    expect(importError(() => fromBibtex(fixture('zotero-export.json'))).message).toMatch(
      /does not look like a BibTeX file/,
    );
    expect(importError(() => fromBibtex('@ not really\nplain text')).message).toMatch(
      /does not look like a BibTeX file/,
    );
  });

  it('skips a truncated last entry, naming its key and line, and keeps the rest', () => {
    const text = fixture('library.bib');
    const cut = text.slice(0, text.indexOf('pmid      = {9377276}'));
    const { papers, errors } = fromBibtex(cut);
    expect(papers).toHaveLength(12);
    expect(errors).toHaveLength(1);
    const line = text.slice(0, text.indexOf('@article{hochreiter1997long')).split('\n').length;
    expect(errors[0]).toMatchObject({ entry: 13, key: 'hochreiter1997long', line });
    expect(errors[0]!.message).toMatch(
      /^Entry 13 \("hochreiter1997long", line \d+\) was skipped: the BibTeX is broken there/,
    );
  });

  it('throws when the only entry is broken, naming the line', () => {
    const e = importError(() =>
      fromBibtex('% header\n\n@article{solo,\n  title = {Never closed,\n  year = 2020\n'),
    );
    expect(e.message).toMatch(
      /^No paper could be imported from this BibTeX file\. Entry 1 \("solo", line 3\)/,
    );
    expect(e.line).toBe(3);
  });

  it('reports entries that name no paper', () => {
    const { papers, errors } = fromBibtex(
      '@article{ok, title={Fine}}\n@misc{empty, year={2020}}\n',
    );
    expect(papers.map((p) => p.id)).toEqual(['title:fine']);
    expect(errors).toEqual([
      {
        entry: 2,
        key: 'empty',
        line: 2,
        message:
          'Entry 2 ("empty", line 2) was skipped: it has neither a title nor an identifier (DOI, arXiv id, URL).',
      },
    ]);
  });

  it('identifies a paper known only by a very long title by a bounded title key', () => {
    const { papers, errors } = fromBibtex(
      `@misc{ok, doi={10.1000/ok}}\n@misc{long, title={${'word '.repeat(80)}}}`,
    );
    expect(errors).toEqual([]);
    const long = papers[1]!;
    expect(long.id.startsWith('title:word word')).toBe(true);
    expect(long.id.length).toBeLessThanOrEqual(300);
  });

  it('keeps hostile markup as plain text and drops javascript: URLs', () => {
    const { papers } = fromBibtex(
      '@misc{x, title = {<script>alert("x")</script> and <img src=x onerror=alert(1)>}, url = {javascript:alert(1)}, howpublished = {\\url{javascript:alert(2)}}, abstract = {<b>bold</b> \\emph{emph}}}',
    );
    expect(papers[0]!.title).toBe('<script>alert("x")</script> and <img src=x onerror=alert(1)>');
    expect(papers[0]!.url).toBeUndefined();
    expect(papers[0]!.abstract).toBe('<b>bold</b> emph');
  });

  it('bounds every field', () => {
    const authors = Array.from({ length: 300 }, (_, i) => `Author${i}, A.`).join(' and ');
    const tags = Array.from({ length: 120 }, (_, i) => `tag${i}`).join(', ');
    const { papers } = fromBibtex(
      `@article{big, doi = {10.1000/big}, title = {${'long '.repeat(1000)}}, author = {${authors}}, keywords = {${tags}}, abstract = {${'x'.repeat(20_000)}}, journal = {${'j'.repeat(2000)}}}`,
    );
    const p = papers[0]!;
    expect(p.title.length).toBeLessThanOrEqual(LIMITS.title);
    expect(p.authors).toHaveLength(LIMITS.authors);
    expect(p.tags).toHaveLength(50);
    expect(p.abstract!.length).toBe(LIMITS.abstract);
    expect(p.venue!.length).toBe(LIMITS.venue);
  });

  it('turns a parser crash (absurd nesting) into an ImportError', () => {
    const e = importError(() =>
      fromBibtex(`@misc{deep, title = ${'{'.repeat(200_000)}x${'}'.repeat(200_000)}}`),
    );
    expect(e.message.length).toBeGreaterThan(10);
  });

  it('refuses files above the size limit with a clear message', () => {
    const huge = '@misc{a, title={x}}\n' + 'x'.repeat(FILE_LIMITS.importChars);
    expect(importError(() => fromBibtex(huge)).message).toMatch(
      /^The file is too large: 50\.0 MB of text, over the 50 MB limit for BibTeX\.$/,
    );
  });

  it('refuses more entries than one import takes, before parsing them', () => {
    const many = '@misc{k,title={t}}\n'.repeat(FILE_LIMITS.entries + 1);
    const t0 = Date.now();
    expect(importError(() => fromBibtex(many)).message).toMatch(/more than 200000 entries/);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});
