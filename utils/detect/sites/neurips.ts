/**
 * NeurIPS proceedings (proceedings.neurips.cc = papers.nips.cc; the same platform serves
 * proceedings.iclr.cc from 2024, and the 2021 Datasets & Benchmarks track on its own host).
 * MARKUP-NOTES §6, high confidence: a year page `/paper_files/paper/<YYYY>` lists `li` rows
 * holding `a[href*="-Abstract"]` (title) and `i` or `span.paper-authors` (authors); an abstract
 * page `…/hash/<32hex>-Abstract[-<track>].html` carries citation_* meta. The hooks are the URL
 * shapes, which every track shares (main, Datasets & Benchmarks, position, pre-2022, D&B 2021).
 */
import { LIMITS, type FoundPaper } from '../../paper';
import type { Adapter } from '../adapter';
import { attr, clean, decodeEntities, text } from '../dom';
import { readMetaPaper } from '../generic/meta-tags';
import { makePaper } from '../make-paper';

// NeurIPS 2021 Datasets & Benchmarks: /paper/2021 with `-Abstract-round1|2.html` links
// (uw-share-lab/openproceedings docs/research/2026-09-27-openreview-and-proceedings-facts.md).
const DB_HOST = 'datasets-benchmarks-proceedings.neurips.cc';
const HOSTS = new Set([
  'proceedings.neurips.cc',
  'papers.nips.cc',
  'papers.neurips.cc',
  'proceedings.iclr.cc',
  DB_HOST,
]);
const ABSTRACT_PAGE = /\/hash\/[0-9a-f]{32}-Abstract[\w-]*\.html$/;
const ROW_LINK = 'li a[href*="-Abstract"][href*="/hash/"]';

function venueOf(url: URL): string {
  if (url.hostname === DB_HOST) return 'NeurIPS Datasets and Benchmarks';
  return url.hostname === 'proceedings.iclr.cc' ? 'ICLR' : 'NeurIPS';
}

/**
 * The 2025 index escapes some names twice (`Chenyue &amp;quot;xdd44&amp;quot; Dai`), so the text
 * still holds `&quot;` after parsing: decoded before splitting.
 *
 * Author lines here are "A, B, C" (every era and track seen), so commas alone separate names:
 * splitting on `&`, `;` or "and" as well would cut decoded entities and names apart.
 */
function splitNeuripsAuthors(s: string): string[] {
  const out: string[] = [];
  for (const part of decodeEntities(s).split(',')) {
    const name = clean(part, LIMITS.author);
    if (name) out.push(name);
    if (out.length >= LIMITS.authors) break;
  }
  return out;
}

function yearOfPath(path: string): number | undefined {
  const m = /\/paper(?:_files\/paper)?\/(\d{4})(?:\/|$)/.exec(path);
  return m ? Number(m[1]) : undefined;
}

/**
 * The PDF sits beside the abstract page: `/hash/<h>-Abstract-Conference.html` →
 * `/file/<h>-Paper-Conference.pdf` (and `-Abstract.html` → `-Paper.pdf` up to 2021). The year page
 * links only the abstract page, so the PDF address is derived from it.
 */
export function pdfOfAbstract(href: string): string | undefined {
  const m = /^(.*)\/hash\/([0-9a-f]{32})-Abstract((?:-[\w]+)?)\.html$/.exec(href);
  return m ? `${m[1]!}/file/${m[2]!}-Paper${m[3]!}.pdf` : undefined;
}

const SECTION_LABEL =
  /^(?:authors?|abstract|bibtex|doi|name change policy|supplemental|reviews?)$/i;

/**
 * The abstract: the current theme marks it `p.paper-abstract` (its own semantic class, on pages of
 * every year); older pages put it in the first non-empty `p` after an "Abstract" heading.
 */
function abstractOf(doc: Document, headings: Element[]): string {
  const marked = doc.querySelector('p.paper-abstract');
  if (marked) return text(marked, LIMITS.abstract);
  const label = headings.find((h) => /^abstract$/i.test(text(h, 20)));
  let el = label?.nextElementSibling;
  for (let i = 0; el && i < 4; i++, el = el.nextElementSibling) {
    if (el.localName !== 'p') break;
    const t = text(el, LIMITS.abstract);
    if (t) return t;
  }
  return '';
}

