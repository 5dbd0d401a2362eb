/** PubMed: the real result-row capture and a reconstructed article page. */
import { describe, expect, it } from 'vitest';
import { detectPapers, SITE_ADAPTERS } from '../../utils/detect/index';
import { pubmed } from '../../utils/detect/sites/pubmed';
import { LIMITS } from '../../utils/paper';
import { fromHtml, loadPage } from './helpers/page';

const SEARCH = 'https://pubmed.ncbi.nlm.nih.gov/?term=ego+depletion';
const ARTICLE = 'https://pubmed.ncbi.nlm.nih.gov/9599441/';

function run(file: string, url: string) {
  const { doc, url: u } = loadPage(file, url);
  return { kind: pubmed.detect(doc, u), papers: pubmed.extract(doc, u), doc, u };
}

describe('pubmed: URL claims', () => {
  it('claims its test URLs, and no other site adapter does', () => {
    for (const t of pubmed.testUrls) {
      const u = new URL(t);
      expect(
        SITE_ADAPTERS.filter((a) => a.matches(u)).map((a) => a.id),
        t,
      ).toEqual(['pubmed']);
    }
  });
  it('leaves alone PubMed pages that are not lists or articles', () => {
    for (const t of [
      'https://pubmed.ncbi.nlm.nih.gov/help/',
      'https://pubmed.ncbi.nlm.nih.gov/advanced/',
      'https://pubmed.ncbi.nlm.nih.gov/9599441/citations/',
      'https://www.ncbi.nlm.nih.gov/pubmed/9599441',
    ])
      expect(pubmed.matches(new URL(t)), t).toBe(false);
  });
});

describe('pubmed: result rows (real capture)', () => {
  it('reads pmid, title, authors, journal, year and the DOI in the citation', () => {
    const { kind, papers } = run('pubmed/search_ego-depletion_2026-08.html', SEARCH);
    expect(kind).toBe('listing');
    expect(papers).toHaveLength(10);
    expect(papers[0]).toMatchObject({
      id: 'doi:10.1037/a0019486',
      aliases: ['pmid:20565167'],
      title: 'Ego depletion and the strength model of self-control: a meta-analysis.',
      authors: ['Hagger MS', 'Wood C', 'Stiff C', 'Chatzisarantis NL'],
      year: 2010,
      venue: 'Psychol Bull',
      url: 'https://pubmed.ncbi.nlm.nih.gov/20565167/',
      kind: 'listing',
    });
    expect(papers[0]!.element?.tagName).toBe('ARTICLE');
    // Every row names its pmid.
    expect(papers.map((p) => [p.id, ...p.aliases].find((x) => x.startsWith('pmid:')))).toEqual([
      'pmid:20565167',
      'pmid:9599441',
      'pmid:39278166',
      'pmid:40589880',
      'pmid:36339834',
      'pmid:28813329',
      'pmid:34520296',
      'pmid:41459263',
      'pmid:28391367',
      'pmid:29591537',
    ]);
    // A consortium-sized author list is bounded by LIMITS.authors.
    expect(papers[6]!.authors.length).toBe(LIMITS.authors);
    expect(papers[6]!.authors[0]).toBe('Vohs KD');
  });

  it('reads a row with no citation line from its title link alone', () => {
    const { doc, url } = fromHtml(
      '<article class="full-docsum"><a class="docsum-title" href="/12345/">A title.</a></article>',
      SEARCH,
    );
    expect(pubmed.extract(doc, url)).toMatchObject([
      { id: 'pmid:12345', title: 'A title.', authors: [] },
    ]);
  });

  it('keeps a row titled "[No title available]" by its pmid, without that title', () => {
    const { doc, url } = fromHtml(
      '<article class="full-docsum"><a class="docsum-title" href="/2345678/" data-article-id="2345678">[No title available]</a>' +
        '<span class="short-journal-citation">Lancet. 1990.</span></article>' +
        '<article class="full-docsum"><a class="docsum-title" href="/3456789/">[Not Available].</a></article>' +
        '<article class="full-docsum"><a class="docsum-title" href="/4567890/">[Treatment of gout].</a></article>',
      SEARCH,
    );
    expect(pubmed.extract(doc, url).map((p) => [p.id, p.title])).toEqual([
      ['pmid:2345678', ''],
      ['pmid:3456789', ''],
      // A bracketed translated title is a real title.
      ['pmid:4567890', '[Treatment of gout].'],
    ]);
  });
});

describe('pubmed: article page (reconstructed)', () => {
  it('reads the meta tags and identifiers, not the similar articles', () => {
    const { kind, papers } = run('reconstructed/pubmed/article_9599441.html', ARTICLE);
    expect(kind).toBe('single');
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({
      id: 'doi:10.1037//0022-3514.74.5.1252',
      aliases: ['pmid:9599441'],
      title: 'Ego depletion: is the active self a limited resource?',
      authors: ['Baumeister RF', 'Bratslavsky E', 'Muraven M', 'Tice DM'],
      year: 1998,
      venue: 'J Pers Soc Psychol',
      url: ARTICLE,
      kind: 'single',
    });
    expect(papers[0]!.element?.tagName).toBe('H1');
  });

  it('is an article page by its DOM, also at a search URL (single-hit redirect)', () => {
    const { doc, url } = loadPage('reconstructed/pubmed/article_9599441.html', SEARCH);
    expect(pubmed.detect(doc, url)).toBe('single');
    expect(detectPapers(doc, url).papers.map((p) => p.aliases)).toEqual([['pmid:9599441']]);
  });

  it('falls back to the page when the meta tags are missing', () => {
    const { doc, url } = fromHtml(
      `<div id="full-view-heading"><h1 class="heading-title">Title here</h1>
       <div class="authors-list"><span class="authors-list-item"><a class="full-name">Ann Author</a></span></div>
       <ul id="full-view-identifiers"><li><span class="identifier pubmed"><strong class="current-id">111</strong></span></li>
       <li><span class="identifier doi"><a class="id-link" href="https://doi.org/10.1000/X">10.1000/X</a></span></li>
       <li><span class="identifier pmc"><a class="id-link" href="https://www.ncbi.nlm.nih.gov/pmc/articles/PMC222/">PMC222</a></span></li></ul></div>`,
      'https://pubmed.ncbi.nlm.nih.gov/111/',
    );
    expect(pubmed.extract(doc, url)).toMatchObject([
      {
        id: 'doi:10.1000/x',
        aliases: ['pmid:111', 'pmcid:PMC222'],
        title: 'Title here',
        authors: ['Ann Author'],
      },
    ]);
  });

  it('an article page titled "[No title available]" keeps its pmid, not that title', () => {
    const { doc, url } = fromHtml(
      `<meta name="citation_title" content="[No title available]"><meta name="citation_pmid" content="2345678">
       <div id="full-view-heading"><h1 class="heading-title">[No title available]</h1></div>`,
      'https://pubmed.ncbi.nlm.nih.gov/2345678/',
    );
    const papers = pubmed.extract(doc, url);
    expect(papers.map((p) => [p.id, p.title])).toEqual([['pmid:2345678', '']]);
  });
});
