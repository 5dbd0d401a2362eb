/** nature.com: article pages and the listings that link their articles relatively (reconstructed fixtures). */
import { describe, expect, it } from 'vitest';
import { gate } from '../../utils/detect/gate';
import { detectPapers, SITE_ADAPTERS } from '../../utils/detect/index';
import { nature } from '../../utils/detect/sites/nature';
import { fromHtml, loadPage } from './helpers/page';

const SEARCH = 'https://www.nature.com/search?q=deep+learning&order=relevance';
const ARTICLE = 'https://www.nature.com/articles/nature14539';

describe('nature: URL claims', () => {
  it('claims its test URLs, and no other site adapter does', () => {
    for (const t of nature.testUrls) {
      const u = new URL(t);
      expect(
        SITE_ADAPTERS.filter((a) => a.matches(u)).map((a) => a.id),
        t,
      ).toEqual(['nature']);
    }
  });

  it('leaves alone the home page, journal and about pages, PDFs and other hosts', () => {
    for (const t of [
      'https://www.nature.com/',
      'https://www.nature.com/nature',
      'https://www.nature.com/nature/about',
      'https://www.nature.com/nature/news',
      'https://www.nature.com/collections/abcdefghij',
      'https://www.nature.com/articles/nature14539.pdf',
      'https://www.nature.com/articles/',
      'https://www.nature.com/subjects/',
      'https://link.springer.com/article/10.1007/s10924-010-0192-1',
      'https://www.notnature.com/articles/nature14539',
      'https://example.org/articles/nature14539',
    ])
      expect(nature.matches(new URL(t)), t).toBe(false);
  });

  it('lets a listing through the every-page gate on its URL alone', () => {
    const empty = fromHtml('<!doctype html><title>x</title>', SEARCH).doc;
    expect(gate(empty, new URL(SEARCH))).toBe('nature');
  });
});

describe('nature: search results', () => {
  it('reads one paper per card, nothing from menus, asides, footers or repeats', () => {
    const { doc, url } = loadPage('reconstructed/nature/search_deep-learning.html', SEARCH);
    expect(nature.detect(doc, url)).toBe('listing');
    const papers = nature.extract(doc, url);
    expect(papers.map((p) => [p.id, p.title])).toEqual([
      ['doi:10.1038/nature14539', 'Deep learning'],
      [
        'doi:10.1038/s41586-021-03819-2',
        'Highly accurate protein structure prediction with AlphaFold',
      ],
      ['doi:10.1038/d41586-024-00042-x', 'How deep learning is changing the lab'],
      ['doi:10.1038/s41467-019-13056-x', 'Deep learning for single-cell analysis'],
    ]);
    expect(papers[0]).toMatchObject({
      authors: ['Yann LeCun', 'Yoshua Bengio', 'Geoffrey Hinton'],
      year: 2015,
      venue: 'Nature',
      url: 'https://www.nature.com/articles/nature14539',
      kind: 'listing',
      source: 'nature',
    });
    expect(papers[0]!.abstract).toMatch(/^Deep learning allows computational models/);
    expect(papers[0]!.element?.tagName).toBe('ARTICLE');
    // The ellipsis item of a shortened author list is no author.
    expect(papers[1]!.authors).toEqual(['John Jumper', 'Richard Evans', 'Demis Hassabis']);
    expect(papers[3]).toMatchObject({ venue: 'Nature Communications', year: 2019 });
    expect(detectPapers(doc, url)).toMatchObject({ kind: 'listing', sources: ['nature'] });
  });

  it('reads an issue table of contents by its microdata alone', () => {
    const toc = 'https://www.nature.com/nature/volumes/521/issues/7553';
    const { doc, url } = fromHtml(
      `<section data-container-type="issue-section-list"><h2>Reviews</h2>
        <article><h3 itemprop="name headline"><a itemprop="url" href="/articles/nature14539">Deep learning</a></h3>
        <ul><li itemprop="creator"><span itemprop="name">Yann LeCun</span></li></ul>
        <time itemprop="datePublished" datetime="2015-05-27">27 May 2015</time></article></section>`,
      toc,
    );
    expect(nature.detect(doc, url)).toBe('listing');
    expect(nature.extract(doc, url)).toMatchObject([
      {
        id: 'doi:10.1038/nature14539',
        title: 'Deep learning',
        authors: ['Yann LeCun'],
        year: 2015,
      },
    ]);
  });
});

describe('nature: article page', () => {
  it('reads the meta tags, with the DOI the address names', () => {
    const { doc, url } = loadPage('reconstructed/nature/article_nature14539.html', ARTICLE);
    expect(nature.detect(doc, url)).toBe('single');
    const papers = nature.extract(doc, url);
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({
      id: 'doi:10.1038/nature14539',
      aliases: [],
      title: 'Deep learning',
      authors: ['Yann LeCun', 'Yoshua Bengio', 'Geoffrey Hinton'],
      year: 2015,
      venue: 'Nature',
      url: ARTICLE,
      kind: 'single',
      source: 'nature',
    });
    expect(papers[0]!.element?.tagName).toBe('H1');
    expect(detectPapers(doc, url)).toMatchObject({ kind: 'single', sources: ['nature'] });
  });

  it('lower-cases the DOI from an address in capitals', () => {
    const { doc, url } = loadPage(
      'reconstructed/nature/article_nature14539.html',
      'https://www.nature.com/articles/NATURE14539',
    );
    expect(nature.extract(doc, url)[0]?.id).toBe('doi:10.1038/nature14539');
  });

  it('finds nothing on an article address without meta tags', () => {
    const { doc, url } = fromHtml('<h1>Deep learning</h1>', ARTICLE);
    expect(nature.detect(doc, url)).toBeNull();
    expect(nature.extract(doc, url)).toEqual([]);
  });
});
