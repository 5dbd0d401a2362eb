/** DBLP: reconstructed person, table-of-contents and search pages, and a record page. */
import { describe, expect, it } from 'vitest';
import { detectPapers, SITE_ADAPTERS } from '../../utils/detect/index';
import { dblp } from '../../utils/detect/sites/dblp';
import { fromHtml, loadPage } from './helpers/page';

const DIR = 'reconstructed/dblp';

function run(file: string, url: string) {
  const { doc, url: u } = loadPage(`${DIR}/${file}`, url);
  return { kind: dblp.detect(doc, u), papers: dblp.extract(doc, u), doc, u };
}

describe('dblp: URL claims', () => {
  it('claims its test URLs, and no other site adapter does', () => {
    for (const t of dblp.testUrls) {
      const u = new URL(t);
      expect(
        SITE_ADAPTERS.filter((a) => a.matches(u)).map((a) => a.id),
        t,
      ).toEqual(['dblp']);
    }
  });
  it('leaves alone indexes, exports and other hosts', () => {
    for (const t of [
      'https://dblp.org/',
      'https://dblp.org/db/conf/acl/index.html',
      'https://dblp.org/pid/37/3374.xml',
      'https://dblp.org/rec/conf/nips/VaswaniSPUJGKP17.bib',
      'https://dblp.org/faq/',
      'https://notdblp.org/pid/37/3374.html',
    ])
      expect(dblp.matches(new URL(t)), t).toBe(false);
  });
});

describe('dblp: person page', () => {
  it('reads entries with dblp keys, ee ids, authors and years (from li.year when the entry has none)', () => {
    const { kind, papers } = run('person_uszkoreit.html', 'https://dblp.org/pid/37/3374.html');
    expect(kind).toBe('listing');
    expect(papers.map((p) => [p.id, ...p.aliases])).toEqual([
      ['openreview:YicbFdNTTy', 'dblp:conf/iclr/DosovitskiyB0WZU21'],
      ['arxiv:2010.11929', 'dblp:journals/corr/abs-2010-11929'],
      ['acl:W18-1819', 'dblp:conf/amta/VaswaniBBCGGJKK18'],
      ['dblp:conf/nips/VaswaniSPUJGKP17'],
      ['arxiv:1706.03762', 'doi:10.48550/arxiv.1706.03762', 'dblp:journals/corr/VaswaniSPUJGKP17'],
      ['doi:10.18653/v1/d16-1244', 'acl:D16-1244', 'dblp:conf/emnlp/ParikhT0U16'],
    ]);
    expect(papers[1]!.year).toBe(2020);
    expect(papers[3]).toMatchObject({
      title: 'Attention is All you Need',
      year: 2017,
      venue: 'NIPS',
      url: 'https://proceedings.neurips.cc/paper/2017/hash/3f5ee243547dee91fbd053c1c4a845aa-Abstract.html',
    });
    expect(papers[3]!.authors).toHaveLength(8);
    expect(papers[3]!.authors[3]).toBe('Jakob Uszkoreit');
    // Homonym numbers are dblp's, not part of the name.
    expect(papers[5]!.authors).toEqual([
      'Ankur P. Parikh',
      'Oscar Täckström',
      'Dipanjan Das',
      'Jakob Uszkoreit',
    ]);
    expect(papers[0]!.element?.getAttribute('id')).toBe('conf/iclr/DosovitskiyB0WZU21');
  });
});

describe('dblp: tables of contents', () => {
  it('reads a conference TOC across sessions and skips the proceedings entry', () => {
    const { kind, papers } = run(
      'toc_conf_acl2019-1.html',
      'https://dblp.org/db/conf/acl/acl2019-1.html',
    );
    expect(kind).toBe('listing');
    expect(papers.map((p) => p.title)).toEqual([
      'Transformer-XL: Attentive Language Models beyond a Fixed-Length Context',
      'Energy and Policy Considerations for Deep Learning in NLP',
      'What Does BERT Learn about the Structure of Language?',
      'BERT Rediscovers the Classical NLP Pipeline',
    ]);
    expect(papers[1]).toMatchObject({
      id: 'doi:10.18653/v1/p19-1355',
      aliases: ['dblp:conf/acl/StrubellGM19'],
      authors: ['Emma Strubell', 'Ananya Ganesh', 'Andrew McCallum'],
      year: 2019,
    });
    expect(papers[3]!.authors).toEqual(['Ian Tenney', 'Dipanjan Das', 'Ellie Pavlick']);
  });

  it('reads a journal TOC with venue and year from the entry', () => {
    const { papers } = run(
      'toc_journal_neco9.html',
      'https://dblp.org/db/journals/neco/neco9.html',
    );
    expect(papers.map((p) => [p.id, p.aliases[0], p.title, p.venue, p.year])).toEqual([
      [
        'doi:10.1162/neco.1997.9.1.1',
        'dblp:journals/neco/HochreiterS97a',
        'Flat Minima',
        'Neural Comput.',
        1997,
      ],
      [
        'doi:10.1162/neco.1997.9.7.1545',
        'dblp:journals/neco/AmitG97',
        'Shape Quantization and Recognition with Randomized Trees',
        'Neural Comput.',
        1997,
      ],
      [
        'doi:10.1162/neco.1997.9.8.1735',
        'dblp:journals/neco/HochreiterS97',
        'Long Short-Term Memory',
        'Neural Comput.',
        1997,
      ],
    ]);
  });
});

describe('dblp: search and record pages', () => {
  it('reads the publication hits, not the person hits', () => {
    const { kind, papers } = run(
      'search_attention.html',
      'https://dblp.org/search?q=attention+is+all+you+need',
    );
    expect(kind).toBe('listing');
    expect(papers.map((p) => [p.id, p.year])).toEqual([
      ['arxiv:2308.07661', 2023],
      ['doi:10.1109/icassp39728.2021.9413901', 2021],
      ['dblp:conf/nips/VaswaniSPUJGKP17', 2017],
      ['arxiv:1706.03762', 2017],
    ]);
  });

  it('finds nothing while the search script has not filled the results', () => {
    const { doc, url } = fromHtml(
      '<div id="completesearch-publs"><div class="body"><p class="waiting">loading…</p></div></div>',
      'https://dblp.org/search?q=x',
    );
    expect(dblp.detect(doc, url)).toBeNull();
    expect(dblp.extract(doc, url)).toEqual([]);
  });

  it('reads a record page as a single paper', () => {
    const person = loadPage(`${DIR}/person_uszkoreit.html`, 'https://dblp.org/pid/37/3374.html');
    const entry = person.doc.getElementById('journals/corr/VaswaniSPUJGKP17')!;
    const html = `<div id="main"><header class="headline"><h1>Attention Is All You Need.</h1></header><ul class="publ-list">${entry.outerHTML}</ul></div>`;
    const { doc, url } = fromHtml(html, 'https://dblp.org/rec/journals/corr/VaswaniSPUJGKP17.html');
    expect(dblp.detect(doc, url)).toBe('single');
    const d = detectPapers(doc, url);
    expect(d.sources).toEqual(['dblp']);
    expect(d.papers.map((p) => [p.id, p.kind])).toEqual([['arxiv:1706.03762', 'single']]);
  });
});
