/**
 * Listings built from links that name a paper by its URL (arXiv, doi.org, OpenReview, PubMed, ACL
 * Anthology, …; see idsFromUrl): reading lists, awesome lists, blogs, lab publication pages.
 * Links in one row (`[paper] [pdf] [code]`, or a DOI and an arXiv link for the same work) make one
 * paper; its title is the link text when that reads as a title, else the row's own title text.
 */
import { idsFromUrl, kindOf, normalizeArxiv, normalizeDoi, normalizeTitle } from '../../identity';
import { LIMITS, type FoundPaper, type PageKind } from '../../paper';
import type { Adapter } from '../adapter';
import { absUrl, clean, text } from '../dom';
import { makePaper } from '../make-paper';

/**
 * Hosts and paths that can carry a paper id (see idsFromUrl), as a string test run on every link
 * before its URL is parsed. One pass over `a[href]` with this test is cheaper than an attribute
 * substring selector with twenty alternatives, natively and far more so in JSDOM.
 */
export const HREF_HINT =
  /arxiv\.org|doi\.org|hf\.co\/papers|huggingface\.co\/papers|alphaxiv\.org|openreview\.net|ncbi\.nlm\.nih\.gov|aclanthology\.org|aclweb\.org|dblp\.(?:org|uni-trier\.de|dagstuhl\.de)|semanticscholar\.org|hal\.science|archives-ouvertes\.fr|rxiv\.org\/content|nature\.com\/articles\/|\/doi\/|\/(?:article|chapter|book|referenceworkentry|protocol)\/10\.|\/content\/pdf\/10\.|id=10\./i;

const ROW = 'li, tr, dd, p';
// Site chrome. A header or footer inside an article or main is part of the content (a post's
// "Paper: arXiv" line), so only page-level ones are skipped.
const CHROME = 'nav, [role="navigation"], [role="banner"], [role="contentinfo"]';
// Sidebars beside the content ("Related reading") and publishers' "Cited by" blocks name other
// works than the ones the page lists. An aside inside an article or main can be a margin note on
// the listed paper, so, like header and footer, only page-level ones are skipped.
const ASIDE = 'aside, [role="complementary"]';
const CITED_BY =
  '[class*="cited-by" i], [class*="citedby" i], [id*="cited-by" i], [id*="citedby" i]';
const MAX_LINKS = 200_000;
const MAX_ROW_TEXT = 3000;
const MAX_BLOCK_TEXT = 500;

interface Cand {
  a: Element;
  ids: string[];
  href: string;
}

// ---- titles -------------------------------------------------------------------------------------

/** Words that label a link rather than name a paper: "[PDF]", "arXiv", "Code", "Project page". */
const LABEL_TEXT =
  'pdf paper papers arxiv abs abstract link links code github gitlab doi html bib bibtex slide slides ' +
  'video videos talk poster project page website webpage homepage here this download preprint ' +
  'publisher official supp supplement supplementary material materials demo blog url pubmed pmc ' +
  'openreview huggingface hugging face hf view read more full text fulltext citation cite dataset ' +
  'data model models weights review reviews forum semantic scholar dblp acl anthology springer ' +
  'ieee acm journal published version camera ready details summary the a an at on in of ' +
  'open access ar5iv alphaxiv colab notebook repo repository site tweet thread';
// Built on first use: the every-page gate imports this module for idLinksDetect alone.
let labelWords: Set<string> | undefined;

