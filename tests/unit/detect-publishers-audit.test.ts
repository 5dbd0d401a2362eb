/**
 * Audit of publisher pages nobody had checked (scratch/audit-pub/FINDINGS.md): Springer chapters and
 * reference-work entries, Wiley and ACM article pages and their /abs/, /full/, /epdf/ and
 * /fullHtml/ addresses, ScienceDirect articles. Real saved pages where there are some
 * (tests/fixtures/springer, tests/fixtures/sciencedirect); reconstructed pages naming their
 * evidence in tests/fixtures/reconstructed/publishers-audit otherwise.
 */
import { describe, expect, it } from 'vitest';
import { idsFromUrl } from '../../utils/identity';
import { detectPapers } from '../../utils/detect/index';
import { gate } from '../../utils/detect/gate';
import { fromHtml, loadPage } from './helpers/page';
import { checkReconstructed } from './helpers/reconstructed';

describe('reconstructed publisher article pages', () => checkReconstructed('publishers-audit'));

describe('publisher addresses that name a DOI', () => {
  it.each([
    // Springer links written with the DOI's slash escaped, as many READMEs and reading lists do.
    [
      'https://link.springer.com/article/10.1007%2Fs11049-018-9425-0',
      'doi:10.1007/s11049-018-9425-0',
    ],
    [
      'https://link.springer.com/chapter/10.1007%2F978-3-319-10590-1_53',
      'doi:10.1007/978-3-319-10590-1_53',
    ],
    [
      'https://link.springer.com/referenceworkentry/10.1007%2F978-0-387-30164-8_124',
      'doi:10.1007/978-0-387-30164-8_124',
    ],
    [
      'https://link.springer.com/referenceworkentry/10.1007/978-0-387-09766-4_234',
      'doi:10.1007/978-0-387-09766-4_234',
    ],
    [
      'https://link.springer.com/protocol/10.1007/978-1-60761-839-3_22',
      'doi:10.1007/978-1-60761-839-3_22',
    ],
    [
      'https://link.springer.com/content/pdf/10.1007/s12064-020-00311-9.pdf',
      'doi:10.1007/s12064-020-00311-9',
    ],
    [
      'https://link.springer.com/content/pdf/10.1007%2F978-981-10-8530-7_10.pdf',
      'doi:10.1007/978-981-10-8530-7_10',
    ],
    // ACM's HTML full text, with and without a campus-access token.
    ['https://dl.acm.org/doi/fullHtml/10.1145/3610548.3618157', 'doi:10.1145/3610548.3618157'],
    [
      'https://dl.acm.org/doi/fullHtml/10.1145/2212877.2212883?casa_token=B9RD9ZPneIMAAAAA',
      'doi:10.1145/2212877.2212883',
    ],
    ['https://onlinelibrary.wiley.com/doi/10.1002%2Fanie.202004738', 'doi:10.1002/anie.202004738'],
  ])('%s', (href, id) => {
    expect(idsFromUrl(href)).toEqual([id]);
  });

  it('keeps the forms it read before', () => {
    for (const [href, id] of [
      ['https://dl.acm.org/doi/abs/10.1145/3528223.3530069', 'doi:10.1145/3528223.3530069'],
      [
        'https://onlinelibrary.wiley.com/doi/epdf/10.1002/anie.202004738',
        'doi:10.1002/anie.202004738',
      ],
      [
        'https://onlinelibrary.wiley.com/doi/abs/10.1002/%28SICI%291097-4571%28199009%2941%3A6%3C391%3A%3AAID-ASI1%3E3.0.CO%3B2-9',
        'doi:10.1002/(sici)1097-4571(199009)41:6<391::aid-asi1>3.0.co;2-9',
      ],
      [
        'https://iopscience.iop.org/article/10.1088/1742-6596/1234/1/012173/meta',
        'doi:10.1088/1742-6596/1234/1/012173',
      ],
    ] as const)
      expect(idsFromUrl(href), href).toEqual([id]);
  });

  it('reads no DOI where none is named', () => {
    for (const href of [
      // A proceedings volume's page, not a paper; ScienceDirect names articles by PII, not DOI.
      'https://dl.acm.org/doi/proceedings/10.1145/3580305',
      'https://www.sciencedirect.com/science/article/pii/S146290112300117X',
      // /content/pdf/ is Springer's PDF address only.
      'https://example.org/content/pdf/10.1007/s12064-020-00311-9.pdf',
      'https://link.springer.com/content/pdf/10.1007/s12064-020-00311-9',
    ])
      expect(idsFromUrl(href), href).toEqual([]);
  });
});

