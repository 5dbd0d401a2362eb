/**
 * Google Scholar: result pages (search, cluster, "cited by", related, lookup) and citations
 * profiles, including the rows a profile's "show more" appends later.
 *
 * Scholar has no ids, data attributes or meta tags worth the name: its gs_* / gsc_* class names are
 * the only hooks it offers, so every selector here leans on them.
 */
import { idsFromUrl } from '../../identity';
import { LIMITS, type FoundPaper } from '../../paper';
import type { Adapter } from '../adapter';
import { absUrl, attr, clean, text, yearOf } from '../dom';
import { makePaper } from '../make-paper';

const ID = 'google-scholar';

// scholar.google.com, .co.jp, .com.hk …; not scholar.googleusercontent.com (BibTeX/cache files).
const HOST = /^scholar\.google\.(?:[a-z]{2,3}|com?\.[a-z]{2})$/;
// /scholar_lookup (arXiv's "Google Scholar" link, publishers' reference lists) renders the same
// result list as /scholar.
const RESULT_PATH = /^\/scholar(?:_lookup)?\/?$/;
const PROFILE_PATH = /^\/citations\/?$/;

/**
 * Result rows carry .gs_rt; the query-suggestion and alert boxes that share .gs_r do not. The
 * "User profiles for …" box is a .gs_r with a .gs_rt too, but no result body (.gs_ri, present on
 * every result of the saved 2016 and 2026 pages): that body is what makes a row a paper.
 */
const RESULT_ROW = '.gs_r';
const RESULT_BODY = '.gs_ri';
const PROFILE_ROW = 'tr.gsc_a_tr';

function isProfile(url: URL): boolean {
  // view_citation is one paper's detail page, not the publication table.
  return PROFILE_PATH.test(url.pathname) && url.searchParams.get('view_op') !== 'view_citation';
}

/** The element's text without Scholar's type markers ([CITATION][C], [BOOK][B], [HTML][HTML]…). */
function textWithoutMarkers(el: Element): string {
  let s = '';
  for (const child of Array.from(el.childNodes)) {
    // Markers are spans classed gs_ct*; their wording is localized, so match the class, not the text.
    if (
      child.nodeType === 1 &&
      /(?:^|\s)gs_ct/.test((child as Element).getAttribute('class') ?? '')
    )
      continue;
    s += child.textContent ?? '';
    if (s.length > LIMITS.title * 4) break;
  }
  return clean(s, LIMITS.title);
}

/** Trailing "…" marks a list Scholar cut short; it is not part of the last name. */
function splitScholarAuthors(s: string): string[] {
  return s
    .split(',')
    .map((a) => clean(a.replace(/\s*(?:…|\.\.\.)\s*$/, ''), LIMITS.author))
    .filter((a) => a.length > 0)
    .slice(0, LIMITS.authors);
}

/** "Venue, 2021" → venue and year; a bare "2018" → year only. */
function venueAndYear(s: string): { venue?: string; year?: number } {
  const m = /^(.*?)(?:,\s*|^)((?:1[6-9]|20)\d\d)$/.exec(s.trim());
  if (m) return { venue: m[1] || undefined, year: yearOf(m[2]) };
  return { venue: s || undefined };
}

/**
 * A link to a Scholar profile or author search (/citations?…), relative or absolute. Result pages
 * sit at the root, so a relative 'citations?…' lands there too. Read off the raw href: parsing a
 * URL per row is a large part of a long listing's cost.
 */
