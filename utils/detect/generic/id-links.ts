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
  /arxiv\.org|doi\.org|hf\.co\/papers|huggingface\.co\/papers|alphaxiv\.org|openreview\.net|ncbi\.nlm\.nih\.gov|aclanthology\.org|aclweb\.org|dblp\.(?:org|uni-trier\.de|dagstuhl\.de)|semanticscholar\.org|hal\.science|archives-ouvertes\.fr|rxiv\.org\/content|nature\.com\/articles\/|\/doi\/|\/(?:article|articles|chapter|book|referenceworkentry|protocol|abstract|fulltext|journals)\/10\.|\/content\/pdf\/10\.|id=10\./i;

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
// A longer list item still stands for one paper when its link comes this early: the citation
// first, then a long abstract or BibTeX record (al-folio keeps both, hidden, in every item).
const MAX_HEAD_TEXT = 1500;
// Text between a link bar's links: separators, never words.
const BAR_GLUE = /^[\s|·•,;/()[\]\-–—]*$/;

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
  'open access ar5iv alphaxiv colab notebook repo repository site tweet thread original ' +
  'unofficial implementation pytorch tensorflow jax youtube recording notes';
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

// Awesome lists date or label each entry ahead of its title: "[2023/10] AutoAgents: …",
// "(arXiv preprint 2021) Title". Only a short tag with a digit in it, so "(De)composing" stays.
const LEAD_TAG = /^\s*(?:\[[^\]\d]{0,24}\d[^\]]{0,24}\]|\([^)\d]{0,24}\d[^)]{0,24}\))\s+/;
// Numbered sections in posts: "1. Title", "2.Title" (but not "2.5D …").
const ENUMERATOR = /^\s*\d{1,3}[.)]\s*(?=[\p{Lu}"“])/u;

/** Every word a link label or a number: "[PDF]", "this link", "Code v2". */
function labelOnly(words: readonly string[]): boolean {
  return words.every(
    (w) =>
      (labelWords ??= new Set(LABEL_TEXT.split(' '))).has(
        w.toLowerCase().replace(/[^\p{L}]/gu, ''),
      ) || /^\W*v?\d+\W*$/.test(w),
  );
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
  if (labelOnly(words)) return false;
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
  const parts = s.replace(LEAD_TAG, '').split(/(?<=[\p{Ll}\p{N})\]?!]{2})[.?!]\s+/u);
  for (const part of parts) {
    const p = stripEdges(part);
    // "PhD thesis, 2021", "NeurIPS, 2023": a short part with a year is a venue line.
    if (/\b(?:19|20)\d\d\b/.test(p) && p.split(/\s+/).length <= 6) continue;
    if (looksLikeTitle(p) && !authorListLike(p)) return p;
  }
  return '';
}

