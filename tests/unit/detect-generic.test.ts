/**
 * Generic fallbacks: meta tags (Highwire, Dublin Core, PRISM), JSON-LD, COinS and links carrying
 * paper ids. Real saved pages for the meta tags, reconstructed pages (tests/fixtures/reconstructed/
 * generic, each saying so in its first line) for the rest, and inline pages for edge cases.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectPapers } from '../../utils/detect/index';
import { coins } from '../../utils/detect/generic/coins';
import { idLinks, looksLikeTitle } from '../../utils/detect/generic/id-links';
import { jsonLd } from '../../utils/detect/generic/json-ld';
import { metaTags, personName } from '../../utils/detect/generic/meta-tags';
import type { FoundPaper } from '../../utils/paper';
import { FIXTURES, fromHtml, loadPage } from './helpers/page';
import { checkReconstructed } from './helpers/reconstructed';

function one(html: string, url = 'https://example.org/article/1'): FoundPaper[] {
  const { doc, url: u } = fromHtml(html, url);
  return detectPapers(doc, u).papers;
}

describe('meta tags on real publisher pages', () => {
  const load = (file: string, url: string) => {
    const { doc, url: u } = loadPage(file, url);
    expect(metaTags.detect(doc, u)).toBe('single');
    const papers = metaTags.extract(doc, u);
    expect(papers).toHaveLength(1);
    return papers[0]!;
  };

  it('Springer: citation_* + dc.* + prism; fields, not just the id', () => {
    const p = load(
      'springer/article_s10924-010-0192-1.html',
      'https://link.springer.com/article/10.1007/s10924-010-0192-1',
    );
    expect(p.id).toBe('doi:10.1007/s10924-010-0192-1');
    expect(p.title).toBe(
      'In Vitro Cytotoxicity of Amylose-Based Bioplastic for Packaging Applications',
    );
    expect(p.year).toBe(2010);
    expect(p.venue).toBe('Journal of Polymers and the Environment');
    expect(p.pdfUrl).toBe('https://link.springer.com/content/pdf/10.1007/s10924-010-0192-1.pdf');
    expect(p.url).toBe('https://link.springer.com/article/10.1007/s10924-010-0192-1');
    expect(p.kind).toBe('single');
    expect(p.source).toBe('meta-tags');
  });

  it('APS: content before name, authors in order, citation_date', () => {
    const p = load(
      'aps/article_PhysRevX.12.041027.html',
      'https://journals.aps.org/prx/abstract/10.1103/PhysRevX.12.041027',
    );
    expect(p.id).toBe('doi:10.1103/physrevx.12.041027');
    expect(p.authors).toEqual([
      'Alisa K. Galishnikova',
      'Matthew W. Kunz',
      'Alexander A. Schekochihin',
    ]);
    expect(p.year).toBe(2022);
    expect(p.url).toBe('https://link.aps.org/doi/10.1103/PhysRevX.12.041027');
  });

  it('Taylor & Francis: Dublin Core only (dc.Identifier scheme=doi, publisher-id ignored)', () => {
    const p = load(
      'tandfonline/article_bioplastics_2019.html',
      'https://www.tandfonline.com/doi/abs/10.1080/23311932.2015.1117749',
    );
    expect([p.id, ...p.aliases]).toEqual(['doi:10.1080/23311932.2015.1117749']);
    expect(p.authors).toEqual(['Nafisa Jabeen', 'Ishrat Majid', 'Gulzar Ahmad Nayik']);
    expect(p.year).toBe(2015);
    expect(p.abstract?.startsWith('Food packaging as a vital part')).toBe(true);
  });

  it('HAL thesis: HAL id from DC.identifier URL, dissertation institution as venue', () => {
    const p = load('hal/thesis_tel-02083632v1.html', 'https://theses.hal.science/tel-02083632');
    expect(p.id).toBe('hal:tel-02083632');
    expect(p.authors).toEqual(['Marthe Bonamy']);
    expect(p.year).toBe(2015);
    expect(p.venue).toBe('Université de Montpellier');
    expect(p.pdfUrl).toBe('https://theses.hal.science/tel-02083632/document');
  });

  it('USENIX: no DOI, the title names it; conference title is the venue', () => {
    const p = load(
      'usenix/paper_goyal_backpressure.html',
      'https://www.usenix.org/conference/nsdi22/presentation/goyal',
    );
    expect(p.id).toBe('title:backpressure flow control');
    expect(p.authors).toHaveLength(6);
    expect(p.venue).toBe(
      '19th USENIX Symposium on Networked Systems Design and Implementation (NSDI 22)',
    );
  });

  it('finds nothing on the Cloudflare challenge and the Google sign-in page', () => {
    for (const [file, url] of [
      ['negatives/cloudflare_challenge_acs.html', 'https://pubs.acs.org/doi/10.1021/jp003647e'],
      [
        'negatives/google_signin_from_scholar_2026-02.html',
        'https://accounts.google.com/v3/signin/identifier',
      ],
    ] as const) {
      const { doc, url: u } = loadPage(file, url);
      expect(metaTags.detect(doc, u)).toBeNull();
      expect(detectPapers(doc, u).papers).toEqual([]);
    }
  });
});

describe('meta tags: what is not a paper', () => {
  it('og:title and og:type=article alone are not a paper', () => {
    expect(
      one(
        '<meta property="og:title" content="Ten tips for writing"><meta property="og:type" content="article">',
      ),
    ).toEqual([]);
  });

  it('a site-wide DOI and a page title without creators are not a paper', () => {
    const html = `<meta name="dc.title" content="About the journal"><meta name="dc.identifier" content="doi:10.5555/journal">`;
    expect(one(html)).toEqual([]);
  });

  it('CMS Dublin Core (title, creator, type Text) is not a paper', () => {
    const html = `<meta name="DC.title" content="Opening hours"><meta name="DC.creator" content="City Library"><meta name="DC.type" content="Text">`;
    expect(one(html)).toEqual([]);
  });

  it('a citation_title with nothing scholarly beside it is not a paper', () => {
    expect(one('<meta name="citation_title" content="Home page">')).toEqual([]);
  });

  it('unquoted attributes, property= and markup inside the title', () => {
    const [p] = one(
      `<meta content="Role of <i>E. coli</i> in soil" name=citation_title><meta property=citation_author content="Doe, Jane">` +
        `<meta name=citation_arxiv_id content=2101.00001v2><meta name="citation_pmid" content="123456">`,
    );
    expect(p?.title).toBe('Role of E. coli in soil');
    expect(p?.authors).toEqual(['Jane Doe']);
    expect([p?.id, ...(p?.aliases ?? [])]).toEqual(['arxiv:2101.00001', 'pmid:123456']);
  });

  it('personName flips only clear "Last, First" forms', () => {
    expect(personName('Kirchenbauer, John')).toBe('John Kirchenbauer');
    expect(personName('Smith, Jr.')).toBe('Smith, Jr.');
    expect(personName('A, B, C')).toBe('A, B, C');
    expect(personName('Ada Lovelace')).toBe('Ada Lovelace');
  });
});

describe('JSON-LD', () => {
  it('reads the ScholarlyArticle of an @graph and skips a malformed block and nested citations', () => {
    const { doc, url } = loadPage(
      'reconstructed/generic/jsonld-article.html',
      'https://journal.example.org/articles/2024/17',
    );
    expect(jsonLd.detect(doc, url)).toBe('single');
    const [p, ...rest] = jsonLd.extract(doc, url);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({
      id: 'arxiv:2403.09999',
      aliases: ['doi:10.5555/ejoe.2024.17'],
      title: 'Tidal energy siting with sparse sensor networks',
      authors: ['Maria Okafor', 'Tomás Rivera'],
      year: 2024,
      venue: 'Example Journal of Ocean Engineering',
      abstract: 'We place tidal turbines using a sparse network of acoustic sensors.',
      url: 'https://journal.example.org/articles/2024/17',
      pdfUrl: 'https://journal.example.org/articles/2024/17.pdf',
      kind: 'single',
    });
    expect(p?.element?.localName).toBe('h1');
  });

  it('reads the mainEntity of a WebPage (Springer, meta tags removed)', () => {
    const html = readFileSync(join(FIXTURES, 'springer/article_s10924-010-0192-1.html'), 'utf8');
    const { doc, url } = fromHtml(
      html,
      'https://link.springer.com/article/10.1007/s10924-010-0192-1',
    );
    for (const m of Array.from(doc.querySelectorAll('meta'))) m.remove();
    const r = detectPapers(doc, url);
    expect(r.sources).toEqual(['json-ld']);
    expect(r.papers.map((p) => p.id)).toEqual(['doi:10.1007/s10924-010-0192-1']);
    expect(r.papers[0]!.authors).toEqual([
      'Sanchita Bandyopadhyay-Ghosh',
      'Robert Jeng',
      'Joydeep Mukherjee',
      'Mohini Sain',
    ]);
  });

  const ld = (obj: unknown) => `<script type="application/ld+json">${JSON.stringify(obj)}</script>`;

  it('is conservative: blog posts, news and books without a DOI are not papers', () => {
    expect(
      one(ld({ '@type': 'BlogPosting', headline: 'My post', identifier: '10.5555/x' })),
    ).toEqual([]);
    expect(one(ld({ '@type': 'Article', headline: 'News story', author: 'A B' }))).toEqual([]);
    expect(one(ld({ '@type': 'Book', name: 'A Cookbook', isbn: '978-0-00-000000-0' }))).toEqual([]);
  });

  it('accepts a chapter with a DOI, schema: prefixed types and arrays of blocks', () => {
    const [p] = one(
      ld([
        { '@type': 'WebSite', name: 'x' },
        {
          '@type': ['schema:Chapter'],
          name: 'Deep Nets',
          sameAs: ['https://doi.org/10.1007/978-3-030-00001-1_2'],
        },
      ]),
    );
    expect(p?.id).toBe('doi:10.1007/978-3-030-00001-1_2');
  });

  it('two different scholarly entities are not "the page\'s paper"', () => {
    const html = ld({
      '@graph': [
        { '@type': 'ScholarlyArticle', name: 'One paper title' },
        { '@type': 'ScholarlyArticle', name: 'Another paper title' },
      ],
    });
    const { doc, url } = fromHtml(html, 'https://example.org/');
    expect(jsonLd.extract(doc, url)).toEqual([]);
  });
});

describe('COinS', () => {
  it('reads articles, preprints and theses; skips web pages and books without ids', () => {
    const { doc, url } = loadPage(
      'reconstructed/generic/repository-browse-coins.html',
      'https://eprints.example.ac.uk/view/year/2019.html',
    );
    expect(coins.detect(doc, url)).toBe('listing');
    const papers = coins.extract(doc, url);
    expect(papers.map((p) => [p.id, p.title, p.authors, p.year, p.venue])).toEqual([
      [
        'doi:10.5555/jae.2019.0871',
        'Soil carbon dynamics under regenerative grazing',
        ['J. Adams', 'K. Brown'],
        2019,
        'Journal of Applied Ecology',
      ],
      [
        'arxiv:1911.00123',
        'Graph neural networks for crop yield forecasting',
        ['Li Chen'],
        2019,
        undefined,
      ],
      [
        'title:nutrient cycling in sphagnum bogs',
        'Nutrient cycling in Sphagnum bogs',
        ['S. Evans'],
        2019,
        'University of Example',
      ],
    ]);
    expect(papers.every((p) => p.element?.localName === 'p' && p.kind === 'listing')).toBe(true);
    expect(papers[1]!.url).toBe('https://eprints.example.ac.uk/1202/');
  });
});

describe('links carrying paper ids', () => {
  const loadGeneric = (file: string, url: string) => {
    const { doc, url: u } = loadPage(`reconstructed/generic/${file}`, url);
    return { doc, url: u, r: detectPapers(doc, u) };
  };

  describe('reconstructed pages: exact ids and titles', () => checkReconstructed('generic'));

  it('awesome list: rows are the marked elements; chrome links do not count', () => {
    const { r } = loadGeneric(
      'awesome-list.html',
      'https://github.com/example-lab/awesome-efficient-transformers',
    );
    expect(r.sources).toEqual(['id-links']);
    expect(r.kind).toBe('listing');
    const ids = r.papers.map((p) => p.id);
    expect(ids).not.toContain('arxiv:1706.03762'); // header
    expect(ids).not.toContain('doi:10.5281/zenodo.1234567'); // nav
    expect(ids).not.toContain('arxiv:2303.08774'); // footer
    expect(ids).not.toContain('arxiv:2401.00001'); // javascript: link text
    const longformer = r.papers.find((p) => p.id === 'arxiv:2004.05150')!;
    expect(longformer.element?.localName).toBe('li');
    expect(longformer.url).toBe('https://arxiv.org/abs/2004.05150');
    expect(longformer.pdfUrl).toBe('https://arxiv.org/pdf/2004.05150.pdf');
    // A loose list item: the link's paragraph is inside the <li>, the <li> is the row.
    const flash = r.papers.find((p) => p.id === 'arxiv:2205.14135')!;
    expect(flash.element?.localName).toBe('li');
    // A paragraph citing three papers: each link stands alone.
    const gshard = r.papers.find((p) => p.id === 'arxiv:2006.16668')!;
    expect(gshard.element?.localName).toBe('a');
  });

  it('lab page: DOI + PubMed and OpenReview + arXiv links in one row make one paper', () => {
    const { r } = loadGeneric('lab-publications.html', 'https://ml.cs.example.edu/publications/');
    const enzyme = r.papers.find((p) => p.id === 'doi:10.5555/enzyme.2023.617')!;
    expect(enzyme.aliases).toEqual(['pmid:37100001']);
    expect(enzyme.element?.localName).toBe('li');
    const fed = r.papers.find((p) => p.id === 'arxiv:2206.07890')!;
    expect(fed.element?.className).toBe('pub');
    // The page's own Dublin Core ("Publications" by the group) is not a paper.
    expect(r.sources).toEqual(['id-links']);
  });

  it('blog post: neither the post (BlogPosting, DC, site-wide DOI) nor chrome links are papers', () => {
    const { r } = loadGeneric(
      'blog-post.html',
      'https://blog.example.net/2024/05/reading-notes-on-state-space-models/',
    );
    expect(r.sources).toEqual(['id-links']);
    expect(r.papers.map((p) => p.id)).toEqual(['arxiv:2312.00752', 'openreview:uYLFoz1vlAC']);
  });

  it('titles: labels, ids, URLs, citation keys and venues are not titles', () => {
    for (const s of [
      'PDF',
      '[paper]',
      'arXiv',
      'Project page',
      'Code',
      'link',
      'https://arxiv.org/abs/2101.00001',
      'arxiv.org/abs/2101.00001',
      'arXiv:2101.00001',
      '10.1145/3530811',
      'Vaswani et al. (2017)',
      'Smith 2020',
      'NeurIPS 2023',
      "ICLR'24",
      'J. Smith',
      'Proceedings of the ACL',
      'GShard',
    ])
      expect(looksLikeTitle(s), s).toBe(false);
    for (const s of [
      'Attention Is All You Need',
      'Switch Transformers',
      'LLM.int8(): 8-bit Matrix Multiplication for Transformers at Scale',
    ])
      expect(looksLikeTitle(s), s).toBe(true);
  });

  it('on a page without papers, each generic detect is one DOM query and finds nothing', () => {
    const links = Array.from(
      { length: 3000 },
      (_, i) => `<li><a href="/post/${i}">Post ${i}</a></li>`,
    ).join('');
    const { doc, url } = fromHtml(
      `<meta name="description" content="blog"><ul>${links}</ul>`,
      'https://example.org/',
    );
    let queries = 0;
    let depth = 0;
    for (const name of [
      'querySelector',
      'querySelectorAll',
      'getElementsByTagName',
      'getElementsByClassName',
    ] as const) {
      const orig = doc[name].bind(doc) as (s: string) => unknown;
      (doc as unknown as Record<string, unknown>)[name] = (s: string) => {
        // The selector engine may call these itself; count only the adapter's own calls.
        if (depth === 0) queries++;
        depth++;
        try {
          return orig(s);
        } finally {
          depth--;
        }
      };
    }
    for (const a of [metaTags, jsonLd, coins, idLinks]) {
      queries = 0;
      expect(a.detect(doc, url), a.id).toBeNull();
      expect(queries, a.id).toBe(1);
    }
    expect(detectPapers(doc, url).papers).toEqual([]);
  });

  it('a row of an id alone (no title anywhere) still counts, by its id', () => {
    const [p] = one(
      '<ul><li><a href="https://arxiv.org/abs/2401.12345">arXiv</a></li></ul>',
      'https://example.org/list',
    );
    expect(p).toMatchObject({ id: 'arxiv:2401.12345', title: '', source: 'id-links' });
  });
});