describe('a reading list of Springer and ACM links', () => {
  const load = () =>
    loadPage(
      'reconstructed/publishers-audit/reading-list-publisher-links.html',
      'https://example.org/reading',
    );

  it('names every linked work by its DOI', () => {
    const { doc, url } = load();
    const d = detectPapers(doc, url);
    expect(d.sources).toEqual(['id-links']);
    expect(d.papers.map((p) => [p.id, ...p.aliases])).toEqual([
      ['doi:10.1007/s11049-018-9425-0'],
      ['doi:10.1007/s10479-014-1586-6'],
      ['doi:10.1007/978-0-387-30164-8_124'],
      ['doi:10.1007/978-0-387-09766-4_234'],
      ['doi:10.1007/s12064-020-00311-9'],
      ['arxiv:2104.01762', 'doi:10.1007/978-981-10-8530-7_10'],
      ['doi:10.1145/3610548.3618157'],
      ['doi:10.1145/3404397.3404415'],
      ['doi:10.1145/2212877.2212883'],
    ]);
  });

  it('takes a Springer PDF link as the PDF of its row', () => {
    const { doc, url } = load();
    const papers = detectPapers(doc, url).papers;
    expect(papers[4]!.pdfUrl).toBe(
      'https://link.springer.com/content/pdf/10.1007/s12064-020-00311-9.pdf',
    );
    expect(papers[5]).toMatchObject({
      title: '3D Human Body Reshaping with Anthropometric Modeling',
      url: 'https://link.springer.com/chapter/10.1007/978-981-10-8530-7_10',
      pdfUrl: 'https://link.springer.com/content/pdf/10.1007%2F978-981-10-8530-7_10.pdf',
    });
  });

  it('is let through by the every-page gate', () => {
    const { doc } = load();
    expect(gate(doc, new URL('https://example.org/reading'))).toBe('id-links');
  });
});