const ROW_TAGS = new Set(['li', 'tr', 'dd', 'p']);
const ITEM_TAGS = new Set(['li', 'tr', 'dd']);
const P_TAG = new Set(['p']);
const TITLE_CLASS = (e: Element) => (e.getAttribute('class') ?? '').toLowerCase().includes('title');
const LINK = (e: Element) => e.localName === 'a';
const STRONG_TAGS = new Set(['cite', 'strong', 'b', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const STRONG = (e: Element) => STRONG_TAGS.has(e.localName);
const ITALIC = (e: Element) => e.localName === 'em' || e.localName === 'i';

/**
 * Elements of this row, not of a row nested inside it (a sub-list of related work, say), in
 * document order. A walk bounded in nodes and matches rather than a selector query: a list item
 * holding a hidden abstract and a highlighted BibTeX record has hundreds of elements, and JSDOM
 * runs a scoped query over the whole document.
 */
function own(row: Element, pick: (e: Element) => boolean): Element[] {
  const tag = row.localName;
  const nested = tag === 'p' ? P_TAG : ITEM_TAGS.has(tag) ? ITEM_TAGS : ROW_TAGS;
  const out: Element[] = [];
  let n: Element | null = row.firstElementChild;
  for (let steps = 0; n && steps < 5000 && out.length < 50; steps++) {
    const inner = nested.has(n.localName);
    if (!inner && pick(n)) out.push(n);
    if (!inner && n.firstElementChild) {
      n = n.firstElementChild;
      continue;
    }
    while (n && n !== row && !n.nextElementSibling) n = n.parentElement;
    n = n && n !== row ? n.nextElementSibling : null;
  }
  return out;
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

/** A name short of a title ("PlaNet", "Hotpot-QA"), taken only where the page says it names. */
function nameLike(t: string): boolean {
  if (t.length < 2 || !/\p{L}\p{L}/u.test(t)) return false;
  if (/^(?:https?:\/\/|www\.)/i.test(t) || normalizeArxiv(t) || normalizeDoi(t)) return false;
  if (labelOnly(t.split(/\s+/))) return false;
  return !CITE_LABEL.test(t) && !NAME_LIKE.test(t) && !VENUE_TAG.test(t) && !VENUE_LIKE.test(t);
}

/** How surely a table header names the column that holds the paper's title (0: not at all). */
function headRank(t: string): number {
  if (/\btitles?\b|标题|题目|제목/i.test(t)) return 3;
  if (/\b(?:papers?|publications?|articles?)\b|论文|논문/i.test(t)) return 2;
  return /\bnames?\b|名称|이름/i.test(t) ? 1 : 0;
}

// Per extraction: a table's naming columns, surest first, found once however many rows it has.
let titleColumns = new WeakMap<Element, number[]>();

function namingColumns(row: Element): number[] {
  const table = row.closest('table');
  if (!table) return [];
  let cols = titleColumns.get(table);
  if (cols) return cols;
  const ranked: Array<[number, number]> = [];
  const head = table.querySelector('tr');
  if (head && head !== row) {
    for (let i = 0; i < head.children.length && i < 30; i++) {
      const th = head.children[i]!;
      const rank = th.localName === 'th' ? headRank(text(th, 80)) : 0;
      if (rank) ranked.push([rank, i]);
    }
  }
  cols = ranked.sort((a, b) => b[0] - a[0]).map(([, i]) => i);
  titleColumns.set(table, cols);
  return cols;
}

/**
 * The row's cell under a "Title", "Paper" or "Name" header: reading groups and awesome-list tables
 * name the paper there, often by a short name ("[PlaNet](arXiv) (ICML 2019)"), while other cells
 * hold dates, presenters, tasks and "YouTube / Review" links.
 */
function columnTitle(row: Element): string {
  // A "Paper" column may hold only the "[paper]" link, while "Name" names the work.
  for (const col of namingColumns(row)) {
    const cell = row.children[col];
    if (!cell) continue;
    const links = cell.getElementsByTagName('a');
    for (let i = 0; i < links.length && i < 5; i++) {
      const t = stripEdges(text(links[i]));
      if (nameLike(t)) return t;
    }
    const t = stripEdges(text(cell));
    if (nameLike(t) && !authorListLike(t)) return t;
  }
  return '';
}

function rowTitle(row: Element, firstLink: Element, idLinks: Set<Element>): string {
  if (row === firstLink) return '';
  if (row.localName === 'tr') {
    const named = columnTitle(row);
    if (named) return named;
  }
  // Publication-list themes name the title element by class (title, pub-title, paper-title).
  const marked = longestTitle(own(row, TITLE_CLASS));
  if (marked) return marked;
  const links = own(row, LINK).filter((a) => !bracketed(a) && !idLinks.has(a));
  const strong = longestTitle([...own(row, STRONG), ...links]);
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
  const italic = longestTitle(own(row, ITALIC), 3);
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
  // A post that gives each paper a section ("1. Title", prose, "Read more at <a>this link</a>"):
  // the section's heading names it. Not when the link is a citation ("Ho et al. 2020"): a post
  // cites other works within a section about something else.
  if (row.localName !== 'p') return '';
  const label = stripEdges(text(firstLink));
  if (CITE_LABEL.test(label)) return '';
  // Prose may come between the heading and a link that only points ("this link", "[arXiv]"); any
  // other link (an image badge, a sentence) is named by a heading right above it or not at all.
  return sectionTitle(row, label && labelOnly(label.split(/\s+/)) ? 8 : 1);
}

/** The heading of the section holding this paragraph, unless another paper's link comes between. */
function sectionTitle(p: Element, reach: number): string {
  let prev = p.previousElementSibling;
  for (let i = 0; prev && i < reach; i++, prev = prev.previousElementSibling) {
    const h = headingOf(prev);
    if (h) {
      const t = stripEdges(text(h).replace(ENUMERATOR, ''));
      return looksLikeTitle(t) ? t : '';
    }
    const links = prev.getElementsByTagName('a');
    for (let j = 0; j < links.length && j < 30; j++) {
      const href = links[j]!.getAttribute('href') ?? '';
      if (HREF_HINT.test(href) && idsFromUrl(href).length) return '';
    }
  }
  return '';
}

const HEADING = /^h[1-6]$/;

function headingOf(el: Element): Element | null {
  if (HEADING.test(el.localName)) return el;
  // GitHub wraps rendered headings in a div of their own, with the permalink anchor after the
  // heading: div.markdown-heading > h2 + a.anchor.
  const first = el.firstElementChild;
  return first && el.children.length <= 2 && HEADING.test(first.localName) ? first : null;
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
  // A paragraph of links alone ("PDF Cite Code DOI" under a citation, as Hugo Academic and
  // Wowchemy render them) is the entry's button bar: the entry is the block around it. Not in a
  // post, where the paragraph follows headings and other paragraphs rather than a citation.
  if (r?.localName === 'p' && barLinks(r) && inlineBeside(r)) r = null;
  if (r && textLength(r) <= MAX_ROW_TEXT) return r;
  if (r && r.localName !== 'p' && textBefore(r, a, MAX_HEAD_TEXT).length < MAX_HEAD_TEXT) return r;
  if (r) return a;
  // Above a bar of several buttons is the entry, however long its author list (Wowchemy's
  // citation view lists every author in the entry's block).
  const bar =
    a.parentElement && barLinks(a.parentElement) > 1 ? a.parentElement.parentElement : null;
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
    if (textLength(cur) > (cur === bar ? MAX_ROW_TEXT : MAX_BLOCK_TEXT)) break;
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

const INLINE = new Set(['a', 'span', 'em', 'i', 'b', 'strong', 'cite', 'abbr', 'small', 'sup']);

/** Does the element's parent hold words of its own (a citation's text), beside its blocks? */
function inlineBeside(el: Element): boolean {
  const nodes = el.parentElement?.childNodes;
  for (let i = 0; nodes && i < nodes.length && i < 50; i++) {
    const n = nodes[i]!;
    const inline = n.nodeType === 3 || (n.nodeType === 1 && INLINE.has((n as Element).localName));
    if (inline && /\p{L}/u.test(n.textContent ?? '')) return true;
  }
  return false;
}

/** How many links this element holds if it holds nothing else but separators, else 0. Bounded. */
function barLinks(p: Element): number {
  let links = 0;
  let n: Node | null = p.firstChild;
  for (let steps = 0; n && steps < 200; steps++) {
    if (n.nodeType === 3) {
      if (!BAR_GLUE.test(n.nodeValue ?? '')) return 0;
    } else if (n.nodeType === 1) {
      const el = n as Element;
      if (el.localName === 'a') links++;
      else if (el.firstChild && !SKIP_TEXT.has(el.localName)) {
        n = el.firstChild;
        continue;
      }
    }
    while (n && n !== p && !n.nextSibling) n = n.parentNode;
    n = n && n !== p ? n.nextSibling : null;
    if (!n) return links;
  }
  return 0;
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

  titleColumns = new WeakMap();
  const hits: Hit[] = [];
  for (const [row, all] of rows) {
    const cands = dropContainers(all);
    const groups = groupRow(cands);
    // A dropped volume link is still an id link: its text names the book, never the row.
    const idLinks = new Set(all.map((c) => c.a));
    if (groups.length === 1) {
      const g = groups[0]!;
      let title = '';
      for (const c of g) if ((title = linkTitle(c.a))) break;
      let sure = title ? SURE_LINK : SURE_NONE;
      if (!title) {
        title = rowTitle(row, g[0]!.a, idLinks);
        sure = !title ? SURE_NONE : row.localName === 'p' ? SURE_PROSE : SURE_ROW;
      }
      hits.push({ cands: g, element: row, title, sure });
    } else {
      // Several papers in one row (a paragraph citing many): each link stands for its own paper.
      for (const g of groups) {
        let title = '';
        for (const c of g) if ((title = linkTitle(c.a))) break;
        hits.push({ cands: g, element: g[0]!.a, title, sure: title ? SURE_LINK : SURE_NONE });
      }
    }
    if (hits.length >= LIMITS.rowsPerPage) break;
  }
  betterTitles(hits);
  const out: FoundPaper[] = [];
  for (const h of hits.slice(0, LIMITS.rowsPerPage)) {
    const p = paperOf(h.cands, h.element, h.title, url);
    if (p) out.push(p);
  }
  return out;
}

interface Hit {
  cands: Cand[];
  element: Element;
  title: string;
  sure: number;
}

// How a row's title was read, weakest first: a post cites a paper as "Ho et al. 2020" in its
// text and names it in full only in its reference list further down.
const SURE_NONE = 0;
const SURE_PROSE = 1;
const SURE_ROW = 2;
const SURE_LINK = 3;

/** Gives each paper's first row (the one kept) the surest title any of its rows has. */
function betterTitles(hits: Hit[]): void {
  const first = new Map<string, Hit>();
  for (const h of hits) {
    let earlier: Hit | undefined;
    for (const c of h.cands) {
      for (const id of c.ids) {
        earlier ??= first.get(id);
        if (!first.has(id)) first.set(id, h);
      }
    }
    if (earlier && earlier !== h && h.sure > earlier.sure) {
      earlier.title = h.title;
      earlier.sure = h.sure;
    }
  }
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