const PROFILE_HREF = /^(?:https?:\/\/scholar\.google\.[a-z.]+)?\/?citations\/?(?:[?#]|$)/i;

function resultRow(row: Element, base: URL): FoundPaper | null {
  // Two steps, not '.gs_ri .gs_rt' (see the side links below for why).
  const rt = row.querySelector(RESULT_BODY)?.querySelector('.gs_rt');
  if (!rt) return null;
  const link = rt.querySelector('a[href]');
  // A title that links to a profile names a person, not a paper.
  if (link && PROFILE_HREF.test(attr(link, 'href'))) return null;
  // With a link the link's text is the title; without one ([CITATION] rows) the heading's is.
  const title = link ? text(link) : textWithoutMarkers(rt);
  // Raw href: makePaper resolves it, so each URL is parsed as few times as possible.
  const url = link ? attr(link, 'href') : undefined;
  const ids: string[] = url ? idsFromUrl(url, base.href) : [];

  // Side links (.gs_ggs) point at another copy of the same work: a [PDF]/[HTML] full text.
  let pdfUrl: string | undefined;
  // Two steps, not '.gs_ggs a[href]': Blink matches a descendant combinator up to the document
  // root for every candidate, which costs ~50x more per row than two simple queries.
  const side = row.querySelector('.gs_ggs')?.querySelectorAll('a[href]');
  for (let i = 0; side && i < side.length && i < 4; i++) {
    const a = side[i]!;
    const raw = attr(a, 'href');
    // Relative links are Scholar's own ("Full View" library links, search links).
    if (!/^https?:/i.test(raw)) continue;
    const href = absUrl(raw, base);
    if (!href) continue;
    ids.push(...idsFromUrl(href));
    if (!pdfUrl && (/\[PDF\]/i.test(text(a, 100)) || /\.pdf(?:$|[?#])/i.test(href))) pdfUrl = href;
  }

  // Green line: "Authors - Venue, Year - host"; the separator is " - " (often &nbsp;-).
  const parts = text(row.querySelector('.gs_a'), 1000).split(' - ');
  const authors = splitScholarAuthors(parts[0] ?? '');
  // With only two parts the second may be the host alone ("A Smith - nature.com").
  const source =
    parts.length > 2 || !/^[\w-]+(?:\.[\w-]+)+$/.test(parts[1] ?? '') ? parts[1] : undefined;
  const { venue, year } = source ? venueAndYear(source) : {};

  return makePaper(
    { ids, title, authors, year, venue, url, pdfUrl, element: row },
    ID,
    'listing',
    base,
  );
}

function profileRow(row: Element, base: URL): FoundPaper | null {
  const link = row.querySelector('a.gsc_a_at');
  if (!link) return null;
  const title = text(link);
  // Older pages keep the target in data-href and a javascript: href. makePaper resolves it.
  const href = attr(link, 'href');
  const url = !href || /^javascript:/i.test(href) ? attr(link, 'data-href') : href;
  const grays = row.querySelectorAll('.gs_gray');
  const authors = splitScholarAuthors(text(grays[0], 2000));
  // The venue line ends with a hidden ", 2005" copy of the year column; drop it.
  let venue = text(grays[1], LIMITS.venue * 2);
  const dup = text(grays[1]?.querySelector('.gs_oph'), 50);
  if (dup && venue.endsWith(dup)) venue = venue.slice(0, -dup.length).trim();
  const year = yearOf(text(row.querySelector('.gsc_a_y'), 20)) ?? yearOf(dup);
  return makePaper(
    { ids: [], title, authors, year, venue, url, element: row },
    ID,
    'listing',
    base,
  );
}

/** The URL check alone: the every-page gate (utils/detect/gate.ts) imports it without extract. */
export const googleScholarMatches = (u: URL): boolean =>
  HOST.test(u.hostname) && (RESULT_PATH.test(u.pathname) || PROFILE_PATH.test(u.pathname));

export const googleScholar: Adapter = {
  id: ID,
  matches: googleScholarMatches,
  testUrls: [
    'https://scholar.google.com/scholar?hl=en&q=attention+mechanism',
    'https://scholar.google.co.jp/scholar?q=%22Learning+deep+architectures+for+AI%22',
    'https://scholar.google.com/scholar?cluster=5362332738201102290&hl=en',
    'https://scholar.google.com/scholar?cites=5750819312257210840&as_sdt=2005&hl=en',
    'https://scholar.google.com/scholar_lookup?arxiv_id=1706.03762',
    'https://scholar.google.com/scholar_lookup?title=Attention+mechanism&hl=en',
    'https://scholar.google.com/citations?user=amIMrIEAAAAJ&hl=en',
    'https://scholar.google.de/citations?hl=de&user=qc6CJjYAAAAJ&view_op=list_works&sortby=pubdate',
  ],
  detect(doc, url) {
    if (isProfile(url)) return doc.querySelector(`${PROFILE_ROW} a.gsc_a_at`) ? 'listing' : null;
    if (RESULT_PATH.test(url.pathname))
      return doc.querySelector(`${RESULT_ROW} ${RESULT_BODY} .gs_rt`) ? 'listing' : null;
    return null;
  },
  extract(doc, url) {
    const profile = isProfile(url);
    if (!profile && !RESULT_PATH.test(url.pathname)) return [];
    const rows = doc.querySelectorAll(profile ? PROFILE_ROW : RESULT_ROW);
    const out: FoundPaper[] = [];
    // Bounded twice: by papers kept and by rows looked at, so junk rows cannot run on either.
    const n = Math.min(rows.length, LIMITS.rowsPerPage * 2);
    for (let i = 0; i < n && out.length < LIMITS.rowsPerPage; i++) {
      const p = profile ? profileRow(rows[i]!, url) : resultRow(rows[i]!, url);
      if (p) out.push(p);
    }
    return out;
  },
};
