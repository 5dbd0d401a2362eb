/**
 * Semantic Scholar: search results and author pages (rows of .cl-paper-row carrying the 40-hex paper
 * id in data-paper-id) and paper pages (/paper/<slug>/<id>: citation_* meta tags).
 *
 * The site is a single-page app; rows are in the DOM only after it renders them, and paging swaps
 * them in place, which the content script's observer handles by detecting again.
 */
import { idsFromUrl } from '../../identity';
import { LIMITS, type FoundPaper } from '../../paper';
import type { Adapter } from '../adapter';
import { absUrl, attr, metaContent, metaContents, text, yearOf } from '../dom';
import { makePaper } from '../make-paper';

const ID = 'semantic-scholar';

const HOST = /^(?:www\.)?semanticscholar\.org$/;
const PAPER_PATH = /^\/paper\/(?:[^/]+\/)?([0-9a-f]{40})\/?$/i;
const LISTING_PATH = /^\/(?:search|author\/[^/]+\/\d+)\/?$/;
const HEX40 = /^[0-9a-f]{40}$/i;

// Paper pages reuse .cl-paper-row for their citation and reference lists; those are not the page's
// papers, which is why the page kind comes from the URL rather than from the rows present.
const ROW = '.cl-paper-row';

function row(el: Element, base: URL): FoundPaper | null {
  const link = el.querySelector('a[data-test-id="title-link"][href], a[href*="/paper/"]');
  const href = link ? absUrl(link.getAttribute('href'), base) : undefined;
  const fromHref = href ? PAPER_PATH.exec(new URL(href).pathname) : null;
  const paperId = HEX40.test(attr(el, 'data-paper-id')) ? attr(el, 'data-paper-id') : fromHref?.[1];
  if (!paperId) return null;
  const ids: string[] = [`s2:${paperId}`];
  // The outbound "paper link" (publisher via doi.org, PubMed, arXiv) names the paper's other ids.
  const out = el.querySelector('a[data-test-id="paper-link"][href]');
  const outHref = out ? absUrl(out.getAttribute('href'), base) : undefined;
  if (outHref) ids.push(...idsFromUrl(outHref));

  const heading = el.querySelector('.cl-paper-title') ?? link;
  const authors = Array.from(
    // Simple selectors only: descendant combinators are slow per row in Blink (see google-scholar).
    el.querySelectorAll('a.cl-paper-authors__author-box, a[href^="/author/"]'),
  )
    .slice(0, LIMITS.authors)
    .map((a) => text(a, LIMITS.author));
  const venue = text(
    el.querySelector('[data-test-id="venue-metadata"], .cl-paper-venue'),
    LIMITS.venue,
  );
  const year = yearOf(text(el.querySelector('.cl-paper-pubdates'), 50));

  // A PDF: the open-access badge's link, else the outbound link when it is a PDF itself.
  const badge = el.querySelector('[data-test-id="paper-badge-open_access"]')?.closest('a[href]');
  let pdfUrl = badge && el.contains(badge) ? absUrl(badge.getAttribute('href'), base) : undefined;
  if (
    !pdfUrl &&
    outHref &&
    (attr(out, 'data-heap-direct-pdf-link') === 'true' || /\.pdf(?:$|[?#])/i.test(outHref))
  )
    pdfUrl = outHref;

  return makePaper(
    {
      ids,
      title: text(heading),
      authors: [...new Set(authors)],
      year,
      venue,
      url: href ?? `/paper/${paperId}`,
      pdfUrl,
      element: el,
    },
    ID,
    'listing',
    base,
  );
}

function paperPage(doc: Document, url: URL): FoundPaper | null {
  const paperId = PAPER_PATH.exec(url.pathname)?.[1];
  const heading = doc.querySelector('h1[data-test-id="paper-detail-title"]');
  // og:title carries a " | Semantic Scholar" suffix; citation_title and the heading do not.
  const title = metaContent(doc, 'citation_title') || text(heading);
  if (!title) return null;
  let authors = metaContents(doc, 'citation_author');
  if (!authors.length)
    authors = Array.from(
      doc.querySelectorAll('[data-test-id="author-list"] a.author-list__author-name'),
    )
      .slice(0, LIMITS.authors)
      .map((a) => text(a, LIMITS.author));
  const ids = [
    paperId ? `s2:${paperId}` : null,
    `doi:${metaContent(doc, 'citation_doi')}`,
    `arxiv:${metaContent(doc, 'citation_arxiv_id')}`,
  ];
  // Outbound links (publisher, PubMed, arXiv) in the header only: citation rows have their own.
  const header = doc.querySelector('.fresh-paper-detail-page__header');
  for (const a of Array.from(
    header?.querySelectorAll('a[data-test-id="paper-link"][href]') ?? [],
  ).slice(0, 5))
    ids.push(...idsFromUrl(a.getAttribute('href')!, url.href));
  return makePaper(
    {
      ids,
      title,
      authors,
      year: yearOf(
        metaContent(doc, 'citation_publication_date') || metaContent(doc, 'citation_date'),
      ),
      venue:
        metaContent(doc, 'citation_journal_title') || metaContent(doc, 'citation_conference_title'),
      // meta description is the TLDR, not the abstract.
      abstract:
        metaContent(doc, 'citation_abstract') ||
        text(header?.querySelector('[data-test-id="text-truncator-text"]'), 5000),
      url: url.origin + url.pathname,
      pdfUrl: metaContent(doc, 'citation_pdf_url'),
      element: heading,
    },
    ID,
    'single',
    url,
  );
}

/** The URL check alone: the every-page gate (utils/detect/gate.ts) imports it without extract. */
export const semanticScholarMatches = (u: URL): boolean =>
  HOST.test(u.hostname) && (PAPER_PATH.test(u.pathname) || LISTING_PATH.test(u.pathname));

export const semanticScholar: Adapter = {
  id: ID,
  matches: semanticScholarMatches,
  testUrls: [
    'https://www.semanticscholar.org/search?q=ego%20depletion&sort=relevance',
    'https://www.semanticscholar.org/search?q=attention&page=2',
    'https://www.semanticscholar.org/paper/Ego-depletion%3A-is-the-active-self-a-limited-Baumeister-Bratslavsky/516c2035d29bb711be2e027be4ad38224419065a',
    'https://www.semanticscholar.org/author/R.-Baumeister/5142080',
  ],
  detect(doc, url) {
    if (PAPER_PATH.test(url.pathname))
      return doc.querySelector(
        'meta[name="citation_title" i], h1[data-test-id="paper-detail-title"]',
      )
        ? 'single'
        : null;
    if (LISTING_PATH.test(url.pathname)) return doc.querySelector(ROW) ? 'listing' : null;
    return null;
  },
  extract(doc, url) {
    if (PAPER_PATH.test(url.pathname)) {
      const p = paperPage(doc, url);
      return p ? [p] : [];
    }
    if (!LISTING_PATH.test(url.pathname)) return [];
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
