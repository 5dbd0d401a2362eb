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

describe('dblp: other layouts (reconstructed in tests/fixtures/reconstructed/dblp/)', () => {
  it('2026 person page: keys from /rec/ links when the entry has no id, on a mirror too', () => {
    const { doc, url } = loadPage(
      'reconstructed/dblp/person_2026-layout.html',
      'https://dblp.org/pid/37/3374.html',
    );
    const papers = dblp.extract(doc, url);
    expect(papers.map((p) => [p.id, ...p.aliases])).toEqual([
      ['arxiv:2312.00001', 'doi:10.1109/cvpr52733.2024.00001', 'dblp:conf/cvpr/DemoU24'],
      ['arxiv:2401.00002', 'doi:10.48550/arxiv.2401.00002', 'dblp:journals/corr/abs-2401-00002'],
      ['openreview:AbCdEfGhIj', 'dblp:conf/iclr/DemoU24'],
      ['dblp:conf/nips/DemoU23'],
    ]);
    expect(papers[3]!.url).toBe(
      'https://proceedings.neurips.cc/paper_files/paper/2023/hash/0123-Abstract-Conference.html',
    );
  });

  it('2015 table of contents: the edition heading the menu, whose item has no ee class', () => {
    const { doc, url } = loadPage(
      'reconstructed/dblp/toc_legacy-2015.html',
      'https://dblp.uni-trier.de/db/conf/msr/msr2015.html',
    );
    expect(dblp.detect(doc, url)).toBe('listing');
    expect(dblp.extract(doc, url)).toMatchObject([
      {
        id: 'doi:10.1109/msr.2015.61',
        aliases: ['dblp:conf/msr/DemoA15'],
        title: 'A Mining Challenge Paper',
        year: 2015,
        url: 'http://dx.doi.org/10.1109/MSR.2015.61',
      },
    ]);
  });

  it('an entry without editions: the export link heading its first menu is not one', () => {
    const { doc, url } = fromHtml(
      `<ul class="publ-list"><li class="entry inproceedings" id="conf/x/DemoB15"><nav class="publ"><ul>` +
        `<li class="drop-down"><div class="head"><a href="http://dblp.uni-trier.de/rec/bibtex/conf/x/DemoB15">b</a></div></li>` +
        `<li class="drop-down"><div class="head"><a href="https://www.google.com/search?q=x">g</a></div></li>` +
        `</ul></nav><cite class="data"><span class="title" itemprop="name">No Edition.</span></cite></li></ul>`,
      'https://dblp.org/db/conf/x/x2015.html',
    );
    expect(dblp.extract(doc, url)).toMatchObject([
      { id: 'dblp:conf/x/DemoB15', url: 'https://dblp.org/rec/conf/x/DemoB15.html' },
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

  it('reads the publications-only search (/search/publ) like /search', () => {
    const url = 'https://dblp.org/search/publ?q=attention+is+all+you+need';
    expect(dblp.matches(new URL(url))).toBe(true);
    const { kind, papers } = run('search_attention.html', url);
    expect(kind).toBe('listing');
    expect(papers.map((p) => p.id)).toEqual([
      'arxiv:2308.07661',
      'doi:10.1109/icassp39728.2021.9413901',
      'dblp:conf/nips/VaswaniSPUJGKP17',
      'arxiv:1706.03762',
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
