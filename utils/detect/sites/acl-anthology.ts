/**
 * ACL Anthology (aclanthology.org): paper pages (/<anthology id>/, citation_* meta tags) and the
 * listings that link papers by anthology id: author (/people/…), volume (/volumes/…) and event
 * (/events/…) pages.
 *
 * Listing rows are found through their title links, whose href is the anthology id: the id is the
 * one hook that the Hugo templates have kept through every redesign (rows were <p class="d-sm-flex">
 * and are now <div class="d-sm-flex">).
 */
import { idsFromUrl } from '../../identity';
import { LIMITS, type FoundPaper } from '../../paper';
import type { Adapter } from '../adapter';
import { absUrl, attr, metaContent, metaContents, text, yearOf } from '../dom';
import { makePaper } from '../make-paper';

const ID = 'acl-anthology';

const HOST = /^(?:www\.)?aclanthology\.org$/;
// New ids "2021.naacl-main.208", old ids "W19-4201".
const PAPER_PATH = /^\/(?:anthology\/)?(\d{4}\.[a-z0-9-]+\.\d+|[A-Z]\d{2}-\d{4})\/?$/;
const LISTING_PATH = /^\/(?:people|volumes|events)\/[^/]+(?:\/[^/]+)?\/?$/;

const TITLE_LINK = 'strong > a[href]';

function yearOfId(id: string): number | undefined {
  const n = /^(\d{4})\./.exec(id);
  if (n) return Number(n[1]);
  // Old ids: letter, two-digit year, dash. The Anthology's old-style papers run from 1952 to 2019.
  const o = /^[A-Z](\d\d)-/.exec(id);
  if (!o) return undefined;
  const yy = Number(o[1]);
  return yy >= 50 ? 1900 + yy : 2000 + yy;
}

function volumeOf(id: string): string {
  // "2021.naacl-main.208" → "2021.naacl-main". Old ids: workshops (W) number volumes with two
  // digits ("W19-4201" → "W19-42"), everything else with one ("P19-1001" → "P19-1").
  const n = /^(\d{4}\.[a-z0-9-]+)\.\d+$/.exec(id);
  if (n) return n[1]!;
  return id.slice(0, id.startsWith('W') ? 6 : 5);
}

/** Front matter ("Proceedings of …", new ids ending in .0) describes a volume, not a paper. */
function isFrontMatter(id: string, title: string): boolean {
  if (/\.0$/.test(id)) return true;
  return /^[A-Z]\d\d-\d+0{2}$/.test(id) && /^proceedings\b/i.test(title);
}

function listing(doc: Document, url: URL): FoundPaper[] {
  // Volume titles, for event pages (several volumes) and volume pages (one): one query up front.
  const volumes = new Map<string, string>();
  for (const a of Array.from(doc.querySelectorAll('a[href*="/volumes/"]')).slice(0, 2000)) {
    const m = /\/volumes\/([^/?#]+)\/?$/.exec(attr(a, 'href'));
    if (m && !volumes.has(m[1]!)) volumes.set(m[1]!, text(a, LIMITS.venue));
  }
  const pageVolume = /^\/volumes\/([^/]+)/.exec(url.pathname)?.[1];
  const pageTitle = text(doc.querySelector('#title'), LIMITS.venue);

  const links = doc.querySelectorAll(TITLE_LINK);
  const out: FoundPaper[] = [];
  const n = Math.min(links.length, LIMITS.rowsPerPage * 2);
  for (let i = 0; i < n && out.length < LIMITS.rowsPerPage; i++) {
    const link = links[i]!;
    const href = absUrl(attr(link, 'href'), url);
    const acl = href ? idsFromUrl(href).find((x) => x.startsWith('acl:')) : undefined;
    if (!acl) continue;
    const anthologyId = acl.slice(4);
    const title = text(link);
    if (isFrontMatter(anthologyId, title)) continue;
    const row = link.closest('.d-sm-flex') ?? link.parentElement?.parentElement ?? link;
    const authors = Array.from(row.querySelectorAll('a[href*="/people/"]'))
      .slice(0, LIMITS.authors)
      .map((a) => text(a, LIMITS.author));
    // Author pages name the volume in each row; volume and event pages in a heading above.
    const vol = volumeOf(anthologyId);
    const venue =
      text(row.querySelector('a[href*="/volumes/"]'), LIMITS.venue) ||
      volumes.get(vol) ||
      (pageVolume === vol ? pageTitle : '');
    const pdf = row.querySelector('a[href$=".pdf"]');
    // The abstract sits in a collapsed card after the row, named by the "abs" badge.
    const absId = attr(row.querySelector('a[aria-controls^="abstract-"]'), 'aria-controls');
    const abstract = absId ? text(doc.getElementById(absId), LIMITS.abstract) : undefined;
    const p = makePaper(
      {
        ids: [acl],
        title,
        authors,
        year: yearOfId(anthologyId),
        venue,
        abstract,
        url: href,
        pdfUrl: pdf ? absUrl(attr(pdf, 'href'), url) : undefined,
        element: row,
      },
      ID,
      'listing',
      url,
    );
    if (p) out.push(p);
  }
  return out;
}

function paperPage(doc: Document, url: URL): FoundPaper | null {
  const anthologyId = PAPER_PATH.exec(url.pathname)?.[1];
  const title = metaContent(doc, 'citation_title') || text(doc.querySelector('#title'));
  if (!anthologyId || !title) return null;
  const heading = doc.querySelector('#title');
  return makePaper(
    {
      ids: [`acl:${anthologyId}`, `doi:${metaContent(doc, 'citation_doi')}`],
      title,
      authors: metaContents(doc, 'citation_author'),
      year: yearOf(metaContent(doc, 'citation_publication_date')) ?? yearOfId(anthologyId),
      venue:
        metaContent(doc, 'citation_conference_title') || metaContent(doc, 'citation_journal_title'),
      abstract: text(
        doc.querySelector('.acl-abstract > span, .acl-abstract'),
        LIMITS.abstract,
      ).replace(/^Abstract\s*/, ''),
      url: `https://aclanthology.org/${anthologyId}/`,
      pdfUrl: metaContent(doc, 'citation_pdf_url'),
      element: heading,
    },
    ID,
    'single',
    url,
  );
}

/** The URL check alone: the every-page gate (utils/detect/gate.ts) imports it without extract. */
export const aclAnthologyMatches = (u: URL): boolean =>
  HOST.test(u.hostname) && (PAPER_PATH.test(u.pathname) || LISTING_PATH.test(u.pathname));

export const aclAnthology: Adapter = {
  id: ID,
  matches: aclAnthologyMatches,
  testUrls: [
    'https://aclanthology.org/2021.naacl-main.208/',
    'https://aclanthology.org/W19-4201/',
    'https://aclanthology.org/people/andreas-madsack/unverified/',
    'https://aclanthology.org/people/christopher-d-manning/',
    'https://aclanthology.org/volumes/2021.naacl-main/',
    'https://aclanthology.org/events/naacl-2021/',
  ],
  detect(doc, url) {
    if (PAPER_PATH.test(url.pathname))
      return doc.querySelector('meta[name="citation_title" i], #title') ? 'single' : null;
    if (LISTING_PATH.test(url.pathname)) return doc.querySelector(TITLE_LINK) ? 'listing' : null;
    return null;
  },
  extract(doc, url) {
    if (PAPER_PATH.test(url.pathname)) {
      const p = paperPage(doc, url);
      return p ? [p] : [];
    }
    return LISTING_PATH.test(url.pathname) ? listing(doc, url) : [];
  },
};
