/**
 * nature.com (Nature Portfolio). Every article is `/articles/<name>` with DOI 10.1038/<name>, and
 * its page carries citation_* meta. The listings (search, issue tables of contents, subject pages,
 * a journal's research-article list) link their articles relatively (`/articles/s41586-…`), which
 * the generic id-links adapter does not trust on other sites; this adapter reads their cards.
 *
 * Card markup (tests/fixtures/reconstructed/nature/, where the sources are named): an `article`
 * whose `h3[itemprop="name headline"]` holds the title link (`itemprop="url"`,
 * `data-track-action="view article"`), `li[itemprop="creator"]` authors,
 * `time[itemprop="datePublished"]`, `[data-test="journal-title-and-link"]` on search results and
 * `[data-test="article-description"]`. Only microdata and data-test hooks are read: the `c-card__*`
 * and `app-article-list-row__*` classes are styling and have been renamed before.
 */
import { idsFromUrl } from '../../identity';
import { LIMITS, type FoundPaper } from '../../paper';
import type { Adapter } from '../adapter';
import { absUrl, attr, text, yearOf } from '../dom';
import { readMetaPaper } from '../generic/meta-tags';
import { makePaper } from '../make-paper';

const ID = 'nature';

// The article names idsFromUrl reads as DOIs (nature14539, s41586-020-2649-2, ncomms4012).
const ARTICLE_PATH = /^\/articles\/([a-z][a-z0-9-]{3,60})\/?$/i;
// Only pages that list article cards: the home page, journal home pages and /about pages do not.
const LISTING_PATHS = [
  /^\/search\/?$/,
  // A journal's issue table of contents: /nature/volumes/620/issues/7970.
  /^\/[a-z][a-z0-9-]{0,40}\/volumes\/\d{1,5}\/issues\/[\w-]{1,20}\/?$/i,
  // A subject, optionally narrowed to one journal: /subjects/climate-change/srep.
  /^\/subjects\/[a-z0-9-]{1,100}(?:\/[a-z][a-z0-9-]{0,40})?\/?$/i,
  // A journal's article lists: /nature/research-articles, /nature/articles?type=news.
  /^\/[a-z][a-z0-9-]{0,40}\/(?:research-articles|articles)\/?$/i,
];

// Microdata first (the issue pages' card title), the tracking hook second (search results).
const TITLE_LINK =
  '[itemprop~="headline"] a[href*="/articles/"], a[data-track-action="view article"][href*="/articles/"]';
// Site chrome that links articles too (menus, promos, "related" boxes): not the listing.
const CHROME = 'nav, header, footer, aside';

function onNature(u: URL): boolean {
  return /^(?:www\.)?nature\.com$/i.test(u.hostname);
}

function articleName(u: URL): string | undefined {
  return onNature(u) ? ARTICLE_PATH.exec(u.pathname)?.[1]?.toLowerCase() : undefined;
}

function extractArticle(doc: Document, url: URL, name: string): FoundPaper[] {
  const meta = readMetaPaper(doc, url);
  if (!meta) return [];
  // The address names the DOI for certain; the tags' own DOI agrees but comes second.
  const p = makePaper({ ...meta, ids: [`doi:10.1038/${name}`, ...meta.ids] }, ID, 'single', url);
  return p ? [p] : [];
}

function creatorName(el: Element): string {
  // A creator holds one itemprop="name" span on nature.com; several (name parts) on look-alikes.
  const names = el.querySelectorAll('[itemprop~="name"]');
  return text(names.length === 1 ? names[0] : el, LIMITS.author);
}

function extractList(doc: Document, url: URL): FoundPaper[] {
  const out: FoundPaper[] = [];
  const seen = new Set<string>();
  const links = doc.querySelectorAll(TITLE_LINK);
  for (let i = 0; i < links.length && out.length < LIMITS.rowsPerPage; i++) {
    const a = links[i]!;
    const art = a.closest('article');
    // A card may have a header of its own; chrome around the card, or a bare link in it, is out.
    const chrome = a.closest(CHROME);
    if (chrome && (!art || chrome.contains(art))) continue;
    const card = art ?? a.parentElement ?? a;
    const href = attr(a, 'href');
    const ids = idsFromUrl(href, url.href);
    // A card link that names no Nature article (an advert, a collection) is no paper.
    if (!ids.length || seen.has(ids[0]!)) continue;
    seen.add(ids[0]!);
    const authors: string[] = [];
    const creators = card.querySelectorAll('[itemprop~="creator"]');
    for (let k = 0; k < creators.length && authors.length < LIMITS.authors; k++) {
      const n = creatorName(creators[k]!);
      // Long author lists end in an ellipsis item, which is no one.
      if (n && !/^(?:\.{3}|…|et al\.?)$/i.test(n)) authors.push(n);
    }
    const time = card.querySelector('time[itemprop~="datePublished"], time[datetime]');
    const p = makePaper(
      {
        ids,
        title: text(a),
        authors,
        year: yearOf(attr(time, 'datetime')) ?? yearOf(text(time, 100)),
        venue: text(
          card.querySelector('[data-test="journal-title-and-link"], [data-test="journal-title"]'),
          LIMITS.venue,
        ),
        abstract: text(
          card.querySelector('[data-test="article-description"], [itemprop~="description"]'),
          LIMITS.abstract,
        ),
        url: absUrl(href, url),
        element: card,
      },
      ID,
      'listing',
      url,
    );
    if (p) out.push(p);
  }
  return out;
}

/** The URL check alone: the every-page gate (utils/detect/gate.ts) imports it without extract. */
export const natureMatches = (u: URL): boolean =>
  onNature(u) && (ARTICLE_PATH.test(u.pathname) || LISTING_PATHS.some((re) => re.test(u.pathname)));

export const nature: Adapter = {
  id: ID,
  matches: natureMatches,
  testUrls: [
    'https://www.nature.com/articles/s41586-020-2649-2',
    'https://www.nature.com/articles/nature14539',
    'https://www.nature.com/articles/ncomms4012',
    'https://www.nature.com/articles/srep12345',
    'https://nature.com/articles/s41598-017-00001-x',
    'https://www.nature.com/search?q=deep+learning&order=relevance',
    'https://www.nature.com/nature/volumes/620/issues/7970',
    'https://www.nature.com/subjects/machine-learning',
    'https://www.nature.com/subjects/climate-change/srep',
    'https://www.nature.com/nature/research-articles',
    'https://www.nature.com/ncomms/research-articles?searchType=journalSearch&sort=PubDate&page=2',
    'https://www.nature.com/nature/articles?type=news&year=2024',
  ],
  detect(doc, url) {
    if (articleName(url))
      return doc.querySelector('meta[name="citation_title" i]') ? 'single' : null;
    return doc.querySelector(TITLE_LINK) ? 'listing' : null;
  },
  extract(doc, url) {
    const name = articleName(url);
    return name ? extractArticle(doc, url, name) : extractList(doc, url);
  },
};
