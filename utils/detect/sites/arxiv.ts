/**
 * arXiv: abstract pages (/abs), the PDF and HTML renderings (/pdf, /html: the URL names the paper),
 * day and month listings (/list/<archive>/new|recent|pastweek|YYMM, /catchup, author pages /a/),
 * which are dl > dt/dd pairs in both the pre-2024 and the current layout, and search results
 * (/search, /search/advanced: li.arxiv-result). The HTML renderings are also served by
 * ar5iv.labs.arxiv.org and browse.arxiv.org, under the same /html/<id> paths. Proceedings whose
 * source is HTML are served at /html/<id> too, their papers written as listing rows.
 */
import { normalizeArxiv } from '../../identity';
import { LIMITS, type FoundPaper, type PageKind } from '../../paper';
import type { Adapter } from '../adapter';
import { clean, metaContent, metaContents, splitAuthors, text } from '../dom';
import { makePaper, type RawPaper } from '../make-paper';

const ID = 'arxiv';
const HOSTS = new Set(['arxiv.org', 'www.arxiv.org', 'export.arxiv.org']);
// Hosts that serve only the LaTeXML renderings: anything else there is not a paper page.
const HTML_HOSTS = new Set(['ar5iv.labs.arxiv.org', 'browse.arxiv.org']);
const HTML_PATH = /^\/html\/./;
// Only pages that show papers: /api (Atom feeds), /help, /static, the home page are left alone.
const SINGLE = /^\/(abs|pdf|html)\/(.+)$/;
const LISTING = /^\/(?:list|search|catchup|a)(?:\/|$)/;

/** arXiv id from a path tail such as `2106.09608v2`, `2106.09608v2.pdf`, `math/0309136`, `2401.1v1/x1.png`. */
function idFromTail(tail: string): string | null {
  let s = tail;
  // Listing links are plain ids: skip decoding and trimming unless there is something to do.
  if (s.includes('%')) {
    try {
      s = decodeURIComponent(s);
    } catch {
      // Keep the raw text.
    }
  }
  if (s.endsWith('/')) s = s.replace(/\/+$/, '');
  const direct = normalizeArxiv(s);
  if (direct) return direct;
  // HTML renderings serve their figures and sections under /html/<id>/…
  const cut = s.lastIndexOf('/');
  return cut > 0 ? normalizeArxiv(s.slice(0, cut)) : null;
}

