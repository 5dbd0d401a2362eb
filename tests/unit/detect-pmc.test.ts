/** PubMed Central article pages (reconstructed fixture, 2024+ layout). */
import { describe, expect, it } from 'vitest';
import { detectPapers, SITE_ADAPTERS } from '../../utils/detect/index';
import { pmc } from '../../utils/detect/sites/pmc';
import { fromHtml, loadPage } from './helpers/page';

const ARTICLE = 'https://pmc.ncbi.nlm.nih.gov/articles/PMC6851403/';
const FILE = 'reconstructed/pmc/article_PMC6851403.html';

describe('pmc: URL claims', () => {
  it('claims its test URLs, and no other site adapter does', () => {
    for (const t of pmc.testUrls) {
      const u = new URL(t);
      expect(
        SITE_ADAPTERS.filter((a) => a.matches(u)).map((a) => a.id),
        t,
      ).toEqual(['pmc']);
    }
  });
  it('leaves alone PDFs, search and other NCBI pages', () => {
    for (const t of [
      'https://pmc.ncbi.nlm.nih.gov/articles/PMC6851403/pdf/nihms-1026786.pdf',
      'https://pmc.ncbi.nlm.nih.gov/search/?term=dyslexia',
      'https://pmc.ncbi.nlm.nih.gov/',
      'https://www.ncbi.nlm.nih.gov/articles/PMC6851403/',
      'https://pubmed.ncbi.nlm.nih.gov/31081650/',
      'https://europepmc.org/article/PMC/PMC6851403',
    ])
      expect(pmc.matches(new URL(t)), t).toBe(false);
  });
});

describe('pmc: article page', () => {
  it('reads PMCID from the URL and DOI/PMID from the meta tags, not the references', () => {
    const { doc, url } = loadPage(FILE, ARTICLE);
    expect(pmc.detect(doc, url)).toBe('single');
    const papers = pmc.extract(doc, url);
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({
      id: 'doi:10.1037/amp0000452',
      aliases: ['pmid:31081650', 'pmcid:PMC6851403'],
      title:
        'Understanding, Educating, and Supporting Children with Specific Learning Disabilities: 50 Years of Science and Practice',
      authors: [
        'Elena L Grigorenko',
        'Donald L Compton',
        'Lynn S Fuchs',
        'Richard K Wagner',
        'Erik G Willcutt',
        'Jack M Fletcher',
      ],
      year: 2020,
      venue: 'The American psychologist',
      url: ARTICLE,
      pdfUrl: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC6851403/pdf/nihms-1026786.pdf',
      kind: 'single',
    });
    expect(papers[0]!.element?.tagName).toBe('H1');
    expect(detectPapers(doc, url)).toMatchObject({ kind: 'single', sources: ['pmc'] });
  });

  it('falls back to the page without meta tags, still ignoring the reference list', () => {
    const { doc, url } = loadPage(FILE, 'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC6851403');
    for (const m of Array.from(doc.querySelectorAll('meta[name^="citation_"]'))) m.remove();
    const [p] = pmc.extract(doc, url);
    expect(p).toMatchObject({
      id: 'doi:10.1037/amp0000452',
      aliases: ['pmid:31081650', 'pmcid:PMC6851403'],
      authors: [
        'Elena L Grigorenko',
        'Donald L Compton',
        'Lynn S Fuchs',
        'Richard K Wagner',
        'Erik G Willcutt',
        'Jack M Fletcher',
      ],
      year: 2019,
      venue: 'Am Psychol',
      // The relative PDF link resolves against the article, not the slash-less URL.
      pdfUrl: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC6851403/pdf/nihms-1026786.pdf',
    });
    expect(p!.title).toMatch(/^Understanding, Educating/);
  });

  it('finds nothing on a page that is not an article (e.g. an error page)', () => {
    const { doc, url } = fromHtml('<h1>Page not available</h1>', ARTICLE);
    expect(pmc.detect(doc, url)).toBeNull();
  });
});