const EDGE = /^[\s[\](){}|:;,.•·*#"'“”‘’\-–—\p{So}]+|[\s[\](){}|:;,.•·*#"'“”‘’\-–—\p{So}]+$/gu;
const VENUE_TAG = /^[\p{Lu}][\p{L}&-]*[\s']*(?:\d{2}|\d{4})(?:\s+\p{L}+)?$/u;
const VENUE_LIKE =
  /^(?:in[:\s]|proc(?:eedings|\.)|journal\b|transactions\b|conference\b|workshop\b|symposium\b|arxiv\b|preprint\b|accepted\b|to appear\b|under review\b|submitted\b|forthcoming\b)/i;
const CITE_LABEL =
  /\bet\s+al\b|^[\p{Lu}][\p{L}'-]+(?:\s+(?:and|&)\s+[\p{Lu}][\p{L}'-]+)?,?\s*\(?\d{4}[a-z]?\)?$/u;
const NAME_LIKE = /^(?:[\p{Lu}]\.[\s-]?)+[\p{Lu}][\p{L}'-]+$/u;

function stripEdges(s: string): string {
  return clean(s, LIMITS.title).replace(EDGE, '');
}

/** Does this text read as a paper title (not a label, URL, id, citation key, venue or name)? */
export function looksLikeTitle(raw: string): boolean {
  const t = stripEdges(raw);
  if (t.length < 8) return false;
  const words = t.split(/\s+/);
  if (words.length < 2) return false;
  if (/^(?:https?:\/\/|www\.)/i.test(t) || /^\S+\.\S+\/\S*$/.test(t)) return false;
  if (normalizeArxiv(t.replace(/^arxiv\s*/i, '')) || normalizeDoi(t)) return false;
  if (/^(?:arxiv|doi|pmid|pmcid)\b/i.test(t) && words.length <= 3) return false;
  if (
    words.every(
      (w) =>
        (labelWords ??= new Set(LABEL_TEXT.split(' '))).has(
          w.toLowerCase().replace(/[^\p{L}]/gu, ''),
        ) || /^\W*v?\d+\W*$/.test(w),
    )
  )
    return false;
  if (CITE_LABEL.test(t) || NAME_LIKE.test(t)) return false;
  if (VENUE_TAG.test(t) || VENUE_LIKE.test(t)) return false;
  const letters = t.replace(/[^\p{L}]/gu, '').length;
  return letters >= t.length / 2;
}

/** "A. Smith, B. Jones and C. Lee": every part a short capitalized name. */
function authorListLike(s: string): boolean {
  const parts = s.split(/\s*(?:,|;|\band\b|&)\s*/).filter(Boolean);
  const one = parts[0];
  if (parts.length === 1 && one)
    return NAME_LIKE.test(one) || (/\b[\p{Lu}]\.\s/u.test(one) && one.split(/\s+/).length <= 4);
  return parts.every((p) => p.split(/\s+/).length <= 4 && /^[\p{Lu}]/u.test(p));
}

/** Link text in brackets in the page ("[<a>NeurIPS 2023</a>]") is a label whatever it says. */
function bracketed(a: Element): boolean {
  const before = a.previousSibling?.textContent ?? '';
  const after = a.nextSibling?.textContent ?? '';
  return /[[(]\s*$/.test(before) && /^\s*[\])]/.test(after);
}

function linkTitle(a: Element): string {
  if (bracketed(a)) return '';
  const t = text(a);
  return looksLikeTitle(t) ? stripEdges(t) : '';
}

const SKIP_TEXT = new Set(['script', 'style', 'template']);

/**
 * Text of the row up to `stop`, skipping scripts and styles. Iterative and bounded in both text
 * and nodes visited, so a hostile row nested ten thousand deep costs little and cannot overflow.
 */
function textBefore(row: Element, stop: Element, max = 600): string {
  let out = '';
  let n: Node | null = row.firstChild;
  for (let steps = 0; n && n !== stop && steps < 5000; steps++) {
    if (n.nodeType === 3) {
      out += n.nodeValue ?? '';
      if (out.length > max) break;
    } else if (n.nodeType === 1 && n.firstChild && !SKIP_TEXT.has((n as Element).localName)) {
      out += ' ';
      n = n.firstChild;
      continue;
    }
    while (n && n !== row && !n.nextSibling) {
      n = n.parentNode;
      out += ' ';
    }
    n = n && n !== row ? n.nextSibling : null;
  }
  // Element boundaries added spaces; "<b>A. Chen</b>." must still read "A. Chen."
  return clean(out, max + 2).replace(/\s+([.,;:])/g, '$1');
}

/** The title in a citation string "Authors. Title. Venue, year." — the first part that is neither. */
function titleOfCitation(s: string): string {
  // Split on sentence ends only after a lower-case word or a digit, so "J. Smith" stays whole.
  const parts = s.split(/(?<=[\p{Ll}\p{N})\]?!]{2})[.?!]\s+/u);
  for (const part of parts) {
    const p = stripEdges(part);
    // "PhD thesis, 2021", "NeurIPS, 2023": a short part with a year is a venue line.
    if (/\b(?:19|20)\d\d\b/.test(p) && p.split(/\s+/).length <= 6) continue;
    if (looksLikeTitle(p) && !authorListLike(p)) return p;
  }
  return '';
}

