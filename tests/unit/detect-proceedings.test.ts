/**
 * Site adapters for OpenReview, bioRxiv/medRxiv, PMLR, NeurIPS proceedings and CVF Open Access, on
 * reconstructed pages (tests/fixtures/reconstructed/<site>/, each saying in its first line what it
 * was built from) and inline edge cases.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SITE_ADAPTERS, detectPapers } from '../../utils/detect/index';
import { biorxiv } from '../../utils/detect/sites/biorxiv';
import { cvf } from '../../utils/detect/sites/cvf';
import { neurips, pdfOfAbstract } from '../../utils/detect/sites/neurips';
import { openreview } from '../../utils/detect/sites/openreview';
import { pmlr } from '../../utils/detect/sites/pmlr';
import { FIXTURES, fromHtml, loadPage, type ExpectedPage } from './helpers/page';

const MINE = [openreview, biorxiv, pmlr, neurips, cvf];

function expectedOf(dir: string): ExpectedPage[] {
  return JSON.parse(
    readFileSync(join(FIXTURES, 'reconstructed', dir, 'expected.json'), 'utf8'),
  ) as ExpectedPage[];
}

function load(dir: string, file: string) {
  const page = expectedOf(dir).find((p) => p.file === file)!;
  const { doc, url } = loadPage(join('reconstructed', dir, file), page.url);
  return { doc, url, r: detectPapers(doc, url) };
}

describe('reconstructed pages: exactly the expected ids and titles', () => {
  for (const dir of ['openreview', 'biorxiv', 'pmlr', 'neurips', 'cvf']) {
    for (const page of expectedOf(dir)) {
      it(`${dir}/${page.file}: ${page.count} papers`, () => {
        const { doc, url } = loadPage(join('reconstructed', dir, page.file), page.url);
        const r = detectPapers(doc, url);
        expect(r.sources).toEqual([dir]);
        expect(
          r.papers.map((f) => ({
            ids: [f.id, ...f.aliases].filter((x) => !x.startsWith('title:')),
            title: f.title,
          })),
        ).toEqual(page.papers);
        expect(r.papers).toHaveLength(page.count);
      });
    }
  }
});

describe('URL claims', () => {
  it('each adapter claims its own test URLs and no other site adapter claims them', () => {
    for (const a of MINE) {
      expect(a.testUrls.length, a.id).toBeGreaterThanOrEqual(2);
      for (const u of a.testUrls) {
        const url = new URL(u);
        expect(a.matches(url), `${a.id} ${u}`).toBe(true);
        const others = SITE_ADAPTERS.filter((b) => b !== a && b.matches(url)).map((b) => b.id);
        expect(others, u).toEqual([]);
      }
    }
  });

  it('claims nothing of other sites', () => {
    for (const a of MINE)
      for (const b of SITE_ADAPTERS)
        if (b !== a)
          for (const u of b.testUrls) expect(a.matches(new URL(u)), `${a.id} ${u}`).toBe(false);
    for (const u of [
      'https://api.openreview.net/notes?id=x',
      'https://connect.biorxiv.org/relate/',
      'https://www.jmlr.org/papers/v24/',
      'https://neurips.cc/virtual/2023/poster/1',
      'https://thecvf.com/',
    ])
      for (const a of MINE) expect(a.matches(new URL(u)), `${a.id} ${u}`).toBe(false);
  });
});

describe('OpenReview', () => {
  it('forum page: citation meta + id from ?id=, the title heading is marked', () => {
    const { r } = load('openreview', 'forum_2dnO3LLiJ1.html');
    expect(r.kind).toBe('single');
    expect(r.papers[0]).toMatchObject({
      id: 'openreview:2dnO3LLiJ1',
      authors: ['Timothée Darcet', 'Maxime Oquab', 'Julien Mairal', 'Piotr Bojanowski'],
      year: 2024,
      venue: 'The Twelfth International Conference on Learning Representations',
      url: 'https://openreview.net/forum?id=2dnO3LLiJ1',
      pdfUrl: 'https://openreview.net/pdf?id=2dnO3LLiJ1',
      kind: 'single',
    });
    expect(r.papers[0]!.element?.localName).toBe('h2');
  });

  it('venue page: only the visible tab; authors, venue line, pdf links; the note is the row', () => {
    const { r } = load('openreview', 'group_ICLR.cc-2024-Conference.html');
    expect(r.kind).toBe('listing');
    expect(r.papers.map((p) => p.id)).not.toContain('openreview:Zr2sQm4kLw');
    const [a, b] = r.papers;
    expect(a!.element?.classList.contains('note')).toBe(true);
    expect(a!.venue).toBe('ICLR 2024 oral');
    expect(b!.authors).toEqual([
      'Zahra Kadkhodaie',
      'Florentin Guth',
      'Eero P Simoncelli',
      'Stéphane Mallat',
    ]);
    expect(b!.pdfUrl).toBe('https://openreview.net/attachment?id=Hk3pPq9aXv&name=pdf');
  });

  it('a forum imported from DBLP has no citation tags: the page heading and ?id= name it', () => {
    const { doc, url } = fromHtml(
      `<title>Some Imported Paper Title | OpenReview</title><meta name="robots" content="noindex">` +
        `<div class="forum-note"><div class="forum-title"><h2 class="citation_title">Some Imported Paper Title</h2></div>` +
        `<div class="forum-authors"><h3><span><a href="/profile?id=~A_B1">Ann Bee</a>, <a href="/profile?id=~C_D1">Cy Dee</a></span></h3></div></div>`,
      'https://openreview.net/forum?id=Ab12Cd34Ef',
    );
    expect(openreview.detect(doc, url)).toBe('single');
    expect(openreview.extract(doc, url)).toMatchObject([
      {
        id: 'openreview:Ab12Cd34Ef',
        title: 'Some Imported Paper Title',
        authors: ['Ann Bee', 'Cy Dee'],
      },
    ]);
  });

  it('an arXiv-backed forum names the forum by its PDF link and keeps the arXiv id', () => {
    const { doc, url } = fromHtml(
      `<meta name="citation_title" content="Vision Transformers Need Registers"><meta name="citation_pdf_url" content="https://openreview.net/pdf?id=2dnO3LLiJ1">`,
      'https://openreview.net/forum?arxivid=2309.16588',
    );
    const [p] = detectPapers(doc, url).papers;
    expect([p?.id, ...(p?.aliases ?? [])]).toEqual(['arxiv:2309.16588', 'openreview:2dnO3LLiJ1']);
  });

  it('the unrendered venue shell ("Loading") has no papers, and generic link detection stays out', () => {
    const { doc, url } = fromHtml(
      `<div id="__next"><div id="group-container"><p>Loading</p><a href="https://arxiv.org/abs/2309.16588">x</a></div></div>`,
      'https://openreview.net/group?id=ICLR.cc/2024/Conference',
    );
    expect(openreview.detect(doc, url)).toBeNull();
    expect(detectPapers(doc, url)).toEqual({ kind: null, sources: [], papers: [] });
  });
});

describe('bioRxiv / medRxiv', () => {
  it('article page: meta + DOM abstract (not the escaped meta abstract); sidebar entries do not count', () => {
    const { r } = load('biorxiv', 'content_2022.07.20.500902v3.html');
    const [p] = r.papers;
    expect(p).toMatchObject({
      id: 'doi:10.1101/2022.07.20.500902',
      year: 2022,
      venue: 'bioRxiv',
      abstract:
        'Artificial intelligence has the potential to open insight into the structure of proteins at the scale of evolution.',
      pdfUrl: 'https://www.biorxiv.org/content/biorxiv/early/2022/12/21/2022.07.20.500902.full.pdf',
      kind: 'single',
    });
    expect(p!.authors).toHaveLength(15);
    expect(p!.element?.localName).toBe('h1');
  });

  it('article page with a pre-2019 DOI (10.1101/550335): the article, not a sidebar entry', () => {
    const { doc, r } = load('biorxiv', 'content_550335v1.html');
    expect(r.kind).toBe('single');
    expect(r.sources).toEqual(['biorxiv']);
    expect(r.papers).toHaveLength(1);
    expect(r.papers[0]).toMatchObject({
      id: 'doi:10.1101/550335',
      title: 'A probe preprint posted under an old-style bioRxiv DOI',
      authors: ['Ada Example', 'Ben Example'],
      year: 2019,
      kind: 'single',
    });
    // Seven digits are no old-style DOI: the same page there is read as a listing.
    const other = new URL('https://www.biorxiv.org/content/10.1101/5503351v1');
    expect(biorxiv.detect(doc, other)).toBe('listing');
  });

  it('search rows: NLM name parts joined, the result item is the row, DOI from the link', () => {
    const { r } = load('biorxiv', 'search_protein-language-model.html');
    expect(r.papers[0]!.authors).toEqual(['Zeming Lin', 'Halil Akin', 'Roshan Rao']);
    expect(r.papers.every((p) => p.element?.matches('li.search-result'))).toBe(true);
    expect(r.papers[2]!.title).toBe('Masked language modelling of antibody repertoires in silico');
  });

  it('medRxiv collection: venue medRxiv, year from the posted date', () => {
    const { r } = load('biorxiv', 'collection_epidemiology_medrxiv.html');
    expect(r.papers.map((p) => [p.venue, p.year])).toEqual([
      ['medRxiv', 2020],
      ['medRxiv', 2025],
    ]);
    expect(r.papers[0]!.element?.matches('li.toc-item')).toBe(true);
  });

  it('an empty search has no papers', () => {
    const { doc, url } = fromHtml(
      '<div class="highwire-search-summary">0 Results</div>',
      'https://www.biorxiv.org/search/zzzz',
    );
    expect(biorxiv.detect(doc, url)).toBeNull();
  });
});

describe('PMLR', () => {
  it('volume page: venue and year from the heading; abs page and PDF per row', () => {
    const { r } = load('pmlr', 'v202.html');
    for (const p of r.papers) {
      expect(p.venue).toBe('International Conference on Machine Learning');
      expect(p.year).toBe(2023);
      expect(p.element?.classList.contains('paper')).toBe(true);
    }
    expect(r.papers[0]).toMatchObject({
      authors: ['Yaniv Leviathan', 'Matan Kalman', 'Yossi Matias'],
      url: 'https://proceedings.mlr.press/v202/leviathan23a.html',
      pdfUrl: 'https://proceedings.mlr.press/v202/leviathan23a/leviathan23a.pdf',
    });
  });

  it('paper page: "Last, First" meta authors read as "First Last"; OpenReview and arXiv links are aliases', () => {
    const { r } = load('pmlr', 'v202_kirchenbauer23a.html');
    expect(r.papers[0]).toMatchObject({
      id: 'arxiv:2301.10226',
      aliases: ['openreview:aX8ig9X2a7'],
      authors: [
        'John Kirchenbauer',
        'Jonas Geiping',
        'Yuxin Wen',
        'Jonathan Katz',
        'Ian Miers',
        'Tom Goldstein',
      ],
      abstract:
        'Potential harms of large language models can be mitigated by watermarking model output.',
    });
  });

  it('volume page: the "Download PDF" link, not a supplementary PDF listed before it', () => {
    const { r } = load('pmlr', 'v28.html');
    expect(r.papers.map((p) => [p.url, p.pdfUrl])).toEqual([
      [
        'https://proceedings.mlr.press/v28/sznitman13.html',
        'http://proceedings.mlr.press/v28/sznitman13.pdf',
      ],
      [
        'https://proceedings.mlr.press/v28/muandet13.html',
        'http://proceedings.mlr.press/v28/muandet13.pdf',
      ],
      [
        'https://proceedings.mlr.press/v28/boots13.html',
        'http://proceedings.mlr.press/v28/boots13.pdf',
      ],
    ]);
    expect(r.papers.every((p) => p.year === 2013)).toBe(true);
  });

  it('without the label, the PDF named after the paper key wins over the first PDF', () => {
    const { doc, url } = fromHtml(
      '<h2>Volume 28: International Conference on Machine Learning, 17-19 June 2013, Atlanta</h2>' +
        '<div class="paper"><p class="title">T</p><p class="links">[<a href="/v28/k13.html">abs</a>]' +
        '[<a href="/v28/k13-supp.pdf">supp</a>][<a href="/v28/k13/k13.pdf">pdf</a>]</p></div>',
      'https://proceedings.mlr.press/v28/',
    );
    expect(pmlr.extract(doc, url)[0]!.pdfUrl).toBe('https://proceedings.mlr.press/v28/k13/k13.pdf');
  });

  it('reissue volume /r12/: paper pages, venue and year as for a volume', () => {
    const { r } = load('pmlr', 'r12.html');
    expect(r.papers[0]).toMatchObject({
      url: 'https://proceedings.mlr.press/r12/acharyya14a.html',
      pdfUrl: 'https://proceedings.mlr.press/r12/acharyya14a/acharyya14a.pdf',
      venue: 'Conference on Uncertainty in Artificial Intelligence',
      year: 2014,
      authors: ['Ann Example', 'Bo Example'],
    });
    // The heading wording of reissues is unconfirmed: "Reissue 12: …" reads the same.
    const { doc, url } = fromHtml(
      '<h2>Reissue 12: Conference on Uncertainty in Artificial Intelligence, 23-27 July 2014, Quebec City</h2>' +
        '<div class="paper"><p class="title">T</p><p class="links">[<a href="/r12/k14a.html">abs</a>]</p></div>',
      'https://proceedings.mlr.press/r12/',
    );
    expect(pmlr.extract(doc, url)[0]).toMatchObject({
      venue: 'Conference on Uncertainty in Artificial Intelligence',
      year: 2014,
      url: 'https://proceedings.mlr.press/r12/k14a.html',
    });
    // A reissued paper's own page is a paper page.
    const page = fromHtml(
      '<meta name="citation_title" content="A Reissued Paper"><article><h1>A Reissued Paper</h1></article>',
      'https://proceedings.mlr.press/r5/morin05a.html',
    );
    expect(pmlr.detect(page.doc, page.url)).toBe('single');
  });

  it('the list of volumes is not a listing of papers', () => {
    const { doc, url } = fromHtml(
      '<ul class="proceedings-list"><li><a href="/v202/">Volume 202 ICML 2023</a></li></ul>',
      'https://proceedings.mlr.press/',
    );
    expect(pmlr.detect(doc, url)).toBeNull();
  });
});

describe('NeurIPS proceedings', () => {
  it('year page: main-track and D&B rows, authors from <i> or a span, PDF beside the abstract page', () => {
    const { r } = load('neurips', 'paper_2023.html');
    expect(r.papers.map((p) => p.venue)).toEqual([
      'NeurIPS',
      'NeurIPS',
      'NeurIPS Datasets and Benchmarks',
      'NeurIPS',
    ]);
    expect(r.papers.every((p) => p.year === 2023 && p.element?.localName === 'li')).toBe(true);
    expect(r.papers[3]!.authors).toHaveLength(7);
    expect(r.papers[2]!.pdfUrl).toBe(
      'https://proceedings.neurips.cc/paper_files/paper/2023/file/56332d41d55ad7ad8024aac625881be7-Paper-Datasets_and_Benchmarks.pdf',
    );
  });

  it('abstract page: citation meta; the title heading is marked, not "Authors"', () => {
    const { r } = load('neurips', 'hash_a85b405ed65c6477a4fe8302b5e06ce7-Abstract-Conference.html');
    expect(r.papers[0]!.authors[0]).toBe('Rafael Rafailov');
    expect(r.papers[0]!.venue).toBe('Advances in Neural Information Processing Systems');
    expect(r.papers).toHaveLength(1);
    // Older layout: the first non-empty paragraph after the "Abstract" heading.
    expect(r.papers[0]!.abstract).toMatch(/^While large-scale unsupervised language models/);
  });

  it('abstract page, current theme: DOI, h1.paper-title marked, abstract from p.paper-abstract', () => {
    const { r } = load(
      'neurips',
      'hash_013cf29a9e68e4411d0593040a8a1eb3-Abstract-Datasets_and_Benchmarks_Track.html',
    );
    expect(r.papers).toHaveLength(1);
    expect(r.papers[0]).toMatchObject({
      id: 'doi:10.52202/079017-0016',
      authors: ['Ann Example', 'Bo Example'],
      year: 2024,
      abstract: 'An invented abstract: a benchmark of small tasks, read from the marked paragraph.',
      kind: 'single',
    });
    expect(r.papers[0]!.element?.matches('h1.paper-title')).toBe(true);
  });

  it('2021 Datasets & Benchmarks host: round1/round2 rows, venue from the host', () => {
    const { r } = load('neurips', 'db2021_paper_2021.html');
    expect(r.kind).toBe('listing');
    expect(r.papers.map((p) => [p.venue, p.year])).toEqual([
      ['NeurIPS Datasets and Benchmarks', 2021],
      ['NeurIPS Datasets and Benchmarks', 2021],
      ['NeurIPS Datasets and Benchmarks', 2021],
    ]);
    expect(r.papers[2]!.authors).toEqual(['Di Example', 'Ed Example', 'Flo Example']);
    expect(r.papers[0]!.pdfUrl).toBe(
      'https://datasets-benchmarks-proceedings.neurips.cc/paper_files/paper/2021/file/013d407166ec4fa56eb1e1f8cbe183b9-Paper-round1.pdf',
    );
    // "Edited by" names outside the list are no paper's authors.
    expect(r.papers.flatMap((p) => p.authors)).not.toContain('J. Vanschoren');
  });

  it('2025 volume page: double-escaped entities decoded, names split on commas only', () => {
    const { r } = load('neurips', 'paper_2025_vol38-main-conference.html');
    expect(r.papers[0]!.authors).toEqual(['Ann Example', 'Chenyue "xdd44" Dai', "Bo O'Example"]);
    expect(r.papers.map((p) => [p.venue, p.year])).toEqual([
      ['NeurIPS', 2025],
      ['NeurIPS Datasets and Benchmarks', 2025],
      ['NeurIPS', 2025],
    ]);
    // "&" and ";" inside a name stay; an unknown entity is left as written.
    const { doc, url } = fromHtml(
      '<ul class="paper-list"><li><a href="/paper_files/paper/2025/hash/0123456789abcdef0123456789abcdef-Abstract-Conference.html">T</a> <span class="paper-authors">Ann &amp;amp; Co; Bo, Cy &amp;zzz; Dee</span></li></ul>',
      'https://proceedings.neurips.cc/paper_files/paper/2025/vol38-main-conference',
    );
    expect(neurips.extract(doc, url)[0]!.authors).toEqual(['Ann & Co; Bo', 'Cy &zzz; Dee']);
  });

  it('derives PDFs for every track and era; ICLR on the same platform', () => {
    const h = '0123456789abcdef0123456789abcdef';
    expect(pdfOfAbstract(`https://papers.nips.cc/paper/2017/hash/${h}-Abstract.html`)).toBe(
      `https://papers.nips.cc/paper/2017/file/${h}-Paper.pdf`,
    );
    expect(
      pdfOfAbstract(
        `/paper_files/paper/2024/hash/${h}-Abstract-Datasets_and_Benchmarks_Track.html`,
      ),
    ).toBe(`/paper_files/paper/2024/file/${h}-Paper-Datasets_and_Benchmarks_Track.pdf`);
    const { doc, url } = fromHtml(
      `<ul class="paper-list"><li class="conference"><a href="/paper_files/paper/2024/hash/${h}-Abstract-Conference.html">A Paper At ICLR</a> <i>A. Author</i></li></ul>`,
      'https://proceedings.iclr.cc/paper_files/paper/2024',
    );
    expect(neurips.extract(doc, url)).toMatchObject([
      { title: 'A Paper At ICLR', venue: 'ICLR', year: 2024, authors: ['A. Author'] },
    ]);
  });
});

describe('CVF Open Access', () => {
  it('list page: both dd siblings read (authors from the search forms, PDF and arXiv from the links)', () => {
    const { r } = load('cvf', 'CVPR2024_day-all.html');
    expect(r.papers.map((p) => p.authors.length)).toEqual([3, 4, 2]);
    expect(
      r.papers.every(
        (p) => p.venue === 'CVPR' && p.year === 2024 && p.element?.matches('dt.ptitle'),
      ),
    ).toBe(true);
    expect(r.papers[2]!.pdfUrl).toBe(
      'https://openaccess.thecvf.com/content/CVPR2024/papers/Wang_DUSt3R_Geometric_3D_Vision_Made_Easy_CVPR_2024_paper.pdf',
    );
  });

  it('paper page: meta + arXiv link; abstract from #abstract', () => {
    const { r } = load('cvf', 'CVPR2024_Liang_Rich_Human_Feedback_paper.html');
    expect(r.papers[0]).toMatchObject({
      id: 'arxiv:2312.10240',
      authors: ['Youwei Liang', 'Junfeng He', 'Gang Li'],
      year: 2024,
    });
    expect(r.papers[0]!.abstract?.startsWith('Recent Text-to-Image (T2I) generation models')).toBe(
      true,
    );
  });

  it('older pages: authors in <i>; the day index (no rows) has no papers', () => {
    const { doc, url } = fromHtml(
      `<dl><dt class="ptitle"><br><a href="content_cvpr_2016/html/He_Deep_Residual_Learning_CVPR_2016_paper.html">Deep Residual Learning for Image Recognition</a></dt>` +
        `<dd><i>Kaiming He, Xiangyu Zhang, Shaoqing Ren, Jian Sun</i></dd><dd>[<a href="content_cvpr_2016/papers/He_Deep_Residual_Learning_CVPR_2016_paper.pdf">pdf</a>]</dd></dl>`,
      'https://openaccess.thecvf.com/CVPR2016',
    );
    expect(cvf.extract(doc, url)).toMatchObject([
      {
        title: 'Deep Residual Learning for Image Recognition',
        authors: ['Kaiming He', 'Xiangyu Zhang', 'Shaoqing Ren', 'Jian Sun'],
        venue: 'CVPR',
        year: 2016,
      },
    ]);
    const index = fromHtml(
      '<dl><dd><a href="/CVPR2024?day=2024-06-19">Day 1: 2024-06-19</a></dd><dd><a href="/CVPR2024?day=all">All Papers</a></dd></dl>',
      'https://openaccess.thecvf.com/CVPR2024',
    );
    expect(cvf.detect(index.doc, index.url)).toBeNull();
  });
});
