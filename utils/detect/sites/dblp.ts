/**
 * DBLP (dblp.org and its mirrors): person pages, conference and journal tables of contents, search
 * results and record pages. Every publication is an li.entry whose id attribute is its dblp key;
 * its "ee" links (electronic editions) carry the DOI and arXiv id.
 */
import { idsFromUrl } from '../../identity';
import { LIMITS, type FoundPaper } from '../../paper';
import type { Adapter } from '../adapter';
import { absUrl, attr, text, yearOf } from '../dom';
import { makePaper } from '../make-paper';

const ID = 'dblp';

const HOST = /^(?:www\.)?dblp\.(?:org|uni-trier\.de|dagstuhl\.de)$/;
const PERSON_PATH = /^\/pid\/[\w-]+\/[\w-]+(?:-\d+)?\.html$/;
const TOC_PATH =
  /^\/db\/(?:conf|journals|series|books\/collections)\/[\w-]+\/(?!index\.html$)[\w.-]+\.html$/;
// /search/publ is the publications-only search: the same result list as /search.
const SEARCH_PATH = /^\/search(?:\/publ)?\/?$/;
const RECORD_PATH = /^\/rec\/(?:html\/)?[\w-]+\/[\w-]+\/[\w.-]+?\.html$/;

// Keys are "<type>/<venue>/<name>": conf/nips/VaswaniSPUJGKP17, journals/corr/abs-1706-03762.
const KEY = /^[a-z]+(?:\/[\w.-]+){1,3}$/;
// A proceedings volume's own key: conf/acl/2019-1, conf/nips/2017, conf/emnlp/2020f.
const VOLUME_KEY = /^conf\/[\w-]+\/(?:19|20)\d\d(?:-\d+)?[a-z]?$/;

const ROW = 'li.entry';

function keyOf(el: Element): string | undefined {
  const id = attr(el, 'id');
  if (KEY.test(id)) return id;
  // Fallback: the "details" link to /rec/<key>.html, on whichever mirror served the page.
  for (const a of Array.from(el.querySelectorAll('a[href*="/rec/"]')).slice(0, 10)) {
    const d = idsFromUrl(attr(a, 'href'), 'https://dblp.org/').find((x) => x.startsWith('dblp:'));
    if (d) return d.slice(5);
  }
  return undefined;
}

/**
 * The entry's electronic editions: li.ee links, or on older pages, whose "view" menu items had no
 * class (captures of 2015-2017), the link heading nav.publ's first menu, that menu's first
 * edition. The class names are dblp's own page structure, the only hooks its entries have.
 */
function editionLinks(el: Element): Element[] {
  // li.ee then its link, rather than 'li.ee a': simple selectors stay cheap per row in Blink.
  const ees = el.querySelectorAll('li.ee');
  const out: Element[] = [];
  for (let i = 0; i < ees.length && i < 10; i++) {
    const a = ees[i]!.querySelector('a[href]');
    if (a) out.push(a);
  }
  if (out.length) return out;
  const head = el.querySelector('nav.publ .head > a[href]');
  const href = attr(head, 'href');
  // A first menu that is not "view" (an entry without editions) heads with its dblp export link.
  if (head && /^https?:/i.test(href) && !/^https?:\/\/(?:www\.)?dblp\./i.test(href)) out.push(head);
  return out;
}

/** Two-digit year at the end of a key ("…VaswaniSPUJGKP17"), when the page shows no date. */
function yearOfKey(key: string): number | undefined {
  // Author-initials keys only: "abs-2010-11929" ends in an arXiv number, not a year.
  const m = /^[A-Za-z0-9]+?(\d\d)[a-z]?$/.exec(key.slice(key.lastIndexOf('/') + 1));
  if (!m) return undefined;
  const yy = Number(m[1]);
  const now = new Date().getFullYear() % 100;
  return yy <= now + 1 ? 2000 + yy : 1900 + yy;
}

