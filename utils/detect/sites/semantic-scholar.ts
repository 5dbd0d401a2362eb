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

/** A link straight to a PDF: flagged so by the site, or a .pdf or arXiv /pdf/ address. */
function isPdfLink(a: Element, href: string): boolean {
  return (
    attr(a, 'data-heap-direct-pdf-link') === 'true' ||
    /\.pdf(?:$|[?#])/i.test(href) ||
    /^https?:\/\/(?:www\.)?arxiv\.org\/pdf\//i.test(href)
  );
}

function row(el: Element, base: URL): FoundPaper | null {
  const link = el.querySelector('a[data-test-id="title-link"][href], a[href*="/paper/"]');
  const href = link ? absUrl(link.getAttribute('href'), base) : undefined;
  const fromHref = href ? PAPER_PATH.exec(new URL(href).pathname) : null;
  const paperId = HEX40.test(attr(el, 'data-paper-id')) ? attr(el, 'data-paper-id') : fromHref?.[1];
  if (!paperId) return null;
  const ids: string[] = [`s2:${paperId}`];
  // The outbound "paper link" (publisher via doi.org, PubMed, arXiv) names the paper's other ids;
  // rows saved before about 2021 mark it with data-selenium-selector instead of data-test-id.
  const out = el.querySelector(
    'a[data-test-id="paper-link"][href], a[data-selenium-selector="paper-link"][href]',
  );
  const outHref = out ? absUrl(out.getAttribute('href'), base) : undefined;
  if (outHref) ids.push(...idsFromUrl(outHref));
  // The open-access badges (paper-badge-open_access, paper-badge-unpaywall) wrap a link of their
  // own, often a doi.org one when the outbound link is PubMed's.
  const badges = el.querySelectorAll('[data-test-id^="paper-badge-"]');
  for (let i = 0; i < badges.length && i < 4; i++) {
    const a = badges[i]!.closest('a[href]');
    if (a && el.contains(a)) ids.push(...idsFromUrl(a.getAttribute('href')!, base.href));
  }

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
  if (!pdfUrl && outHref && isPdfLink(out!, outHref)) pdfUrl = outHref;

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
  // The header's class is the page's layout hook, the one container that holds only this paper.
  const header = doc.querySelector('.fresh-paper-detail-page__header');
  let pdfLink: string | undefined;
  for (const a of Array.from(
    header?.querySelectorAll('a[data-test-id="paper-link"][href]') ?? [],
  ).slice(0, 5)) {
    const href = absUrl(a.getAttribute('href'), url);
    if (!href) continue;
    ids.push(...idsFromUrl(href));
    if (!pdfLink && isPdfLink(a, href)) pdfLink = href;
  }
  // Without citation_doi (pages reached by in-app navigation), the DOI line under the title. Its
  // text is pushed too: an arXiv DataCite DOI (10.48550/arXiv.…) then stays as an alias.
  const scope = header ?? doc;
  const doiLink = scope.querySelector('[data-test-id="paper-doi"] a[href]');
  if (doiLink) {
    ids.push(...idsFromUrl(doiLink.getAttribute('href')!, url.href));
    const shown = text(doiLink, 300);
    if (/^10\.\d{4,9}\//.test(shown)) ids.push(`doi:${shown}`);
  }
  return makePaper(
    {
      ids,
      title,
      authors,
      year:
        yearOf(
          metaContent(doc, 'citation_publication_date') || metaContent(doc, 'citation_date'),
        ) ?? yearOf(text(scope.querySelector('[data-test-id="paper-year"]'), 100)),
      venue:
        metaContent(doc, 'citation_journal_title') ||
        metaContent(doc, 'citation_conference_title') ||
        text(scope.querySelector('[data-heap-id="paper-meta-journal"]'), LIMITS.venue),
      // meta description is the TLDR, not the abstract.
      abstract:
        metaContent(doc, 'citation_abstract') ||
        text(header?.querySelector('[data-test-id="text-truncator-text"]'), 5000),
      url: url.origin + url.pathname,
      pdfUrl: metaContent(doc, 'citation_pdf_url') || pdfLink,
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
