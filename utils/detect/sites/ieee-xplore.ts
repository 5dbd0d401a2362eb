/**
 * IEEE Xplore document pages (ieeexplore.ieee.org/document/<n>, /abstract/document/<n>, and the
 * tabs under them: /authors, /references, …). The page is an Angular shell: the served HTML has no
 * citation_* meta tags and no rendered record, only an inline script assigning
 * `xplGlobal.document.metadata = {…};`, a JSON object. Search results, tables of contents and
 * author pages fill their rows client-side from the REST API, so they are left to no one here: the
 * rows would name papers by IEEE document number, which has no kind in the identity scheme.
 */
import { LIMITS, type FoundPaper } from '../../paper';
import type { Adapter } from '../adapter';
import { clean, decodeEntities, yearOf } from '../dom';
import { makePaper } from '../make-paper';

const ID = 'ieee-xplore';
const ORIGIN = 'https://ieeexplore.ieee.org';
const DOCUMENT_PATH = /^\/(?:abstract\/)?document\/(\d{1,12})(?:\/|$)/;
const MARKER = 'xplGlobal.document.metadata';
/** A real record is a few kilobytes; the cap keeps a hostile page from making us scan megabytes. */
const MAX_JSON = 1_000_000;
/** The page has a few dozen scripts; there is no reason to look through thousands. */
const MAX_SCRIPTS = 300;

function documentNumber(u: URL): string | undefined {
  if (u.hostname.toLowerCase() !== 'ieeexplore.ieee.org') return undefined;
  return DOCUMENT_PATH.exec(u.pathname)?.[1];
}

/** The URL check alone: the every-page gate (utils/detect/gate.ts) imports it without extract. */
export const ieeeXploreMatches = (u: URL): boolean => documentNumber(u) !== undefined;

/**
 * Where the object assigned to the marker opens in a script's text, or -1. The name can also
 * appear in a test (`if (xplGlobal.document.metadata)`): only an assignment of an object counts.
 */
function assignmentStart(script: string): number {
  for (let at = script.indexOf(MARKER), n = 0; at >= 0 && n < 10; n++) {
    const from = at + MARKER.length;
    const m = /^\s*=(?!=)\s*/.exec(script.slice(from, from + 200));
    if (m && script[from + m[0].length] === '{') return from + m[0].length;
    at = script.indexOf(MARKER, from);
  }
  return -1;
}

/** The text of the script assigning the record, and where the record opens in it. */
function metadataScript(doc: Document): { text: string; start: number } | undefined {
  const scripts = doc.querySelectorAll('script:not([src])');
  for (let i = 0; i < scripts.length && i < MAX_SCRIPTS; i++) {
    const text = scripts[i]!.textContent ?? '';
    if (!text.includes(MARKER)) continue;
    const start = assignmentStart(text);
    if (start >= 0) return { text, start };
  }
  return undefined;
}

/** Index just past the `}` closing the object that opens at `start`, or -1 within the cap. */
function objectEnd(s: string, start: number): number {
  const limit = Math.min(s.length, start + MAX_JSON);
  let depth = 0;
  let inString = false;
  for (let i = start; i < limit; i++) {
    const c = s.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */) depth++;
    else if (c === 125 /* } */ && --depth === 0) return i + 1;
  }
  return -1;
}

/** The assigned object, parsed as JSON (never evaluated); null when cut off or malformed. */
function readMetadata({
  text,
  start,
}: {
  text: string;
  start: number;
}): Record<string, unknown> | null {
  const end = objectEnd(text, start);
  if (end < 0) return null;
  try {
    const v: unknown = JSON.parse(text.slice(start, end));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

// Inline tags sit inside words ("H<sub>2</sub>O"); only block tags separate them.
const BLOCK = /^(?:p|br|div|li|ul|ol|h\d|tr|td|table|section|title)$/i;

/**
 * Titles and abstracts are HTML fragments (inline formulas, <i>, <sub>). They are reduced to text
 * by string rules alone, so nothing from the record is ever parsed as markup in the page.
 */
function fragmentText(v: unknown, max: number): string {
  if (typeof v !== 'string') return '';
  const s = v
    .slice(0, max * 4)
    .replace(/<\/?([A-Za-z][\w:-]*)[^<>]*>/g, (_, tag: string) => (BLOCK.test(tag) ? ' ' : ''))
    // The cut above can fall inside a tag.
    .replace(/<\/?(?:[A-Za-z][^<>]*)?$/, '');
  return clean(decodeEntities(s), max);
}

function str(v: unknown, max = 400): string {
  return typeof v === 'string' ? v.slice(0, max) : typeof v === 'number' ? String(v) : '';
}

function authorNames(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (let i = 0; i < v.length && out.length < LIMITS.authors; i++) {
    const a: unknown = v[i];
    const name =
      a && typeof a === 'object' ? fragmentText((a as { name?: unknown }).name, LIMITS.author) : '';
    if (name) out.push(name);
  }
  return out;
}

function extractDocument(doc: Document, url: URL): FoundPaper[] {
  const n = documentNumber(url);
  const script = n ? metadataScript(doc) : undefined;
  const md = script ? readMetadata(script) : null;
  if (!n || !md) return [];
  const title =
    fragmentText(md.formulaStrippedArticleTitle, LIMITS.title) ||
    fragmentText(md.title, LIMITS.title) ||
    fragmentText(md.displayDocTitle, LIMITS.title);
  const year =
    yearOf(str(md.publicationYear)) ??
    yearOf(str(md.publicationDate)) ??
    yearOf(str(md.conferenceDate)) ??
    yearOf(str(md.displayPublicationDate)) ??
    yearOf(str(md.onlineDate));
  const pdf = str(md.pdfUrl, LIMITS.url) || str(md.pdfPath, LIMITS.url);
  const p = makePaper(
    {
      ids: [str(md.doi) ? `doi:${str(md.doi)}` : null],
      title,
      authors: authorNames(md.authors),
      year,
      venue:
        fragmentText(md.publicationTitle, LIMITS.venue) ||
        fragmentText(md.displayPublicationTitle, LIMITS.venue),
      abstract: fragmentText(md.abstract, LIMITS.abstract),
      // Every tab of the record (/authors, /references, /abstract/…) is the one document.
      url: `${ORIGIN}/document/${n}`,
      // Site-relative ("/stamp/stamp.jsp?tp=&arnumber=…"); makePaper resolves it against the page.
      pdfUrl: pdf,
    },
    ID,
    'single',
    url,
  );
  return p ? [p] : [];
}

export const ieeeXplore: Adapter = {
  id: ID,
  matches: ieeeXploreMatches,
  testUrls: [
    'https://ieeexplore.ieee.org/document/9056993',
    'https://ieeexplore.ieee.org/document/9056993/',
    'https://ieeexplore.ieee.org/abstract/document/10897531/',
    'https://ieeexplore.ieee.org/document/4607247/?tp=&arnumber=4607247',
    'https://ieeexplore.ieee.org/document/6221978/authors#authors',
    'https://ieeexplore.ieee.org/document/6221978/references',
  ],
  detect: (doc, url) => (documentNumber(url) && metadataScript(doc) ? 'single' : null),
  extract: extractDocument,
};