function entry(
  el: Element,
  base: URL,
  kind: 'listing' | 'single',
  pageYear?: number,
): FoundPaper | null {
  const key = keyOf(el);
  const cite = el.querySelector('cite');
  if (!key || !cite) return null;
  // Proceedings front matter ("Proceedings of …", type "editor" on dblp) is a volume, not a paper.
  if (el.classList.contains('editor') || VOLUME_KEY.test(key)) return null;

  const ids: string[] = [`dblp:${key}`];
  let url: string | undefined;
  for (const a of editionLinks(el)) {
    const href = absUrl(attr(a, 'href'), base);
    if (!href) continue;
    url ??= href;
    ids.push(...idsFromUrl(href));
    // Passed raw too, so that an arXiv DataCite DOI (10.48550/arXiv.…) stays as an alias.
    const doi = /^https?:\/\/(?:dx\.)?doi\.org\/(10\..+)$/i.exec(href)?.[1];
    if (doi) ids.push(`doi:${doi}`);
  }
  // dblp ends every title with a period it adds itself ("Attention is All you Need.").
  const title = text(cite.querySelector('.title')).replace(/\.$/, '');
  const authors = Array.from(cite.querySelectorAll('[itemprop="author"]'))
    .slice(0, LIMITS.authors)
    // Homonyms carry a number ("Wei Wang 0001") in the title attribute; the text is the name.
    .map((a) => text(a, LIMITS.author).replace(/\s+\d{4}$/, ''));
  const venue = text(
    cite.querySelector('[itemprop="isPartOf"]')?.querySelector('[itemprop="name"]'),
    LIMITS.venue,
  );
  const date =
    text(cite.querySelector('[itemprop="datePublished"]'), 40) ||
    attr(el.querySelector('meta[itemprop="datePublished"]'), 'content');
  return makePaper(
    {
      ids,
      title,
      authors,
      year: yearOf(date) ?? pageYear ?? yearOfKey(key),
      venue,
      url: url ?? `https://dblp.org/rec/${key}.html`,
      element: el,
    },
    ID,
    kind,
    base,
  );
}

function pageKind(u: URL): 'listing' | 'single' | null {
  if (!HOST.test(u.hostname)) return null;
  if (RECORD_PATH.test(u.pathname)) return 'single';
  if (PERSON_PATH.test(u.pathname) || TOC_PATH.test(u.pathname) || SEARCH_PATH.test(u.pathname))
    return 'listing';
  return null;
}

/** The URL check alone: the every-page gate (utils/detect/gate.ts) imports it without extract. */
export const dblpMatches = (u: URL): boolean => pageKind(u) !== null;

export const dblp: Adapter = {
  id: ID,
  matches: dblpMatches,
  testUrls: [
    'https://dblp.org/pid/66/2077.html',
    'https://dblp.uni-trier.de/pid/v/AshishVaswani.html',
    'https://dblp.org/db/conf/acl/acl2025-1.html',
    'https://dblp.org/db/conf/nips/nips2017.html',
    'https://dblp.org/db/journals/jmlr/jmlr21.html',
    'https://dblp.org/search?q=attention+is+all+you+need',
    'https://dblp.org/search/publ?q=attention+is+all+you+need',
    'https://dblp.org/rec/conf/nips/VaswaniSPUJGKP17.html',
  ],
  detect(doc, url) {
    const kind = pageKind(url);
    return kind && doc.querySelector(`${ROW} cite`) ? kind : null;
  },
  extract(doc, url) {
    const kind = pageKind(url);
    if (!kind) return [];
    // Person and search pages group entries under li.year separators; walking both in document
    // order gives each entry its year without looking backwards from every row.
    const rows = doc.querySelectorAll(`${ROW}, ul.publ-list > li.year`);
    const out: FoundPaper[] = [];
    let year: number | undefined;
    const n = Math.min(rows.length, LIMITS.rowsPerPage * 2);
    for (let i = 0; i < n && out.length < LIMITS.rowsPerPage; i++) {
      const el = rows[i]!;
      if (el.classList.contains('year')) {
        year = yearOf(text(el, 20));
        continue;
      }
      const p = entry(el, url, kind, year);
      if (p) out.push(p);
      // A record page is about one entry; anything after it is related material.
      if (kind === 'single' && out.length) break;
    }
    return out;
  },
};
