/**
 * Hugging Face Papers: the paper page (/papers/<arXiv id>), and the lists (/papers, /papers/date/…,
 * /papers/week/…, /papers/month/…, /papers/trending, search /papers?q=…). Pages are server-rendered;
 * the data also sits as JSON in `data-props` of the Svelte hydration divs (data-target
 * "PaperContent" on a paper page, "DailyPapers" on every list, including search).
 * Rows come from the DOM (a card per paper, found from its links to /papers/<id>), enriched by the
 * JSON; the JSON alone is used only when the page rendered no rows.
 */
import { normalizeArxiv } from '../../identity';
import { LIMITS, type FoundPaper, type PageKind } from '../../paper';
import type { Adapter } from '../adapter';
import { clean, metaContent, text, yearOf } from '../dom';
import { makePaper } from '../make-paper';
import { arxivPdfUrl, arxivYear } from './arxiv';

const ID = 'huggingface-papers';
const HOSTS = new Set(['huggingface.co', 'www.huggingface.co', 'hf.co']);
const PAPER_PATH = /^\/papers\/([^/]+?)\/?$/;
const FAST_HREF = /^(?:https:\/\/(?:huggingface\.co|hf\.co))?\/papers\/([^/?#]+)\/?(?:[?#]|$)/;

/** arXiv id of a Hugging Face paper link (`/papers/2509.24002`, `…#community`), else null. */
export function hfPaperId(href: string, base: string | URL): string | null {
  // Cheap reject, then the usual spellings without building a URL (a card has several links).
  if (!href.includes('/papers/')) return null;
  const f = FAST_HREF.exec(href.trim());
  if (f) return normalizeArxiv(f[1]!);
  let u: URL;
  try {
    u = new URL(href, base);
  } catch {
    return null;
  }
  if (!HOSTS.has(u.hostname.toLowerCase())) return null;
  const m = PAPER_PATH.exec(u.pathname);
  return m ? normalizeArxiv(m[1]!) : null;
}

interface Rec {
  id: string;
  title: string;
  authors: string[];
  abstract: string;
  published: string;
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** One entry of dailyPapers / searchResults (`{title, paper:{…}}`), or a bare paper object. */
function toRec(item: unknown): Rec | null {
  if (!isObj(item)) return null;
  const p = isObj(item.paper) ? item.paper : item;
  const id = normalizeArxiv(str(p.id));
  if (!id) return null;
  const authors: string[] = [];
  if (Array.isArray(p.authors)) {
    for (const a of p.authors) {
      // Authors hidden on the page are not shown to the reader either.
      if (isObj(a) && a.hidden !== true && str(a.name)) authors.push(str(a.name));
      if (authors.length >= LIMITS.authors) break;
    }
  }
  return {
    id,
    title: str(p.title) || str(item.title),
    authors,
    abstract: str(p.summary) || str(item.summary),
    published: str(p.publishedAt) || str(item.publishedAt),
  };
}

function parseProps(el: Element | null): Record<string, unknown> | null {
  const raw = el?.getAttribute('data-props');
  if (!raw) return null;
  try {
    const v: unknown = JSON.parse(raw);
    return isObj(v) ? v : null;
  } catch {
    return null;
  }
}

/** Every paper record in the list pages' hydration JSON, and the list the page shows. */
function listJson(doc: Document, url: URL): { byId: Map<string, Rec>; shown: Rec[] } {
  const byId = new Map<string, Rec>();
  let shown: Rec[] = [];
  const searching = url.searchParams.has('q');
  // DailyPapers serves every list today; other *Papers targets are read the same way.
  for (const el of Array.from(doc.querySelectorAll('[data-target*="Papers"][data-props]'))) {
    const props = parseProps(el);
    if (!props) continue;
    const lists: Record<string, Rec[]> = {};
    for (const [key, value] of Object.entries(props)) {
      if (!Array.isArray(value)) continue;
      const recs: Rec[] = [];
      for (const item of value) {
        const r = toRec(item);
        if (r) recs.push(r);
        if (recs.length >= LIMITS.rowsPerPage) break;
      }
      if (!recs.length) continue;
      lists[key] = recs;
      for (const r of recs) if (!byId.has(r.id)) byId.set(r.id, r);
    }
    // A search page still carries the day's list as a fallback; it is not what the page shows.
    const q = isObj(props.query) ? str(props.query.q) : '';
    const pick =
      searching || q || Array.isArray(props.searchResults)
        ? lists.searchResults
        : lists.dailyPapers;
    if (!shown.length && pick) shown = pick;
  }
  return { byId, shown };
}

const ROW_TAGS = new Set(['ARTICLE', 'LI', 'TR']);
const isRowElement = (el: Element) =>
  ROW_TAGS.has(el.tagName) || el.getAttribute('role') === 'listitem';
const MULTI = '\u0000';
const CLIMB = 10;
const FALLBACK_CLIMB = 5;

export interface LinkedRow {
  id: string;
  card: Element;
  links: Element[];
}

/**
 * Groups links that name papers into rows, one per card: the card is the nearest article / li / tr
 * / listitem around the link that names no other paper, else the highest ancestor (a few levels up)
 * that names no other paper. One pass over each link's ancestors, so a page of N links costs
 * O(N · depth); a card holding several links to the same paper (thumbnail, title, comments) gives
 * one row.
 */
export function rowsFromLinks(
  links: Iterable<{ a: Element; id: string }>,
  maxRows: number = LIMITS.rowsPerPage,
): LinkedRow[] {
  const list = Array.from(links);
  // Which paper each ancestor's subtree names: an id, or MULTI when it names several.
  const owner = new Map<Element, string>();
  for (const { a, id } of list) {
    let el = a.parentElement;
    for (let d = 0; el && d < CLIMB && el.tagName !== 'BODY'; d++, el = el.parentElement) {
      const o = owner.get(el);
      if (o === undefined) {
        owner.set(el, id);
        continue;
      }
      if (o === id || o === MULTI) break;
      // Another paper's ancestor: it and everything above it name several papers. Each element
      // turns MULTI once, so this stays linear overall.
      for (; el && el.tagName !== 'BODY' && owner.get(el) !== MULTI; el = el.parentElement) {
        owner.set(el, MULTI);
      }
      break;
    }
  }
  const rows: LinkedRow[] = [];
  const byCard = new Map<Element, LinkedRow>();
  for (const { a, id } of list) {
    // The outermost list item or article that names this paper alone (an author list inside a
    // card must not split it), else the highest such ancestor a few levels up.
    let structural: Element | null = null;
    let card: Element = a;
    let el = a.parentElement;
    for (let d = 0; el && d < CLIMB && owner.get(el) === id; d++, el = el.parentElement) {
      if (d < FALLBACK_CLIMB) card = el;
      if (isRowElement(el)) structural = el;
    }
    if (structural) card = structural;
    const key = byCard.get(card);
    if (key && key.id === id) {
      key.links.push(a);
      continue;
    }
    if (rows.length >= maxRows) break;
    const row = { id, card, links: [a] };
    rows.push(row);
    if (!key) byCard.set(card, row);
  }
  return rows;
}

const HEADING = 'h1, h2, h3, h4, h5, h6';

/** The row's title as shown: the link inside a heading, a heading inside a link, else the longest link text. */
export function rowTitle(row: LinkedRow): string {
  let best = '';
  for (const a of row.links) {
    const h = a.closest(HEADING) ?? a.querySelector(HEADING);
    if (h && row.card.contains(h)) {
      const t = text(h);
      if (t) return t;
    }
    const t = text(a);
    if (t.length > best.length) best = t;
  }
  return best || text(row.card.querySelector(HEADING));
}

function paper(
  id: string,
  rec: Rec | undefined,
  dom: { title?: string; abstract?: string; element?: Element | null },
  kind: PageKind,
  base: URL,
): FoundPaper | null {
  return makePaper(
    {
      ids: [`arxiv:${id}`],
      title: clean(rec?.title) || dom.title,
      authors: rec?.authors ?? [],
      abstract: rec?.abstract || dom.abstract,
      year: arxivYear(id) ?? yearOf(rec?.published),
      venue: 'arXiv',
      url: `https://huggingface.co/papers/${id}`,
      pdfUrl: arxivPdfUrl(id),
      element: dom.element,
    },
    ID,
    kind,
    base,
  );
}

/** Links that name a paper, in document order, bounded. */
function paperLinks(doc: Document, base: URL, max: number): Array<{ a: Element; id: string }> {
  const out: Array<{ a: Element; id: string }> = [];
  const all = doc.querySelectorAll('a[href*="/papers/"]');
  for (let i = 0; i < all.length && out.length < max; i++) {
    const a = all[i]!;
    const id = hfPaperId(a.getAttribute('href') ?? '', base);
    if (id) out.push({ a, id });
  }
  return out;
}

function fromList(doc: Document, url: URL): FoundPaper[] {
  const json = listJson(doc, url);
  // Cards hold three or four links to their paper.
  const rows = rowsFromLinks(paperLinks(doc, url, LIMITS.rowsPerPage * 6));
  const out: FoundPaper[] = [];
  for (const row of rows) {
    const rec = json.byId.get(row.id);
    // A long paragraph in the card is the abstract (search results show it; daily cards do not).
    let abstract = '';
    if (!rec?.abstract) {
      const p = row.card.querySelector('p');
      const t = p ? text(p, LIMITS.abstract) : '';
      if (t.length >= 120) abstract = t;
    }
    const p = paper(
      row.id,
      rec,
      { title: rowTitle(row), abstract, element: row.card },
      'listing',
      url,
    );
    if (p) out.push(p);
  }
  if (out.length) return out;
  for (const rec of json.shown) {
    const p = paper(rec.id, rec, {}, 'listing', url);
    if (p) out.push(p);
    if (out.length >= LIMITS.rowsPerPage) break;
  }
  return out;
}

function pageId(url: URL): string | null {
  const m = PAPER_PATH.exec(url.pathname);
  return m ? normalizeArxiv(m[1]!) : null;
}

function fromPaperPage(doc: Document, url: URL, id: string): FoundPaper[] {
  const props = parseProps(doc.querySelector('[data-target="PaperContent"][data-props]'));
  let rec = props ? toRec(props.paper) : null;
  if (rec && rec.id !== id) rec = null;
  const h1 = doc.querySelector('main h1, h1');
  const title =
    text(h1) ||
    clean(metaContent(doc, 'og:title') || doc.title).replace(/^Paper page\s*[-–]\s*/i, '');
  const p = paper(id, rec ?? undefined, { title, element: h1 }, 'single', url);
  return p ? [p] : [];
}

/** The URL check alone: the every-page gate (utils/detect/gate.ts) imports it without extract. */
export const huggingfacePapersMatches = (u: URL): boolean =>
  HOSTS.has(u.hostname.toLowerCase()) && /^\/papers(?:\/|$)/.test(u.pathname);

export const huggingfacePapers: Adapter = {
  id: ID,
  matches: huggingfacePapersMatches,
  testUrls: [
    'https://huggingface.co/papers/2509.24002',
    'https://huggingface.co/papers/2106.09685#community',
    'https://huggingface.co/papers',
    'https://huggingface.co/papers/date/2026-05-08',
    'https://huggingface.co/papers/week/2025-W52',
    'https://huggingface.co/papers/month/2026-01',
    'https://huggingface.co/papers/trending',
    'https://huggingface.co/papers?q=vision+transformer',
    'https://huggingface.co/papers?date=2024-11-08',
  ],
  detect(doc, url) {
    const id = pageId(url);
    if (id) {
      // A missing paper answers 404 with the site chrome: ask for the paper's own markup.
      const ok =
        doc.querySelector('[data-target="PaperContent"]') ||
        /^Paper page/i.test(metaContent(doc, 'og:title') || doc.title);
      return ok ? 'single' : null;
    }
    if (paperLinks(doc, url, 1).length) return 'listing';
    // Rendered without rows: the hydration JSON may still hold the list.
    const raw =
      doc.querySelector('[data-target*="Papers"][data-props]')?.getAttribute('data-props') ?? '';
    return raw.includes('"paper":{') ? 'listing' : null;
  },
  extract(doc, url) {
    const id = pageId(url);
    return id ? fromPaperPage(doc, url, id) : fromList(doc, url);
  },
};
