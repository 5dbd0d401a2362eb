/**
 * PubMed Central article pages (pmc.ncbi.nlm.nih.gov/articles/PMC…, and the older
 * www.ncbi.nlm.nih.gov/pmc/articles/PMC… address): the PMCID from the URL, DOI and PMID from the
 * citation_* meta tags the page carries for indexers.
 */
import { idsFromUrl } from '../../identity';
import { LIMITS } from '../../paper';
import type { Adapter } from '../adapter';
import { absUrl, metaContent, metaContents, text, yearOf } from '../dom';
import { makePaper } from '../make-paper';

const ID = 'pmc';

const ARTICLE_PATH = /^\/(?:pmc\/)?articles\/(PMC\d{1,9})\/?$/i;

function articleId(u: URL): string | undefined {
  const host = u.hostname.toLowerCase();
  const m = ARTICLE_PATH.exec(u.pathname);
  if (!m) return undefined;
  // The new host serves /articles/…; the old one only /pmc/articles/….
  if (host === 'pmc.ncbi.nlm.nih.gov') return m[1];
  if (
    (host === 'www.ncbi.nlm.nih.gov' || host === 'ncbi.nlm.nih.gov') &&
    u.pathname.startsWith('/pmc/')
  )
    return m[1];
  return undefined;
}

/** Author manuscripts say "available in PMC: 2021 …" before the real citation; prefer the latter. */
function citedYearText(s: string): string {
  const i = s.search(/final edited form as:/i);
  return i >= 0 ? s.slice(i) : s;
}

/** The URL check alone: the every-page gate (utils/detect/gate.ts) imports it without extract. */
export const pmcMatches = (u: URL): boolean => articleId(u) !== undefined;

export const pmc: Adapter = {
  id: ID,
  matches: pmcMatches,
  testUrls: [
    'https://pmc.ncbi.nlm.nih.gov/articles/PMC6851403/',
    'https://pmc.ncbi.nlm.nih.gov/articles/PMC6427092',
    'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC6851403/',
  ],
  detect(doc, url) {
    if (!articleId(url)) return null;
    return doc.querySelector('meta[name="citation_title" i], section.pmc-layout__citation')
      ? 'single'
      : null;
  },
  extract(doc, url) {
    const pmcid = articleId(url);
    const heading = doc.querySelector('main article hgroup h1, main h1, h1');
    const title = metaContent(doc, 'citation_title') || text(heading);
    if (!pmcid || !title) return [];
    const home = `https://pmc.ncbi.nlm.nih.gov/articles/${pmcid.toUpperCase()}/`;
    const pdf = doc.querySelector('a[data-ga-label*="pdf_download"][href]');
    const ids = [
      `pmcid:${pmcid}`,
      `doi:${metaContent(doc, 'citation_doi')}`,
      `pmid:${metaContent(doc, 'citation_pmid')}`,
    ];
    // Without meta tags, the citation line links the DOI and the front matter the PubMed record;
    // both are scoped so the reference list's links never count.
    const idLinks = doc.querySelectorAll(
      'section.pmc-layout__citation a[href], section.front-matter a[href^="https://pubmed.ncbi.nlm.nih.gov/"]',
    );
    for (let i = 0; i < idLinks.length && i < 40; i++)
      ids.push(...idsFromUrl(idLinks[i]!.getAttribute('href')!, url.href));
    let authors = metaContents(doc, 'citation_author');
    if (!authors.length)
      authors = Array.from(doc.querySelectorAll('section.front-matter .cg .name'))
        .slice(0, LIMITS.authors)
        .map((a) => text(a, LIMITS.author));
    const p = makePaper(
      {
        ids,
        title,
        authors,
        year: yearOf(
          metaContent(doc, 'citation_publication_date') ||
            metaContent(doc, 'citation_date') ||
            citedYearText(text(doc.querySelector('section.pmc-layout__citation'), 400)),
        ),
        venue:
          metaContent(doc, 'citation_journal_title') ||
          text(doc.querySelector('section.pmc-layout__citation button'), LIMITS.venue),
        abstract:
          metaContent(doc, 'citation_abstract') ||
          text(doc.querySelector('section.abstract > p'), LIMITS.abstract) ||
          metaContent(doc, 'description'),
        url: home,
        // Relative ("pdf/x.pdf"): resolve against the article's own address, which ends in a slash.
        pdfUrl: metaContent(doc, 'citation_pdf_url') || absUrl(pdf?.getAttribute('href'), home),
        element: heading && text(heading, 20) ? heading : null,
      },
      ID,
      'single',
      url,
    );
    return p ? [p] : [];
  },
};
