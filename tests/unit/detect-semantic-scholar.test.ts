/** Semantic Scholar: the real search capture, and reconstructed paper and author pages. */
import { describe, expect, it } from 'vitest';
import { detectPapers, SITE_ADAPTERS } from '../../utils/detect/index';
import { semanticScholar } from '../../utils/detect/sites/semantic-scholar';
import { fromHtml, loadPage } from './helpers/page';

const SEARCH = 'https://www.semanticscholar.org/search?q=ego%20depletion&sort=relevance';
const PAPER =
  'https://www.semanticscholar.org/paper/Ego-depletion%3A-is-the-active-self-a-limited-Baumeister-Bratslavsky/516c2035d29bb711be2e027be4ad38224419065a';
const AUTHOR = 'https://www.semanticscholar.org/author/R.-Baumeister/5142080';

function run(file: string, url: string) {
  const { doc, url: u } = loadPage(file, url);
  return { kind: semanticScholar.detect(doc, u), papers: semanticScholar.extract(doc, u), doc, u };
}

describe('semantic-scholar: URL claims', () => {
  it('claims its test URLs, and no other site adapter does', () => {
    for (const t of semanticScholar.testUrls) {
      const u = new URL(t);
      expect(
        SITE_ADAPTERS.filter((a) => a.matches(u)).map((a) => a.id),
        t,
      ).toEqual(['semantic-scholar']);
    }
  });
  it('leaves alone the API, PDFs and pages without papers', () => {
    for (const t of [
      'https://api.semanticscholar.org/graph/v1/paper/search?query=x',
      'https://pdfs.semanticscholar.org/5814/471580b6a3bf7f3138550dab425399cc720b.pdf',
      'https://www.semanticscholar.org/',
      'https://www.semanticscholar.org/me/library',
      'https://www.semanticscholar.org/paper/not-an-id',
    ])
      expect(semanticScholar.matches(new URL(t)), t).toBe(false);
  });
});

describe('semantic-scholar: search results (real capture)', () => {
  it('reads every row with its S2 id, plus the ids its outbound link names', () => {
    const { kind, papers } = run('semantic-scholar/search_ego-depletion_2026-08.html', SEARCH);
    expect(kind).toBe('listing');
    expect(papers).toHaveLength(10);
    const first = papers[0]!;
    // Query highlights (<em>) split the title; it reads as one string.
    expect(first.title).toBe('Ego depletion: is the active self a limited resource?');
    expect(first.id).toBe('pmid:9599441');
    expect(first.aliases).toEqual(['s2:516c2035d29bb711be2e027be4ad38224419065a']);
    expect(first.authors).toEqual([
      'R. Baumeister',
      'Ellen Bratslavsky',
      'Mark Muraven',
      'D. Tice',
    ]);
    expect(first.year).toBe(1998);
    expect(first.venue).toBe('Journal of Personality and Social Psychology');
    expect(first.url).toBe(PAPER);
    expect(first.pdfUrl).toBe(
      'http://www.psychologytoday.com/files/attachments/584/baumeisteretal1998.pdf',
    );
    expect(first.element?.getAttribute('data-paper-id')).toBe(
      '516c2035d29bb711be2e027be4ad38224419065a',
    );

    // A row whose outbound link is a doi.org URL; one whose only link is an S2 PDF.
    expect(papers[1]!.id).toBe('doi:10.1177/15480518241305683');
    expect(papers[3]!.id).toBe('s2:fd5804448d4c1ec99859bc59836e8e37fa9a2e6a');
    expect(papers[3]!.aliases).toEqual([]);
    expect(papers[3]!.pdfUrl).toBe(
      'https://pdfs.semanticscholar.org/465c/65dd042d3ba7154ef0648ea142e3f67b0b83.pdf',
    );
    // "+31 authors" stays collapsed: only the names shown.
    expect(papers[4]!.authors).toEqual(['J. Dang', 'Shanshan Xiao', 'H. Schiöth']);
    // Its outbound link is PubMed's; the open-access badge's own link is the doi.org one.
    expect([papers[2]!.id, ...papers[2]!.aliases]).toEqual([
      'doi:10.1016/j.copsyc.2024.101882',
      'pmid:39278166',
      's2:01e27939e93cfafd17ae9a73d78c9d6a9c2212f4',
    ]);
    expect(papers.every((p) => [p.id, ...p.aliases].some((x) => x.startsWith('s2:')))).toBe(true);
  });

  it('finds nothing on an empty or rate-limited result page', () => {
    const { doc, url } = fromHtml(
      '<div data-test-id="results"><div data-test-id="error-message-block">Too many requests</div></div>',
      SEARCH,
    );
    expect(semanticScholar.detect(doc, url)).toBeNull();
    expect(semanticScholar.extract(doc, url)).toEqual([]);
  });
});

