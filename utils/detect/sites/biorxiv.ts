/**
 * bioRxiv and medRxiv (HighWire's Drupal "JCore" platform; MARKUP-NOTES §6, medium confidence).
 * Article pages `/content/10.1101/<date>.<n>v<k>[.full|.abstract|…]` (before December 2019:
 * `/content/10.1101/<6 digits>v<k>`) carry citation_* meta; search, collection, archive and TOC
 * pages list `div.highwire-cite` blocks whose title link is
 * `a.highwire-cite-linked-title`. Those `highwire-*` names are the platform's semantic component
 * classes (Zotero's HighWire translator keys on them too), not styling.
 */
import { idsFromUrl } from '../../identity';
import { LIMITS, type FoundPaper } from '../../paper';
import type { Adapter } from '../adapter';
import { attr, text, yearOf } from '../dom';
import { readMetaPaper } from '../generic/meta-tags';
import { makePaper } from '../make-paper';

// DOIs carry the posting date since December 2019 (10.1101/2022.07.20.500902); before that they
// were six bare digits (10.1101/550335), and those pages are still served under their old DOI.
const ARTICLE_PATH = /^\/content\/10\.1101\/(?:\d{4}\.\d{2}\.\d{2}\.\d+|\d{6}(?![\d.]))/;
const TITLE_LINK = 'a.highwire-cite-linked-title[href]';

function serverOf(url: URL): string {
  return url.hostname.endsWith('medrxiv.org') ? 'medRxiv' : 'bioRxiv';
}

function extractArticle(doc: Document, url: URL): FoundPaper[] {
  const meta = readMetaPaper(doc, url);
  const heading = doc.querySelector('h1.highwire-cite-title, h1#page-title');
  const title = meta?.title || text(heading);
  const abstractEl = doc.querySelector('div.section.abstract, #abstract-1');
  const p = makePaper(
    {
      ...meta,
      ids: [...(meta?.ids ?? []), ...idsFromUrl(url.href)],
      title,
      // The meta abstract is served with its HTML escaped into the attribute; the page's own
      // abstract section is the cleaner text when present.
      abstract: text(abstractEl, LIMITS.abstract).replace(/^abstract\s*/i, '') || meta?.abstract,
      venue: meta?.venue || serverOf(url),
      element: heading ?? meta?.element,
    },
    'biorxiv',
    'single',
    url,
  );
  return p ? [p] : [];
}

/** NLM name parts are separate spans, not always with a space between them. */
function authorName(el: Element): string {
  const given = text(el.querySelector('.nlm-given-names'), LIMITS.author);
  const surname = text(el.querySelector('.nlm-surname'), LIMITS.author);
  return surname ? `${given} ${surname}`.trim() : text(el, LIMITS.author);
}

function extractList(doc: Document, url: URL): FoundPaper[] {
  const out: FoundPaper[] = [];
  const links = doc.querySelectorAll(TITLE_LINK);
  for (let i = 0; i < links.length && out.length < LIMITS.rowsPerPage; i++) {
    const a = links[i]!;
    const cite = a.closest('.highwire-cite') ?? a.parentElement ?? a;
    // The list item when there is one (search, TOC), else the citation block; nearest-first
    // matching would stop at the inner block.
    const row =
      a.closest('li.search-result, li.toc-item') ?? a.closest('.highwire-article-citation') ?? cite;
    const names = Array.from(cite.querySelectorAll('.highwire-citation-author'))
      .slice(0, LIMITS.authors)
      .map(authorName);
    const doiText = text(cite.querySelector('.highwire-cite-metadata-doi'), 300).replace(
      /^doi:\s*/i,
      '',
    );
    const p = makePaper(
      {
        ids: [...idsFromUrl(attr(a, 'href'), url.href), doiText && `doi:${doiText}`],
        title: text(a.querySelector('.highwire-cite-title') ?? a),
        authors: names,
        year: yearOf(text(cite.querySelector('.highwire-cite-metadata-date'), 100) || doiText),
        venue: serverOf(url),
        url: attr(a, 'href'),
        element: row,
      },
      'biorxiv',
      'listing',
      url,
    );
    if (p) out.push(p);
  }
  return out;
}

/** The URL check alone: the every-page gate (utils/detect/gate.ts) imports it without extract. */
export const biorxivMatches = (u: URL): boolean =>
  /^(?:www\.)?(?:bio|med)rxiv\.org$/.test(u.hostname);

export const biorxiv: Adapter = {
  id: 'biorxiv',
  matches: biorxivMatches,
  testUrls: [
    'https://www.biorxiv.org/content/10.1101/2023.02.10.528061v2',
    'https://www.biorxiv.org/content/10.1101/2023.02.10.528061v2.full',
    'https://www.medrxiv.org/content/10.1101/2020.04.14.20062463v2.abstract',
    'https://www.biorxiv.org/content/10.1101/550335v1',
    'https://www.biorxiv.org/search/CRISPR%20numresults%3A75%20sort%3Arelevance-rank',
    'https://www.biorxiv.org/collection/neuroscience?page=2',
    'https://www.medrxiv.org/content/early/recent',
    'https://www.biorxiv.org/archive?page=3',
  ],
  detect(doc, url) {
    if (
      ARTICLE_PATH.test(url.pathname) &&
      doc.querySelector('meta[name="citation_title" i], h1.highwire-cite-title')
    )
      return 'single';
    return doc.querySelector(TITLE_LINK) ? 'listing' : null;
  },
  extract: (doc, url) =>
    ARTICLE_PATH.test(url.pathname) &&
    doc.querySelector('meta[name="citation_title" i], h1.highwire-cite-title')
      ? extractArticle(doc, url)
      : extractList(doc, url),
};
