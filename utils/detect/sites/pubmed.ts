/**
 * PubMed (pubmed.ncbi.nlm.nih.gov): result lists (article.full-docsum rows on search, clipboard and
 * trending pages) and article pages (/<pmid>/: citation_* meta tags, identifier spans as fallback).
 */
import { idsFromUrl } from '../../identity';
import { LIMITS, type FoundPaper } from '../../paper';
import type { Adapter } from '../adapter';
import { absUrl, attr, clean, metaContent, metaContents, text, yearOf } from '../dom';
import { makePaper } from '../make-paper';

const ID = 'pubmed';

const HOST = 'pubmed.ncbi.nlm.nih.gov';
const ARTICLE_PATH = /^\/(\d{1,9})\/?$/;
const LISTING_PATH = /^\/(?:|clipboard\/|trending\/)$/;

// Article pages list "similar articles" and "cited by" as docsum rows too; the article's own
// metadata decides the page kind there, so those rows are never taken for the page's papers.
const ROW = 'article.full-docsum';
const ARTICLE_HOOK = 'meta[name="citation_pmid" i], #full-view-heading';

/**
 * MEDLINE's stand-ins for a missing (English) title, shown as the title on PubMed: they name no
 * paper, so the pmid alone identifies it.
 */
const NO_TITLE = /^\[(?:no title available|not available)\]\.?$/i;

function realTitle(s: string): string {
  return NO_TITLE.test(s) ? '' : s;
}

/** "Hagger MS, Wood C, Stiff C." → names; PubMed separates names by commas only. */
function splitPubmedAuthors(s: string): string[] {
  return s
    .replace(/\.\s*$/, '')
    .split(/\s*[,;]\s*/)
    .map((a) => clean(a, LIMITS.author))
    .filter((a) => a.length > 0 && !/^et al\.?$/i.test(a))
    .slice(0, LIMITS.authors);
}

function row(el: Element, base: URL): FoundPaper | null {
  const link = el.querySelector('a.docsum-title');
  const pmid =
    attr(link, 'data-article-id') ||
    text(el.querySelector('.docsum-pmid'), 20) ||
    ARTICLE_PATH.exec(attr(link, 'href'))?.[1];
  const ids: Array<string | undefined> = [pmid ? `pmid:${pmid}` : undefined];
  const cite = text(el.querySelector('.full-journal-citation'), 1000);
  // "Psychol Bull. 2010 Jul;136(4):495-525. doi: 10.1037/a0019486. Epub 2010 …"
  const doi = /\bdoi:\s*(10\.\S+)/i.exec(cite)?.[1];
  if (doi) ids.push(`doi:${doi}`);
  // "Psychol Bull. 2010." → journal abbreviation and year.
  const short = text(el.querySelector('.short-journal-citation'), LIMITS.venue);
  const venue = (short || cite).replace(/\.?\s*(?:1[6-9]|20)\d\d\b.*$/, '').replace(/\.$/, '');
  const authorsText =
    text(el.querySelector('.full-authors'), 20_000) ||
    text(el.querySelector('.short-authors'), 1000);
  return makePaper(
    {
      ids,
      title: realTitle(text(link)),
      authors: splitPubmedAuthors(authorsText),
      year: yearOf(short || cite),
      venue,
      url: link ? absUrl(attr(link, 'href'), base) : pmid ? `/${pmid}/` : undefined,
      element: el,
    },
    ID,
    'listing',
    base,
  );
}

function articlePage(doc: Document, url: URL): FoundPaper | null {
  const heading = doc.querySelector('#full-view-heading h1.heading-title, h1.heading-title');
  const title = realTitle(clean(metaContent(doc, 'citation_title'))) || realTitle(text(heading));
  const pmid =
    metaContent(doc, 'citation_pmid') ||
    text(
      doc.querySelector('#full-view-identifiers .identifier.pubmed .current-id, .current-id'),
      20,
    ) ||
    ARTICLE_PATH.exec(url.pathname)?.[1];
  const doi =
    metaContent(doc, 'citation_doi') ||
    text(
      doc.querySelector('#full-view-identifiers .identifier.doi a.id-link, .identifier.doi a'),
      300,
    );
  const ids: Array<string | undefined> = [
    pmid ? `pmid:${pmid}` : undefined,
    doi ? `doi:${doi}` : undefined,
  ];
  const pmcLink = doc.querySelector('#full-view-identifiers .identifier.pmc a[href]');
  if (pmcLink) ids.push(...idsFromUrl(attr(pmcLink, 'href'), url.href));

  // PubMed writes all authors into one citation_authors tag ("Baumeister RF;Bratslavsky E;…").
  let authors = metaContents(doc, 'citation_author');
  if (!authors.length) authors = splitPubmedAuthors(metaContent(doc, 'citation_authors'));
  if (!authors.length)
    authors = Array.from(doc.querySelectorAll('.authors-list .authors-list-item a.full-name'))
      .slice(0, LIMITS.authors)
      .map((a) => text(a, LIMITS.author));

  return makePaper(
    {
      ids,
      title,
      authors: [...new Set(authors)],
      year: yearOf(
        metaContent(doc, 'citation_date') ||
          metaContent(doc, 'citation_publication_date') ||
          text(doc.querySelector('#full-view-heading .cit'), 200),
      ),
      venue:
        metaContent(doc, 'citation_journal_title') ||
        metaContent(doc, 'citation_publisher') ||
        text(doc.querySelector('#full-view-heading .journal-actions-trigger'), LIMITS.venue),
      abstract: text(doc.querySelector('#abstract .abstract-content'), LIMITS.abstract),
      url: pmid ? `https://${HOST}/${pmid}/` : url.href,
      pdfUrl: metaContent(doc, 'citation_pdf_url'),
      element: heading,
    },
    ID,
    'single',
    url,
  );
}

/** The URL check alone: the every-page gate (utils/detect/gate.ts) imports it without extract. */
export const pubmedMatches = (u: URL): boolean =>
  u.hostname === HOST && (ARTICLE_PATH.test(u.pathname) || LISTING_PATH.test(u.pathname));

export const pubmed: Adapter = {
  id: ID,
  matches: pubmedMatches,
  testUrls: [
    'https://pubmed.ncbi.nlm.nih.gov/?term=ego+depletion',
    'https://pubmed.ncbi.nlm.nih.gov/?term=ego+depletion&sort=date&page=2',
    'https://pubmed.ncbi.nlm.nih.gov/9599441/',
    'https://pubmed.ncbi.nlm.nih.gov/clipboard/',
    'https://pubmed.ncbi.nlm.nih.gov/trending/',
  ],
  detect(doc) {
    // A one-hit search renders the article page at the search URL, so look at the DOM, not the path.
    if (doc.querySelector(ARTICLE_HOOK)) return 'single';
    return doc.querySelector(`${ROW} a.docsum-title`) ? 'listing' : null;
  },
  extract(doc, url) {
    if (doc.querySelector(ARTICLE_HOOK)) {
      const p = articlePage(doc, url);
      return p ? [p] : [];
    }
    const rows = doc.querySelectorAll(ROW);
    const out: FoundPaper[] = [];
    const n = Math.min(rows.length, LIMITS.rowsPerPage * 2);
    for (let i = 0; i < n && out.length < LIMITS.rowsPerPage; i++) {
      const p = row(rows[i]!, url);
      if (p) out.push(p);
    }
    return out;
  },
};
