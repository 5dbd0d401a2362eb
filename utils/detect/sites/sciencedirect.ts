/**
 * ScienceDirect article pages (www.sciencedirect.com/science/article/pii/<PII>, and /abs/pii/…).
 * Their citation_* tags give title, DOI, journal and dates but name no author and carry no
 * abstract (saved page of 2023-24 in the shared fixtures; bingyinh/doi-crawler read Elsevier's
 * authors from the page for the same reason). Both are in the server-rendered page: the names in
 * #author-group as span.given-name + span.surname, Elsevier's own element names (ce:given-name,
 * ce:surname) kept as classes since at least 2018, and the abstract as div.abstract.author beside
 * the "Highlights" (div.abstract.author-highlights) and graphical abstracts, which are not it.
 * Search and issue listings fill their rows client-side and are left to the generic readers.
 */
import { idsFromUrl } from '../../identity';
import { LIMITS } from '../../paper';
import type { Adapter } from '../adapter';
import { attr, clean, text } from '../dom';
import { headingFor, readMetaPaper } from '../generic/meta-tags';
import { makePaper, type RawPaper } from '../make-paper';

const ID = 'sciencedirect';
const HOSTS = new Set(['www.sciencedirect.com', 'sciencedirect.com']);
const ARTICLE_PATH = /^\/science\/article\/(?:abs\/)?pii\/[0-9A-Z]{10,20}\/?$/i;
const TITLE = '#screen-reader-main-title, h1 .title-text';

/** The URL check alone: the every-page gate (utils/detect/gate.ts) imports it without extract. */
export const sciencedirectMatches = (u: URL): boolean =>
  HOSTS.has(u.hostname.toLowerCase()) && ARTICLE_PATH.test(u.pathname);

function authorsOf(doc: Document): string[] {
  const group = doc.querySelector('#author-group');
  if (!group) return [];
  // One element per author (a button opening the author panel; an a.author before 2019); where
  // neither is found, given names and surnames are paired in document order.
  let boxes = Array.from(group.querySelectorAll('[data-xocs-content-type="author"], a.author'));
  if (!boxes.length)
    boxes = Array.from(group.querySelectorAll('.given-name')).map((g) => g.parentElement ?? g);
  const out: string[] = [];
  for (const box of boxes.slice(0, LIMITS.authors)) {
    const name = clean(
      `${text(box.querySelector('.given-name'), LIMITS.author)} ${text(box.querySelector('.surname'), LIMITS.author)}`,
      LIMITS.author,
    );
    if (name) out.push(name);
  }
  return out;
}

function abstractOf(doc: Document): string {
  const box = doc.querySelector('#abstracts .abstract.author, div.abstract.author');
  if (!box) return '';
  const paras = Array.from(box.querySelectorAll('p')).slice(0, 40);
  const body = paras.length
    ? paras.map((p) => text(p, LIMITS.abstract)).join(' ')
    : text(box, LIMITS.abstract).replace(/^abstract\s*/i, '');
  return clean(body, LIMITS.abstract);
}

export const sciencedirect: Adapter = {
  id: ID,
  matches: sciencedirectMatches,
  testUrls: [
    'https://www.sciencedirect.com/science/article/pii/S146290112300117X',
    'https://www.sciencedirect.com/science/article/abs/pii/S146290112300117X',
  ],
  detect(doc, url) {
    if (!sciencedirectMatches(url)) return null;
    return doc.querySelector(`meta[name="citation_title" i], ${TITLE}`) ? 'single' : null;
  },
  extract(doc, url) {
    const meta = readMetaPaper(doc, url);
    const heading = doc.querySelector(TITLE);
    const title = meta?.title || text(heading);
    if (!title) return [];
    const raw: RawPaper = meta ?? { ids: [], title };
    const ids = [...raw.ids];
    // Without tags, the DOI the page prints under its title.
    if (!ids.length) ids.push(...idsFromUrl(attr(doc.querySelector('a.doi[href]'), 'href')));
    const authors = raw.authors?.length ? raw.authors : authorsOf(doc);
    const p = makePaper(
      {
        ...raw,
        ids,
        title,
        authors,
        abstract: raw.abstract || abstractOf(doc),
        url: raw.url ?? url.href,
        element: raw.element ?? headingFor(doc, title) ?? heading?.closest('h1'),
      },
      ID,
      'single',
      url,
    );
    return p ? [p] : [];
  },
};