/** Elements of this row, not of a row nested inside it (a sub-list of related work, say). */
function own(row: Element, selector: string): Element[] {
  const tag = row.localName;
  const nested =
    tag === 'p' ? 'p' : tag === 'li' || tag === 'tr' || tag === 'dd' ? 'li, tr, dd' : null;
  return Array.from(row.querySelectorAll(selector))
    .slice(0, 50)
    .filter((e) => {
      if (nested) return e.closest(nested) === row;
      const r = e.closest(ROW);
      return !r || !row.contains(r);
    });
}

function longestTitle(els: Element[], minWords = 2): string {
  let best = '';
  for (const e of els) {
    const t = stripEdges(text(e));
    if (
      t.length > best.length &&
      t.split(/\s+/).length >= minWords &&
      looksLikeTitle(t) &&
      !authorListLike(t)
    )
      best = t;
  }
  return best;
}

function rowTitle(row: Element, firstLink: Element, idLinks: Set<Element>): string {
  if (row === firstLink) return '';
  // Publication-list themes name the title element by class (title, pub-title, paper-title).
  const marked = longestTitle(own(row, '[class*="title" i]'));
  if (marked) return marked;
  const links = own(row, 'a').filter((a) => !bracketed(a) && !idLinks.has(a));
  const strong = longestTitle([...own(row, 'cite, strong, b, h1, h2, h3, h4, h5, h6'), ...links]);
  if (strong) return strong;
  if (row.localName === 'tr') {
    const cells = Array.from(row.children).filter((c) => !c.contains(firstLink));
    const cell = longestTitle(cells);
    if (cell) return cell;
  }
  // Definition lists: the term names the paper, the description holds its links.
  if (row.localName === 'dd') {
    const dt = row.previousElementSibling;
    if (dt?.localName === 'dt' && looksLikeTitle(text(dt))) return stripEdges(text(dt));
  }
  // Venues are often italic too; an italic title is taken only when it is clearly long.
  const italic = longestTitle(own(row, 'em, i'), 3);
  if (italic) return italic;
  const rowText = text(row, MAX_ROW_TEXT);
  const quoted = /[“"]([^”"]{8,400}?)[,.]?[”"]/.exec(rowText);
  if (quoted && looksLikeTitle(quoted[1]!)) return stripEdges(quoted[1]!);
  // A paragraph is prose: text before its link is a sentence, not a title. Elsewhere (list items,
  // table rows, definitions) it is the citation string or the bare title.
  if (row.localName !== 'p' && rowText.length <= 600) {
    const t = titleOfCitation(textBefore(row, firstLink));
    if (t) return t;
  }
  // A post that gives each paper a section: the heading right above the paragraph names it.
  if (row.localName === 'p') return headingTitle(row.previousElementSibling);
  return '';
}

const HEADING = /^h[1-6]$/;

function headingTitle(prev: Element | null): string {
  if (!prev) return '';
  // GitHub wraps rendered headings in a div of their own (div.markdown-heading > h2).
  const h = HEADING.test(prev.localName)
    ? prev
    : prev.children.length === 1 && HEADING.test(prev.children[0]!.localName)
      ? prev.children[0]!
      : null;
  const t = h ? text(h) : '';
  return looksLikeTitle(t) ? stripEdges(t) : '';
}

// ---- rows ---------------------------------------------------------------------------------------

function textLength(el: Element): number {
  return (el.textContent ?? '').length;
}

