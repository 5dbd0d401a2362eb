/**
 * alphaXiv: a paper page (/abs/<arXiv id>, /overview/<arXiv id>, /pdf/<arXiv id>) names its paper
 * in the URL; lists (/, /explore, /trending, search) are cards linking to /abs/<id> or
 * /overview/<id>. The site is a client app with no documented card markup, so rows are found from
 * those links alone (see rowsFromLinks), and titles from the card's heading or link text.
 */
import { normalizeArxiv } from '../../identity';
import { LIMITS, type FoundPaper, type PageKind } from '../../paper';
import type { Adapter } from '../adapter';
import { clean, metaContent, metaContents, text } from '../dom';
import { makePaper } from '../make-paper';
import { arxivIdFromHref, arxivPdfUrl, arxivYear } from './arxiv';
import { rowTitle, rowsFromLinks } from './huggingface-papers';

const ID = 'alphaxiv';
const HOSTS = new Set(['alphaxiv.org', 'www.alphaxiv.org']);
const PAPER_PATH = /^\/(?:abs|overview|pdf)\/(.+?)(?:\.md|\.pdf)?\/?$/;

function idFromPath(path: string): string | null {
  const m = PAPER_PATH.exec(path);
  if (!m) return null;
  try {
    return normalizeArxiv(decodeURIComponent(m[1]!));
  } catch {
    return normalizeArxiv(m[1]!);
  }
}

/** An alphaXiv paper link, or an arXiv one (cards may link to the source), → arXiv id. */
function linkId(href: string, base: URL): string | null {
  if (!href.includes('/abs/') && !href.includes('/overview/')) return null;
  let u: URL;
  try {
    u = new URL(href, base);
  } catch {
    return null;
  }
  if (HOSTS.has(u.hostname.toLowerCase())) return idFromPath(u.pathname);
  return arxivIdFromHref(u.href, base);
}

function paper(
  id: string,
  raw: { title: string; authors?: string[]; abstract?: string; element?: Element | null },
  kind: PageKind,
  base: URL,
): FoundPaper | null {
  return makePaper(
    {
      ...raw,
      ids: [`arxiv:${id}`],
      year: arxivYear(id),
      venue: 'arXiv',
      url: `https://www.alphaxiv.org/abs/${id}`,
      pdfUrl: arxivPdfUrl(id),
    },
    ID,
    kind,
    base,
  );
}

/** "Title | alphaXiv", "[2401.00001] Title" → "Title". */
function bareTitle(s: string): string {
  return clean(s)
    .replace(/\s*[|·–—-]\s*alphaXiv\s*$/i, '')
    .replace(/^\[[^\]]{4,40}\]\s*/, '')
    .trim();
}

function fromPaperPage(doc: Document, url: URL, id: string): FoundPaper[] {
  const h1 = doc.querySelector('main h1, h1');
  const title =
    clean(metaContent(doc, 'citation_title')) ||
    text(h1) ||
    bareTitle(metaContent(doc, 'og:title')) ||
    bareTitle(doc.title);
  // Title-less pages ("alphaXiv" alone) still name the paper by the URL.
  const authors = metaContents(doc, 'citation_author').map((n) => {
    const i = n.indexOf(',');
    return i > 0 ? `${n.slice(i + 1).trim()} ${n.slice(0, i).trim()}` : n;
  });
  const p = paper(
    id,
    {
      title: /^alphaxiv$/i.test(title) ? '' : title,
      authors,
      abstract: clean(metaContent(doc, 'citation_abstract'), LIMITS.abstract),
      element: h1,
    },
    'single',
    url,
  );
  return p ? [p] : [];
}

function links(doc: Document, url: URL, max: number): Array<{ a: Element; id: string }> {
  const out: Array<{ a: Element; id: string }> = [];
  const all = doc.querySelectorAll('a[href*="/abs/"], a[href*="/overview/"]');
  for (let i = 0; i < all.length && out.length < max; i++) {
    const a = all[i]!;
    const id = linkId(a.getAttribute('href') ?? '', url);
    if (id) out.push({ a, id });
  }
  return out;
}

function fromList(doc: Document, url: URL): FoundPaper[] {
  const out: FoundPaper[] = [];
  for (const row of rowsFromLinks(links(doc, url, LIMITS.rowsPerPage * 6))) {
    const p0 = row.card.querySelector('p');
    const t = p0 ? text(p0, LIMITS.abstract) : '';
    const p = paper(
      row.id,
      // A long paragraph in a card is its abstract or summary.
      { title: rowTitle(row), abstract: t.length >= 120 ? t : '', element: row.card },
      'listing',
      url,
    );
    if (p) out.push(p);
  }
  return out;
}

/** The URL check alone: the every-page gate (utils/detect/gate.ts) imports it without extract. */
export const alphaxivMatches = (u: URL): boolean => HOSTS.has(u.hostname.toLowerCase());

export const alphaxiv: Adapter = {
  id: ID,
  matches: alphaxivMatches,
  testUrls: [
    'https://www.alphaxiv.org/abs/2509.24002',
    'https://www.alphaxiv.org/abs/2401.04088v2',
    'https://alphaxiv.org/overview/2509.24002',
    'https://www.alphaxiv.org/explore?sort=Hot&time=7+Days',
    'https://www.alphaxiv.org/trending',
    'https://www.alphaxiv.org/',
  ],
  detect(doc, url) {
    if (PAPER_PATH.test(url.pathname)) return idFromPath(url.pathname) ? 'single' : null;
    return links(doc, url, 1).length ? 'listing' : null;
  },
  extract(doc, url) {
    const id = idFromPath(url.pathname);
    if (id) return fromPaperPage(doc, url, id);
    return PAPER_PATH.test(url.pathname) ? [] : fromList(doc, url);
  },
};