describe('semantic-scholar: paper page (reconstructed)', () => {
  it('reads the meta tags and header links, not the citing papers', () => {
    const { kind, papers } = run('reconstructed/semantic-scholar/paper_ego-depletion.html', PAPER);
    expect(kind).toBe('single');
    expect(papers).toHaveLength(1);
    const p = papers[0]!;
    expect(p.kind).toBe('single');
    expect(p.id).toBe('doi:10.1037/0022-3514.74.5.1252');
    expect(p.aliases).toEqual(['pmid:9599441', 's2:516c2035d29bb711be2e027be4ad38224419065a']);
    expect(p.title).toBe('Ego depletion: is the active self a limited resource?');
    expect(p.authors).toEqual(['R. Baumeister', 'Ellen Bratslavsky', 'Mark Muraven', 'D. Tice']);
    expect(p.year).toBe(1998);
    expect(p.venue).toBe('Journal of Personality and Social Psychology');
    expect(p.abstract).toMatch(/^Choice, active response/);
    expect(p.url).toBe(PAPER);
    expect(p.element?.tagName).toBe('H1');
    const page = loadPage('reconstructed/semantic-scholar/paper_ego-depletion.html', PAPER);
    expect(detectPapers(page.doc, page.url)).toMatchObject({
      kind: 'single',
      sources: ['semantic-scholar'],
    });
  });

  it('falls back to the rendered heading when meta tags are missing', () => {
    const { doc, url } = fromHtml(
      '<h1 data-test-id="paper-detail-title">A Title</h1><span data-test-id="author-list"><a class="author-list__author-name" href="/author/A/1">A Author</a></span>',
      'https://www.semanticscholar.org/paper/0123456789abcdef0123456789abcdef01234567',
    );
    expect(semanticScholar.extract(doc, url)).toMatchObject([
      {
        id: 's2:0123456789abcdef0123456789abcdef01234567',
        title: 'A Title',
        authors: ['A Author'],
      },
    ]);
  });
});

describe('semantic-scholar: legacy search rows (reconstructed, about 2020)', () => {
  it('reads the outbound link marked data-selenium-selector="paper-link"', () => {
    const { kind, papers } = run(
      'reconstructed/semantic-scholar/search_legacy-2020.html',
      'https://www.semanticscholar.org/search?q=attention&sort=relevance',
    );
    expect(kind).toBe('listing');
    expect(papers.map((p) => [p.id, ...p.aliases])).toEqual([
      ['arxiv:1706.03762', 's2:204e3073870fae3d05bcbc2f6a8e263d9b72e776'],
    ]);
    expect(papers[0]).toMatchObject({
      pdfUrl: 'https://arxiv.org/pdf/1706.03762.pdf',
      year: 2017,
      venue: 'NIPS',
    });
  });
});

describe('semantic-scholar: paper page without citation tags (reconstructed)', () => {
  const NOSLUG = 'https://www.semanticscholar.org/paper/204e3073870fae3d05bcbc2f6a8e263d9b72e776';

  it('reads the DOI line, the year, the venue line and the arXiv PDF link', () => {
    const { kind, papers } = run(
      'reconstructed/semantic-scholar/paper_noslug_arxiv-doi.html',
      NOSLUG,
    );
    expect(kind).toBe('single');
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({
      id: 'arxiv:1706.03762',
      // arXiv's DataCite DOI, as the DOI line shows it, stays an alias.
      aliases: ['doi:10.48550/arxiv.1706.03762', 's2:204e3073870fae3d05bcbc2f6a8e263d9b72e776'],
      year: 2017,
      venue: 'Neural Information Processing Systems',
      pdfUrl: 'https://arxiv.org/pdf/1706.03762.pdf',
      url: NOSLUG,
    });
  });

  it('a publisher DOI shown only in the DOI line names the paper', () => {
    const { papers } = run('reconstructed/semantic-scholar/paper_noslug_doi-link.html', NOSLUG);
    expect(papers.map((p) => [p.id, ...p.aliases])).toEqual([
      ['doi:10.5555/3295222.3295349', 's2:204e3073870fae3d05bcbc2f6a8e263d9b72e776'],
    ]);
    expect(papers[0]!.year).toBe(2017);
    // The publisher's page is not a PDF.
    expect(papers[0]!.pdfUrl).toBeUndefined();
  });
});

describe('semantic-scholar: author page (reconstructed)', () => {
  it('reads the rows, taking the id from the title link when data-paper-id is missing', () => {
    const { kind, papers } = run('reconstructed/semantic-scholar/author_r-baumeister.html', AUTHOR);
    expect(kind).toBe('listing');
    expect(papers.map((p) => [p.id, ...p.aliases])).toEqual([
      ['pmid:9599441', 's2:516c2035d29bb711be2e027be4ad38224419065a'],
      ['doi:10.1016/j.copsyc.2024.101882', 's2:01e27939e93cfafd17ae9a73d78c9d6a9c2212f4'],
      ['arxiv:1606.01234', 's2:8c1e5d2e2d6e2a3c0f9f1b4f5b3d7a6e9c0b1a2d'],
    ]);
    expect(papers[2]!.venue).toBeUndefined();
    expect(papers[2]!.year).toBe(2017);
  });
});