describe('ScienceDirect article pages', () => {
  const URL_ = 'https://www.sciencedirect.com/science/article/pii/S146290112300117X';

  it('reads the authors and the abstract the citation tags lack (real page)', () => {
    const { doc, url } = loadPage('sciencedirect/article_S146290112300117X.html', URL_);
    const d = detectPapers(doc, url);
    expect(d).toMatchObject({ kind: 'single', sources: ['sciencedirect'] });
    expect(d.papers).toHaveLength(1);
    const p = d.papers[0]!;
    expect(p).toMatchObject({
      id: 'doi:10.1016/j.envsci.2023.04.016',
      aliases: [],
      title:
        'Nature-based solutions through collective actions for spatial justice in urban green commons',
      authors: ['Mahir Yazar', 'Abigail York'],
      year: 2023,
      venue: 'Environmental Science & Policy',
      url: URL_,
    });
    // The abstract, not the "Highlights" bullet list above it.
    expect(p.abstract).toMatch(/^Urban climate adaptation through nature-based solutions/);
    expect(p.abstract).not.toMatch(/Highlights|are not a phenomenon driven by policy-makers/);
    expect(p.element?.id).toBe('screen-reader-main-title');
  });

  it('is claimed by the gate on its address', () => {
    const { doc } = fromHtml('<html><body></body></html>', URL_);
    expect(gate(doc, new URL(URL_))).toBe('sciencedirect');
    expect(gate(doc, new URL(URL_.replace('/pii/', '/abs/pii/')))).toBe('sciencedirect');
  });

  it('keeps authors given in tags, and reads the older layout of links per author', () => {
    const tagged = fromHtml(
      `<html><head><meta name="citation_title" content="Tagged widgets">
       <meta name="citation_author" content="Ada Example"><meta name="citation_doi" content="10.1016/j.w.2020.01.001">
       </head><body><h1 id="screen-reader-main-title"><span class="title-text">Tagged widgets</span></h1>
       <div id="author-group"><button data-xocs-content-type="author"><span class="given-name">Not</span>
       <span class="text surname">Read</span></button></div></body></html>`,
      URL_,
    );
    expect(detectPapers(tagged.doc, tagged.url).papers[0]!.authors).toEqual(['Ada Example']);
    const older = fromHtml(
      `<html><head><meta name="citation_title" content="Older widgets">
       <meta name="citation_doi" content="10.1016/j.w.2018.01.001"></head><body>
       <h1 id="screen-reader-main-title"><span class="title-text">Older widgets</span></h1>
       <div id="author-group"><a class="author size-m workspace-trigger" href="#!"><span class="content">
       <span class="text given-name">Tao</span> <span class="text surname">Hu</span></span></a>
       <a class="author size-m workspace-trigger" href="#!"><span class="content">
       <span class="text given-name">Bo</span> <span class="text surname">Sample</span></span></a></div></body></html>`,
      URL_,
    );
    expect(detectPapers(older.doc, older.url).papers[0]!.authors).toEqual(['Tao Hu', 'Bo Sample']);
  });

  it('without citation tags, names the paper by its heading and the DOI printed under it', () => {
    const { doc, url } = fromHtml(
      `<html><body><h1 id="screen-reader-main-title"><span class="title-text">Untagged widgets</span></h1>
       <div id="author-group"><button data-xocs-content-type="author"><span class="given-name">Ada</span>
       <span class="text surname">Example</span></button></div>
       <a class="anchor doi anchor-default" href="https://doi.org/10.1016/j.w.2021.02.002">https://doi.org/10.1016/j.w.2021.02.002</a>
       <div class="Abstracts" id="abstracts"><div class="abstract author" id="ab1"><h2>Abstract</h2>
       <div id="abs1"><p>Widgets, untagged.</p></div></div></div></body></html>`,
      URL_,
    );
    expect(detectPapers(doc, url).papers).toMatchObject([
      {
        id: 'doi:10.1016/j.w.2021.02.002',
        title: 'Untagged widgets',
        authors: ['Ada Example'],
        abstract: 'Widgets, untagged.',
        source: 'sciencedirect',
      },
    ]);
  });
});

describe('meta tags escaped twice', () => {
  it('reads "In&amp;nbsp;vitro" as words (real Springer page)', () => {
    const { doc, url } = loadPage(
      'springer/article_s10924-010-0192-1.html',
      'https://link.springer.com/article/10.1007/s10924-010-0192-1',
    );
    const abstract = detectPapers(doc, url).papers[0]!.abstract!;
    expect(abstract).toContain('In vitro cytotoxicity (Cell morphology study and MTS assay)');
    expect(abstract).not.toContain('&nbsp;');
  });

  it('drops markup that was escaped twice, as it drops markup escaped once', () => {
    const { doc, url } = fromHtml(
      `<html><head><meta name="citation_title" content="Growth of &amp;lt;i&amp;gt;E. coli&amp;lt;/i&amp;gt; &amp;amp; friends">
       <meta name="citation_author" content="Ada Example"></head><body></body></html>`,
      'https://example.org/a/1',
    );
    expect(detectPapers(doc, url).papers[0]!.title).toBe('Growth of E. coli & friends');
  });
});