function extractAbstract(doc: Document, url: URL): FoundPaper[] {
  const meta = readMetaPaper(doc, url);
  const headings = Array.from(doc.querySelectorAll('h2, h4')).slice(0, 10);
  // The current theme marks its title h1.paper-title (a semantic class; the page has no id or data
  // hook); older pages' is the first heading that is not a section label ("Authors", "Abstract").
  const heading =
    doc.querySelector('h1.paper-title') ?? headings.find((h) => !SECTION_LABEL.test(text(h, 100)));
  const p = makePaper(
    {
      ...meta,
      ids: meta?.ids ?? [],
      title: meta?.title || text(heading),
      abstract: meta?.abstract || abstractOf(doc, headings),
      year: meta?.year ?? yearOfPath(url.pathname),
      venue: meta?.venue || venueOf(url),
      url: url.href,
      pdfUrl: meta?.pdfUrl || pdfOfAbstract(url.href),
      element: meta?.element ?? heading ?? undefined,
    },
    'neurips',
    'single',
    url,
  );
  return p ? [p] : [];
}

function extractYear(
  url: URL,
  links: ArrayLike<Element>,
  from = 0,
  to: number = links.length,
): FoundPaper[] {
  const out: FoundPaper[] = [];
  const year = yearOfPath(url.pathname);
  for (let i = from; i < Math.min(to, links.length) && out.length < LIMITS.rowsPerPage; i++) {
    const a = links[i]!;
    const row = a.closest('li') ?? a;
    // Authors are in <i> (through 2025) or a span beside the link.
    const authorsEl = row.querySelector('i, .paper-authors, span.authors');
    const href = attr(a, 'href');
    const abs = new URL(href, url).href;
    const track = /-Abstract-Datasets_and_Benchmarks/.test(href) ? ' Datasets and Benchmarks' : '';
    const p = makePaper(
      {
        ids: [],
        title: text(a),
        authors: splitNeuripsAuthors(text(authorsEl, 5000)),
        year: yearOfPath(new URL(abs).pathname) ?? year,
        venue: venueOf(url) + track,
        url: abs,
        pdfUrl: pdfOfAbstract(abs),
        element: row,
      },
      'neurips',
      'listing',
      url,
    );
    if (p) out.push(p);
  }
  return out;
}

/** The URL check alone: the every-page gate (utils/detect/gate.ts) imports it without extract. */
export const neuripsMatches = (u: URL): boolean => HOSTS.has(u.hostname);

export const neurips: Adapter = {
  id: 'neurips',
  matches: neuripsMatches,
  testUrls: [
    'https://proceedings.neurips.cc/paper_files/paper/2023',
    'https://proceedings.neurips.cc/paper_files/paper/2023/hash/0001ca33ba34ce0351e4612b744b3936-Abstract-Conference.html',
    'https://proceedings.neurips.cc/paper_files/paper/2024/hash/0002bd2b5b0c1c7b1b0d8e63b8c93a16-Abstract-Datasets_and_Benchmarks_Track.html',
    'https://papers.nips.cc/paper/2017/hash/3f5ee243547dee91fbd053c1c4a845aa-Abstract.html',
    'https://proceedings.iclr.cc/paper_files/paper/2024',
    'https://proceedings.neurips.cc/paper_files/paper/2025/vol38-main-conference',
    'https://datasets-benchmarks-proceedings.neurips.cc/paper/2021',
    'https://datasets-benchmarks-proceedings.neurips.cc/paper/2021/hash/013d407166ec4fa56eb1e1f8cbe183b9-Abstract-round1.html',
  ],
  detect(doc, url) {
    if (ABSTRACT_PAGE.test(url.pathname))
      return doc.querySelector('meta[name="citation_title" i], h4, h2') ? 'single' : null;
    return doc.querySelector(ROW_LINK) ? 'listing' : null;
  },
  extract: (doc, url) =>
    ABSTRACT_PAGE.test(url.pathname)
      ? extractAbstract(doc, url)
      : extractYear(url, doc.querySelectorAll(ROW_LINK)),
  // A year's proceedings list thousands of papers.
  slice(doc, url, pick) {
    if (ABSTRACT_PAGE.test(url.pathname)) return null;
    const links = doc.querySelectorAll(ROW_LINK);
    const range = pick(links);
    return range ? extractYear(url, links, range[0], range[1]) : null;
  },
};