function conflicts(a: readonly string[], b: readonly string[]): boolean {
  return a.some((x) => b.some((y) => x !== y && kindOf(x) === kindOf(y)));
}

/**
 * The element that stands for the paper on the page: the list item, table row or paragraph holding
 * the link; in div-based layouts, the smallest enclosing block up to a few levels that holds no other
 * paper; else the link itself.
 */
function rowOf(a: Element, ids: string[], base: string): Element {
  let r = a.closest(ROW);
  // Rendered Markdown wraps a loose list item's lines in paragraphs: the item is the row.
  if (r?.localName === 'p' && r.parentElement?.matches('li, dd, td'))
    r = r.parentElement.closest('li, dd, tr');
  if (r && textLength(r) <= MAX_ROW_TEXT) return r;
  if (r) return a;
  let best: Element = a;
  let cur = a.parentElement;
  for (let depth = 0; cur && depth < 3; depth++, cur = cur.parentElement) {
    const tag = cur.localName;
    if (
      tag === 'body' ||
      tag === 'main' ||
      tag === 'html' ||
      tag === 'article' ||
      tag === 'section'
    )
      break;
    if (textLength(cur) > MAX_BLOCK_TEXT) break;
    const others = cur.querySelectorAll('a[href]');
    let clash = false;
    for (let i = 0; i < others.length && i < 30 && !clash; i++) {
      const href = others[i]!.getAttribute('href') ?? '';
      if (HREF_HINT.test(href) && conflicts(ids, idsFromUrl(href, base))) clash = true;
    }
    if (clash) break;
    best = cur;
  }
  return best;
}