// The common spellings of a paper link, read without building a URL (a listing has thousands).
const FAST_HREF =
  /^(?:(?:https?:)?\/\/(?:www\.|export\.)?arxiv\.org)?\/(?:abs|pdf|html)\/([^?#]+)/i;

/** The paper an arXiv abs/pdf/html link names, or null. */
export function arxivIdFromHref(href: string, base: string | URL): string | null {
  const f = FAST_HREF.exec(href.trim());
  if (f) return idFromTail(f[1]!);
  let u: URL;
  try {
    u = new URL(href, base);
  } catch {
    return null;
  }
  const host = u.hostname.toLowerCase();
  if (!HOSTS.has(host) && !host.endsWith('.arxiv.org')) return null;
  const m = SINGLE.exec(u.pathname);
  return m ? idFromTail(m[2]!) : null;
}

/** Year of first submission, read off the id (YYMM.NNNNN, or archive/YYMMNNN with YY >= 91 in the 1900s). */
export function arxivYear(id: string): number | undefined {
  let yy: number;
  let mm: number;
  // Digits read in place: a match array per row is garbage a long listing does not need.
  if (/^\d{4}\.\d{4,5}$/.test(id)) {
    yy = (id.charCodeAt(0) - 48) * 10 + id.charCodeAt(1) - 48;
    mm = (id.charCodeAt(2) - 48) * 10 + id.charCodeAt(3) - 48;
  } else {
    const m = /\/(\d\d)(\d\d)\d{3}$/.exec(id);
    if (!m) return undefined;
    yy = Number(m[1]);
    mm = Number(m[2]);
  }
  if (mm < 1 || mm > 12) return undefined;
  return yy >= 91 ? 1900 + yy : 2000 + yy;
}

export const arxivAbsUrl = (id: string) => `https://arxiv.org/abs/${id}`;
export const arxivPdfUrl = (id: string) => `https://arxiv.org/pdf/${id}`;

/**
 * Text of a labelled arXiv field without its label: arXiv puts "Title:", "Authors:", "Abstract:",
 * "Journal-ref:" inside the element, in a span.descriptor (or a bold span on search pages).
 */
function unlabelled(
  el: Element | null | undefined,
  label: RegExp,
  max: number = LIMITS.title,
  read: Reader = rawText,
): string {
  if (!el) return '';
  const raw = read(el, max + 40);
  const t = raw.trim();
  // A label that matches the raw text matches the collapsed text alike, the whitespace after it
  // going with it: taken off first, most titles then need no collapsed copy. A label broken by a
  // line break ("Journal\n ref:") still goes the old way.
  const m = label.exec(t);
  if (m) return clean(t.slice(m[0].length), max);
  return clean(raw, max + 40)
    .replace(label, '')
    .trim()
    .slice(0, max);
}

const TITLE_LABEL = /^Title:\s*/i;
const AUTHORS_LABEL = /^Authors?:\s*/i;
const ABSTRACT_LABEL = /^\s*Abstract\s*:\s*/i;
const JREF_LABEL = /^Journal[- ]ref(?:erence)?:\s*/i;
// One case-blind match rather than a lower-cased copy of every name: the same answers, since no
// non-ASCII character lower-cases to these ASCII words.
const NOT_AN_AUTHOR = /^(?:et al\.?|\([\s\S]*\))$|additional author|not shown/i;

/** Placeholders that sit among author links on long author lists ("et al.", "(5 additional authors not shown)"). */
function notAnAuthor(n: string): boolean {
  return NOT_AN_AUTHOR.test(n);
}

/** classList.contains, without a DOMTokenList for every field of every row. */
function hasClass(el: Element, name: string): boolean {
  const c = el.getAttribute('class');
  if (!c) return false;
  for (let i = c.indexOf(name); i >= 0; i = c.indexOf(name, i + 1)) {
    const end = i + name.length;
    if (
      (i === 0 || asciiSpace(c.charCodeAt(i - 1))) &&
      (end === c.length || asciiSpace(c.charCodeAt(end)))
    )
      return true;
  }
  return false;
}

/** What separates class names: the DOM's ASCII whitespace (tab, LF, FF, CR, space). */
function asciiSpace(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 10 || ch === 12 || ch === 13;
}

/** Reads an element's text, cut to about `max * 4` characters and not yet collapsed. */
type Reader = (el: Element | null | undefined, max: number) => string;

/**
 * Text content cut to a bound but not yet collapsed: makePaper collapses whitespace, and doing it
 * twice on thousands of abstracts is most of a listing's cost.
 */
function rawText(el: Element | null | undefined, max: number): string {
  const t = el?.textContent ?? '';
  return t.length > max * 4 ? t.slice(0, max * 4) : t;
}

/**
 * Text under `el` in document order, where `part` may stand in for an element: a string read in
 * its place (its subtree left unread), or undefined to read inside it. Cut as rawText cuts; the
 * node budget of the same size keeps a subtree of countless empty elements from costing more
 * than its text could be worth. A loop over siblings and parents, not recursion: no page nesting
 * can overflow the stack.
 */
function walkText(
  el: Element | null | undefined,
  max: number,
  part: (e: Element) => string | undefined,
): string {
  if (!el) return '';
  const cap = max * 4;
  let out = '';
  let budget = cap;
  let n: Node | null = el.firstChild;
  while (n && out.length < cap && budget-- > 0) {
    let descend = false;
    if (n.nodeType === 3 || n.nodeType === 4) out += n.nodeValue ?? '';
    else if (n.nodeType === 1) {
      const sub = part(n as Element);
      if (sub === undefined) descend = n.firstChild !== null;
      else out += sub;
    }
    if (descend) {
      n = n.firstChild;
      continue;
    }
    while (n !== el && n.nextSibling === null) n = n.parentNode!;
    n = n === el ? null : n.nextSibling;
  }
  return out.length > cap ? out.slice(0, cap) : out;
}

// MathJax 2 names every element of its output with a class starting so (MathJax, MathJax_Preview,
// MathJax_Display, MathJax_SVG, MathJax_CHTML, MathJax_Error, MJX_Assistive_MathML…); arXiv's own
// class is the lower-case `mathjax`, which this leaves alone.
const MATHJAX_OUTPUT = /(?:^|\s)(?:MathJax|MJX)/;

/**
 * What stands for an element on a page MathJax 2 has typeset: the renderings (HTML-CSS glyphs,
 * the hidden MathML for screen readers, the preview) each repeat the formula, while the script
 * MathJax keeps holds the TeX exactly as the untypeset page had it between its delimiters. Put
 * back between `$` (`$$` for display math, arXiv's usual delimiters), the field reads as it did
 * before MathJax ran, so the same paper keeps the same title either way.
 */
function texPart(e: Element): string | undefined {
  if (e.localName === 'script') {
    const type = e.getAttribute('type') ?? '';
    if (!type.startsWith('math/tex')) return '';
    const delimiter = type.includes('mode=display') ? '$$' : '$';
    return delimiter + (e.textContent ?? '') + delimiter;
  }
  return MATHJAX_OUTPUT.test(e.getAttribute('class') ?? '') ? '' : undefined;
}

/** rawText for a page MathJax 2 has typeset. */
function texText(el: Element | null | undefined, max: number): string {
  return walkText(el, max, texPart);
}

/**
 * The reader for a page's fields, chosen once per page. MathJax 2 gives the script of each formula
 * it reads the id MathJax-Element-<n>, counting from 1, before it renders any: a page with no
 * element 1 has no MathJax output, and reads its text content as before. A lookup by id costs
 * nothing next to a selector over a 2,000-row listing.
 */
function readerFor(doc: Document): Reader {
  return doc.getElementById('MathJax-Element-1') ? texText : rawText;
}

function authorsIn(el: Element | null): string[] {
  if (!el) return [];
  const names: string[] = [];
  const links = el.querySelectorAll('a');
  for (let i = 0; i < links.length; i++) {
    const n = rawText(links[i], LIMITS.author).trim();
    if (n && !notAnAuthor(n)) names.push(n);
    if (names.length >= LIMITS.authors) break;
  }
  if (names.length) return names;
  // The listing template writes "(author list is unavailable)" where it has no names.
  return splitAuthors(unlabelled(el, AUTHORS_LABEL, LIMITS.author * 20)).filter(
    (n) => !notAnAuthor(n),
  );
}

/** Only the first `max` rows of a NodeList are turned into an array. */
function firstRows(list: NodeListOf<Element>, max: number = LIMITS.rowsPerPage): Element[] {
  const out: Element[] = [];
  for (let i = 0; i < list.length && i < max; i++) out.push(list[i]!);
  return out;
}

function paper(raw: RawPaper & { id: string }, kind: PageKind, base: URL): FoundPaper | null {
  const id = raw.id;
  // Filled in place (makePaper ignores `id`): copying every row twice costs more than it reads.
  raw.ids = raw.ids.length ? [`arxiv:${id}`, ...raw.ids] : [`arxiv:${id}`];
  raw.year ??= arxivYear(id);
  raw.venue ||= 'arXiv';
  const p = makePaper(raw, ID, kind, base);
  if (!p?.id.startsWith('arxiv:')) return p;
  // Built from the canonical id, so absolute and bounded already: going through makePaper's URL
  // parsing would cost a third of a long listing's time.
  const canonical = p.id.slice('arxiv:'.length);
  p.url = arxivAbsUrl(canonical);
  p.pdfUrl = arxivPdfUrl(canonical);
  return p;
}

const DD_FIELDS = '.list-title, .list-authors, .list-journal-ref, p';
const LISTING_ROWS = 'dl > dt';

/**
 * Author names of a listing row, cleaned as makePaper would clean them. Placeholders are tested on
 * the trimmed text, as authorsIn does, before whitespace is collapsed.
 */
function listingAuthors(el: Element | null): string[] {
  if (!el) return [];
  return commaAuthors(el) ?? linkAuthors(el);
}

/** Exported for the test that holds commaAuthors to it. */
export function linkAuthors(el: Element): string[] {
  const names: string[] = [];
  const links = el.querySelectorAll('a');
  // A NodeList's length is a call into the DOM: read once, not once a name.
  for (let i = 0, count = links.length; i < count; i++) {
    const n = rawText(links[i], LIMITS.author).trim();
    if (n && !notAnAuthor(n)) names.push(clean(n, LIMITS.author));
    if (names.length >= LIMITS.authors) break;
  }
  if (names.length) return names;
  // splitAuthors' names are cleaned already; cleaning again only trims a space a cut left at the
  // end. Placeholders go as they do among links: "(author list is unavailable)" is the listing
  // template's text for a paper without names.
  const split = splitAuthors(unlabelled(el, AUTHORS_LABEL, LIMITS.author * 20));
  const out: string[] = [];
  for (const n of split) if (!notAnAuthor(n)) out.push(clean(n, LIMITS.author));
  return out;
}

/**
 * The usual listing row, read from one text instead of one per author: arXiv writes the names as
 * links separated by ", " and nothing else, so the comma-separated parts of the field's text are
 * the links' texts. Reading each link's text made a wrapper and a string per author, about a third
 * of a 2,000-row listing's first extraction. Trusted only when there are as many parts as links,
 * all of them direct children, and the last part is the last link's text (a trailing "et al." or
 * "(3 additional authors not shown)" would be glued to it); otherwise undefined, and the caller
 * reads link by link. Text between links without a comma stays with the name before it: arXiv
 * sometimes links only part of a name ("Richard (Yu)Liu" with "Richard" linked), and the whole
 * part is the better name.
 */
export function commaAuthors(el: Element): string[] | undefined {
  const links = el.getElementsByTagName('a');
  const count = links.length;
  if (count === 0 || count > LIMITS.authors) return undefined;
  const label = el.firstElementChild?.tagName === 'A' ? 0 : 1;
  if (el.childElementCount !== count + label) return undefined;
  let text = rawText(el, LIMITS.author * count + 40).trim();
  const m = AUTHORS_LABEL.exec(text);
  if (m) text = text.slice(m[0].length);
  const parts = text.split(',');
  if (parts.length !== count) return undefined;
  const last = (links[count - 1]!.textContent ?? '').trim();
  if (parts[count - 1]!.trim() !== last) return undefined;
  const names: string[] = [];
  for (const part of parts) {
    const n = part.trim();
    if (!n || n.length > LIMITS.author * 4 || notAnAuthor(n)) return undefined;
    names.push(clean(n, LIMITS.author));
  }
  return names;
}

/**
 * dt holds the id and links, the following dd the title, authors, journal-ref and abstract.
 * Each row's paper is built here rather than through makePaper: the id comes out of
 * normalizeArxiv, so it is canonical already and is the whole identity, and every field is cleaned
 * once, to makePaper's bounds. Going through makePaper cost a fifth of a long listing's first call.
 */
function fromListing(
  base: URL,
  dts: ArrayLike<Element>,
  read: Reader,
  from = 0,
  to: number = dts.length,
): FoundPaper[] {
  const out: FoundPaper[] = [];
  const rows = Math.min(to, dts.length, LIMITS.rowsPerPage);
  for (let r = from; r < rows; r++) {
    const dt = dts[r]!;
    const link = dt.querySelector('a[href*="/abs/"]');
    const id = link ? arxivIdFromHref(link.getAttribute('href') ?? '', base) : null;
    if (!id) continue;
    const next = dt.nextElementSibling;
    const dd = next && next.tagName === 'DD' ? next : null;
    // list-title, list-authors, list-journal-ref: arXiv's own field names, unchanged since the
    // pre-2024 layout and kept in the current one. One walk of the dd finds them all.
    let title: Element | null = null;
    let authors: Element | null = null;
    let jref: Element | null = null;
    let abstract: Element | null = null;
    const fields = dd ? dd.querySelectorAll(DD_FIELDS) : [];
    for (let i = 0, count = fields.length; i < count; i++) {
      const f = fields[i]!;
      if (f.tagName === 'P') abstract ??= f;
      else if (hasClass(f, 'list-title')) title ??= f;
      else if (hasClass(f, 'list-authors')) authors ??= f;
      else jref ??= f;
    }
    const p: FoundPaper = {
      id: `arxiv:${id}`,
      aliases: [],
      title: clean(unlabelled(title, TITLE_LABEL, LIMITS.title, read)),
      authors: listingAuthors(authors),
      source: ID,
      kind: 'listing',
    };
    const year = arxivYear(id);
    if (year) p.year = year;
    p.venue = clean(unlabelled(jref, JREF_LABEL, LIMITS.venue), LIMITS.venue) || 'arXiv';
    const text = clean(read(abstract, LIMITS.abstract), LIMITS.abstract);
    if (text) p.abstract = text;
    p.element = dt;
    p.url = arxivAbsUrl(id);
    p.pdfUrl = arxivPdfUrl(id);
    out.push(p);
  }
  return out;
}

// Applied to trimmed text, so the pattern cannot backtrack over long runs of spaces.
const MORE_LESS = /[△▽]\s*(?:Less|More)$/;

function fromSearch(doc: Document, base: URL, read: Reader): FoundPaper[] {
  const out: FoundPaper[] = [];
  // arxiv-result, title, authors, abstract-full, comments: arxiv-search's semantic class names
  // (its Bulma classes beside them are presentational and ignored).
  for (const li of firstRows(doc.querySelectorAll('li.arxiv-result'))) {
    const link =
      li.querySelector('.list-title a[href*="/abs/"]') ?? li.querySelector('a[href*="/abs/"]');
    const id = link ? arxivIdFromHref(link.getAttribute('href') ?? '', base) : null;
    if (!id) continue;
    const full = li.querySelector('.abstract-full');
    const abstract = full
      ? read(full, LIMITS.abstract).trimEnd().replace(MORE_LESS, '')
      : read(li.querySelector('.abstract'), LIMITS.abstract)
          .trim()
          .replace(MORE_LESS, '')
          .replace(ABSTRACT_LABEL, '');
    let venue = '';
    for (const c of Array.from(li.querySelectorAll('.comments'))) {
      const t = clean(read(c, LIMITS.venue + 20), LIMITS.venue + 20);
      if (JREF_LABEL.test(t)) {
        venue = t.replace(JREF_LABEL, '');
        break;
      }
    }
    const dois: string[] = [];
    for (const a of Array.from(li.querySelectorAll('a[href*="doi.org/10."]'))) {
      // DOI links inside the abstract or comments name other works.
      if (a.closest('.abstract, .comments')) continue;
      dois.push(`doi:${a.getAttribute('href') ?? ''}`);
    }
    const p = paper(
      {
        id,
        ids: dois,
        title: clean(read(li.querySelector('p.title'), LIMITS.title)),
        authors: authorsIn(li.querySelector('.authors')),
        venue,
        abstract,
        element: li,
      },
      'listing',
      base,
    );
    if (p) out.push(p);
  }
  return out;
}

/** Last, First (citation_author) → First Last. */
function displayName(n: string): string {
  const i = n.indexOf(',');
  return i > 0 ? `${n.slice(i + 1).trim()} ${n.slice(0, i).trim()}` : n;
}

function fromAbs(doc: Document, base: URL, urlId: string | null): FoundPaper[] {
  const id = normalizeArxiv(metaContent(doc, 'citation_arxiv_id')) ?? urlId;
  if (!id) return [];
  const h1 = doc.querySelector('#abs h1.title, h1.title');
  const title = clean(metaContent(doc, 'citation_title')) || unlabelled(h1, TITLE_LABEL);
  let authors = authorsIn(doc.querySelector('#abs .authors, .authors'));
  if (!authors.length) authors = metaContents(doc, 'citation_author').map(displayName);
  const abstract =
    clean(metaContent(doc, 'citation_abstract'), LIMITS.abstract) ||
    unlabelled(doc.querySelector('blockquote.abstract'), ABSTRACT_LABEL, LIMITS.abstract);
  // tablecell jref / doi: the abs page's metadata table names its cells by field.
  const venue = text(doc.querySelector('td.jref'), LIMITS.venue);
  const dois = [metaContent(doc, 'citation_doi')];
  for (const a of Array.from(doc.querySelectorAll('td.doi a[href*="doi.org/10."]'))) {
    dois.push(a.getAttribute('href') ?? '');
  }
  const p = paper(
    {
      id,
      ids: dois.filter(Boolean).map((d) => `doi:${d}`),
      title,
      authors,
      abstract,
      venue,
      element: h1,
    },
    'single',
    base,
  );
  return p ? [p] : [];
}

/**
 * Text of an element without the parts matched by `skip` (LaTeXML footnotes inside titles), a
 * line break read as a space: a title broken with \\ would otherwise glue the words on either
 * side ("invariants ofPauli").
 */
function textWithout(el: Element | null, skip: string, max: number = LIMITS.title): string {
  return clean(
    walkText(el, max, (e) => (e.localName === 'br' ? ' ' : e.matches(skip) ? '' : undefined)),
    max,
  );
}

// LaTeXML writes each formula several times over: presentation MathML (what the reader sees),
// then inside <semantics> the content MathML (annotation-xml) and the TeX source and its spoken
// form (annotation). Only the first belongs in the text; the alttext is an attribute, unread.
const LATEXML_MATH_COPIES = 'annotation, annotation-xml';
const TITLE_SKIP = `.ltx_note, .ltx_tag, sup, ${LATEXML_MATH_COPIES}`;
const ABSTRACT_SKIP = `.ltx_title, .ltx_note, ${LATEXML_MATH_COPIES}`;

function fromRendering(doc: Document, base: URL, id: string, html: boolean): FoundPaper[] {
  // The PDF viewer has no DOM of the paper; the HTML rendering is LaTeXML output, whose
  // ltx_* classes are its semantic markup.
  const h1 = html ? doc.querySelector('h1.ltx_title_document') : null;
  const p = paper(
    {
      id,
      ids: [],
      title: textWithout(h1, TITLE_SKIP),
      abstract: html
        ? textWithout(doc.querySelector('.ltx_abstract'), ABSTRACT_SKIP, LIMITS.abstract)
        : '',
      element: h1,
    },
    'single',
    base,
  );
  return p ? [p] : [];
}

/**
 * Proceedings whose source is HTML are served at /html/<id> too: arXiv turns each paper they name
 * into a listing row (dl > dt/dd, as on /list pages) and keeps the editors' page around them, which
 * is not LaTeXML output. Their papers are those rows, not one untitled paper.
 */
function isProceedings(doc: Document): boolean {
  return (
    !doc.querySelector('.ltx_document, h1.ltx_title_document') &&
    doc.querySelector('dl > dt a[href*="/abs/"]') !== null
  );
}

function single(url: URL): { what: 'abs' | 'pdf' | 'html'; id: string | null } | null {
  const m = SINGLE.exec(url.pathname);
  if (!m) return null;
  return { what: m[1] as 'abs' | 'pdf' | 'html', id: idFromTail(m[2]!) };
}

/** The URL check alone: the every-page gate (utils/detect/gate.ts) imports it without extract. */
export const arxivMatches = (u: URL): boolean => {
  const host = u.hostname.toLowerCase();
  if (HOSTS.has(host)) return SINGLE.test(u.pathname) || LISTING.test(u.pathname);
  return HTML_HOSTS.has(host) && HTML_PATH.test(u.pathname);
};

export const arxiv: Adapter = {
  id: ID,
  matches: arxivMatches,
  testUrls: [
    'https://arxiv.org/abs/2106.09608',
    'https://arxiv.org/abs/2106.09608v2',
    'https://arxiv.org/abs/math/0309136',
    'https://export.arxiv.org/abs/hep-th/9711200v3',
    'https://arxiv.org/pdf/2106.09608v2',
    'https://arxiv.org/pdf/2106.09608.pdf',
    'https://arxiv.org/html/2401.04088v1',
    'https://arxiv.org/html/2403.10561v1',
    'https://ar5iv.labs.arxiv.org/html/2410.24164',
    'https://ar5iv.labs.arxiv.org/html/math/0309136',
    'https://browse.arxiv.org/html/2410.24164v1',
    'https://arxiv.org/list/cs.LG/new',
    'https://arxiv.org/list/cond-mat.mtrl-sci/recent',
    'https://arxiv.org/list/math.AG/pastweek?show=500',
    'https://arxiv.org/list/cs/2301?skip=0&show=2000',
    'https://arxiv.org/list/hep-th/2026-03',
    'https://arxiv.org/search/?query=distributed+systems&searchtype=all',
    'https://arxiv.org/search/advanced?advanced=&terms-0-term=transformer&terms-0-field=title',
    'https://www.arxiv.org/catchup/cs.CL/2026-01-05',
    'https://arxiv.org/a/bengio_y_1',
  ],
  detect(doc, url) {
    const s = single(url);
    if (s) {
      if (s.what === 'html' && s.id && isProceedings(doc)) return 'listing';
      if (s.what !== 'abs') return s.id ? 'single' : null;
      const meta = doc.querySelector(
        'meta[name="citation_arxiv_id"], meta[name="citation_title"], h1.title',
      );
      return meta && (s.id || metaContent(doc, 'citation_arxiv_id')) ? 'single' : null;
    }
    return doc.querySelector('li.arxiv-result a[href*="/abs/"], dl > dt a[href*="/abs/"]')
      ? 'listing'
      : null;
  },
  extract(doc, url) {
    const s = single(url);
    if (s) {
      if (s.what === 'abs') return fromAbs(doc, url, s.id);
      if (!s.id) return [];
      if (s.what === 'html' && isProceedings(doc)) {
        const listed = fromListing(url, doc.querySelectorAll(LISTING_ROWS), readerFor(doc));
        if (listed.length) return listed;
      }
      return fromRendering(doc, url, s.id, s.what === 'html');
    }
    const read = readerFor(doc);
    const found = fromSearch(doc, url, read);
    return found.length ? found : fromListing(url, doc.querySelectorAll(LISTING_ROWS), read);
  },
  slice(doc, url, pick) {
    // Search pages hold at most 200 results: only the dl listings grow to thousands of rows.
    if (single(url) || doc.querySelector('li.arxiv-result')) return null;
    const dts = doc.querySelectorAll(LISTING_ROWS);
    const range = pick(dts);
    return range ? fromListing(url, dts, readerFor(doc), range[0], range[1]) : null;
  },
};