const PDF = /\.pdf(?:$|[?#])|arxiv\.org\/pdf\/|openreview\.net\/pdf|\/doi\/(?:e?pdf|pdfdirect)\//i;

function paperOf(cands: Cand[], element: Element, title: string, base: URL): FoundPaper | null {
  const page = cands.find((c) => !PDF.test(c.href));
  const pdf = cands.find((c) => PDF.test(c.href));
  return makePaper(
    {
      ids: cands.flatMap((c) => c.ids),
      title,
      url: page && absUrl(page.href, base),
      pdfUrl: pdf && absUrl(pdf.href, base),
      element,
    },
    'id-links',
    'listing',
    base,
  );
}

function twoTitles(groups: Array<{ cands: Cand[] }>): boolean {
  let first = '';
  for (const g of groups) {
    for (const c of g.cands.slice(0, 10)) {
      const t = normalizeTitle(linkTitle(c.a));
      if (!t) continue;
      if (!first) first = t;
      else if (t !== first) return true;
      break;
    }
  }
  return false;
}

/** Splits one row's links into papers: links sharing an id, merged unless two ids of a kind clash. */
function groupRow(cands: Cand[]): Cand[][] {
  const groups: Array<{ ids: Set<string>; cands: Cand[] }> = [];
  for (const c of cands) {
    const g = groups.find((x) => c.ids.some((id) => x.ids.has(id)));
    if (g) {
      g.cands.push(c);
      for (const id of c.ids) g.ids.add(id);
    } else groups.push({ ids: new Set(c.ids), cands: [c] });
  }
  if (groups.length > 1) {
    const all = groups.flatMap((g) => [...g.ids]);
    // "[DOI] [arXiv]" for the same work: different kinds, no clash, one paper. Unless two links
    // each carry a title and the titles differ: "<DOI>Paper</a>, extended version of <arXiv>Other
    // paper</a>" names two works, whatever their ids' kinds.
    if (!conflicts(all, all) && !twoTitles(groups)) return [groups.flatMap((g) => g.cands)];
  }
  return groups.map((g) => g.cands);
}

// A link to a book or proceedings volume (Springer /book/, ACM /doi/book/): its DOI is the stem of
// its chapters' DOIs (10.1007/978-3-031-43412-9 → …-9_12; 10.1145/3580305 → 10.1145/3580305.3599256).
const CONTAINER_PATH = /\/book\/10\./i;

/**
 * Drops a row's link to the volume that holds the row's paper: search results name a chapter
 * "in <a href=/book/…>Book title</a>", which is the venue, not a second paper.
 */
function dropContainers(cands: Cand[]): Cand[] {
  if (cands.length < 2 || !cands.some((c) => CONTAINER_PATH.test(c.href))) return cands;
  // A row's own links come first; comparing against a few keeps a row of thousands linear.
  const near = cands.slice(0, 50).flatMap((c) => c.ids.map((id) => ({ c, id })));
  const holdsRowPaper = (c: Cand) =>
    c.ids.some(
      (stem) =>
        stem.startsWith('doi:') &&
        near.some(
          ({ c: o, id }) =>
            o !== c &&
            id.length > stem.length + 1 &&
            id.startsWith(stem) &&
            /[_.]/.test(id[stem.length]!),
        ),
    );
  const kept = cands.filter((c) => !CONTAINER_PATH.test(c.href) || !holdsRowPaper(c));
  return kept.length ? kept : cands;
}

export function extractIdLinks(doc: Document, url: URL): FoundPaper[] {
  const base = url.href;
  const rows = new Map<Element, Cand[]>();
  const anchors = doc.querySelectorAll('a[href]');
  const n = Math.min(anchors.length, MAX_LINKS);
  for (let i = 0; i < n; i++) {
    const a = anchors[i]!;
    const href = a.getAttribute('href') ?? '';
    if (!HREF_HINT.test(href) || href.length > LIMITS.url) continue;
    const ids = idsFromUrl(href, base);
    if (!ids.length) continue;
    if (a.closest(CHROME)) continue;
    const hf = a.closest('header, footer');
    if (hf && !hf.closest('article, main')) continue;
    const side = a.closest(ASIDE);
    if (side && !side.closest('article, main')) continue;
    if (a.closest(CITED_BY)) continue;
    const row = rowOf(a, ids, base);
    const list = rows.get(row);
    if (list) list.push({ a, ids, href });
    else {
      // Rows beyond the page bound are not read at all.
      if (rows.size >= LIMITS.rowsPerPage) break;
      rows.set(row, [{ a, ids, href }]);
    }
  }

  const out: FoundPaper[] = [];
  for (const [row, all] of rows) {
    const cands = dropContainers(all);
    const groups = groupRow(cands);
    // A dropped volume link is still an id link: its text names the book, never the row.
    const idLinks = new Set(all.map((c) => c.a));
    if (groups.length === 1) {
      const g = groups[0]!;
      let title = '';
      for (const c of g) if ((title = linkTitle(c.a))) break;
      if (!title) title = rowTitle(row, g[0]!.a, idLinks);
      const p = paperOf(g, row, title, url);
      if (p) out.push(p);
    } else {
      // Several papers in one row (a paragraph citing many): each link stands for its own paper.
      for (const g of groups) {
        let title = '';
        for (const c of g) if ((title = linkTitle(c.a))) break;
        const p = paperOf(g, g[0]!.a, title, url);
        if (p) out.push(p);
      }
    }
    if (out.length >= LIMITS.rowsPerPage) break;
  }
  return out.slice(0, LIMITS.rowsPerPage);
}

/** The cheap check alone: the every-page gate (utils/detect/gate.ts) imports it without extract. */
export function idLinksDetect(doc: Document, url: URL): PageKind | null {
  const anchors = doc.querySelectorAll('a[href]');
  const n = Math.min(anchors.length, MAX_LINKS);
  let parsed = 0;
  for (let i = 0; i < n; i++) {
    const href = anchors[i]!.getAttribute('href') ?? '';
    if (!HREF_HINT.test(href)) continue;
    if (idsFromUrl(href, url.href).length) return 'listing';
    // Many near-misses (a publisher's own /doi/ navigation) do not make a listing; stop looking.
    if (++parsed >= 50) return null;
  }
  return null;
}

export const idLinks: Adapter = {
  id: 'id-links',
  generic: true,
  matches: () => true,
  testUrls: [],
  detect: idLinksDetect,
  extract: extractIdLinks,
};
