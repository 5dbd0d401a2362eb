/**
 * Single-paper metadata in schema.org JSON-LD. Conservative on purpose: news sites and blogs mark
 * every page up as Article/BlogPosting/NewsArticle, so only scholarly types count, and books or
 * chapters only when they carry a DOI.
 */
import { canonicalId, idsFromUrl, normalizeArxiv, normalizeDoi } from '../../identity';
import { LIMITS, type FoundPaper, type PageKind } from '../../paper';
import type { Adapter } from '../adapter';
import { clean, yearOf } from '../dom';
import { headingFor, personName as flipName, plain } from './meta-tags';
import { makePaper, type RawPaper } from '../make-paper';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const SCHOLARLY = new Set(['scholarlyarticle', 'medicalscholarlyarticle', 'thesis', 'report']);
const NEEDS_DOI = new Set(['chapter', 'book']);
/** Exported for the gate's XPath twin (utils/detect/gate.ts), which the unit test holds to it. */
export const TYPE_HINT = /ScholarlyArticle|Thesis|Report|Chapter|Book/;

// A JSON-LD block past this size is not metadata a publisher wrote by hand; skip rather than parse.
const MAX_JSON = 2_000_000;
const MAX_SCRIPTS = 50;

const isObj = (v: Json | undefined): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: Json | undefined): Json[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];

/** `schema:ScholarlyArticle`, `http://schema.org/ScholarlyArticle` → `scholarlyarticle`. */
function typesOf(o: Obj): string[] {
  return list(o['@type'])
    .filter((t): t is string => typeof t === 'string')
    .map((t) => t.slice(Math.max(t.lastIndexOf('/'), t.lastIndexOf(':')) + 1).toLowerCase());
}

/** A string field that may be given as a string, a language-tagged value or a list of either. */
function str(v: Json | undefined, max: number = LIMITS.title): string {
  for (const x of list(v)) {
    if (typeof x === 'string' && x.trim()) return plain(x, max);
    if (typeof x === 'number') return String(x);
    if (isObj(x) && typeof x['@value'] === 'string') return plain(x['@value'], max);
  }
  return '';
}

/** Nodes of one block by `@id`, so that `{"@id": "#person"}` can stand for the node it names. */
type Nodes = ReadonlyMap<string, Obj>;

function personName(v: Json, nodes: Nodes): string {
  if (typeof v === 'string') return flipName(plain(v, LIMITS.author));
  if (!isObj(v)) return '';
  // Site-wide graphs (Yoast, personal sites) describe the author once and point at that node.
  if (v['name'] === undefined && typeof v['@id'] === 'string') v = nodes.get(v['@id']) ?? v;
  const name = str(v['name'], LIMITS.author);
  // DataCite records (Zenodo) write a person's name "Family, Given"; an organization's comma is
  // part of its name.
  if (name) return typesOf(v).includes('organization') ? name : flipName(name);
  return clean(
    `${str(v['givenName'], LIMITS.author)} ${str(v['familyName'], LIMITS.author)}`,
    LIMITS.author,
  );
}

function idsOf(o: Obj): string[] {
  const ids: string[] = [];
  const fromString = (s: string, kind?: string) => {
    const t = s.trim();
    const k = kind?.toLowerCase();
    if (/^https?:\/\//i.test(t)) {
      ids.push(...idsFromUrl(t));
    } else if (k === 'arxiv') {
      const a = normalizeArxiv(t);
      if (a) ids.push(`arxiv:${a}`);
    } else if (k === 'pmid' || k === 'pubmed') {
      ids.push(`pmid:${t}`);
    } else if (k === 'pmcid' || k === 'pmc') {
      ids.push(`pmcid:${t}`);
    } else {
      const d = normalizeDoi(t);
      if (d) ids.push(`doi:${d}`);
      else if (/^arxiv:/i.test(t)) ids.push(t);
    }
  };
  for (const key of ['identifier', 'doi', 'sameAs', 'url', '@id']) {
    for (const v of list(o[key]).slice(0, LIMITS.aliases)) {
      if (typeof v === 'string') fromString(v, key === 'doi' ? 'doi' : undefined);
      else if (isObj(v)) {
        // PropertyValue: {"propertyID": "DOI", "value": "10.…"}
        const value = str(v['value'] ?? v['@id'] ?? v['url'], LIMITS.id);
        if (value) fromString(value, str(v['propertyID'] ?? v['name'], 50));
      }
    }
  }
  return ids.filter((id) => canonicalId(id) !== null);
}

/** The venue: the first named container up the isPartOf chain (issue → volume → periodical). */
function venueOf(o: Obj): string {
  let cur: Json | undefined = o['isPartOf'];
  for (let depth = 0; depth < 4 && cur !== undefined; depth++) {
    const c: Json | undefined = list(cur)[0];
    if (!isObj(c))
      return typeof c === 'string' && !/^https?:/i.test(c) ? plain(c, LIMITS.venue) : '';
    const name = str(c['name'], LIMITS.venue);
    if (name) return name;
    cur = c['isPartOf'];
  }
  return '';
}

function pdfOf(o: Obj): string {
  for (const key of ['encoding', 'associatedMedia', 'distribution']) {
    for (const m of list(o[key])) {
      if (!isObj(m)) continue;
      const format = str(m['encodingFormat'] ?? m['fileFormat'], 100);
      const href = str(m['contentUrl'] ?? m['url'], LIMITS.url);
      if (href && (/pdf/i.test(format) || /\.pdf(?:$|[?#])/i.test(href))) return href;
    }
  }
  return '';
}

function toRaw(o: Obj, doc: Document, nodes: Nodes): RawPaper | null {
  const types = typesOf(o);
  const ids = idsOf(o);
  const scholarly = types.some((t) => SCHOLARLY.has(t));
  const bookWithDoi =
    types.some((t) => NEEDS_DOI.has(t)) && ids.some((id) => id.startsWith('doi:'));
  if (!scholarly && !bookWithDoi) return null;
  const title = str(o['name']) || str(o['headline']);
  if (!title) return null;
  const authors = [...list(o['author']), ...(o['author'] ? [] : list(o['creator']))]
    .slice(0, LIMITS.authors)
    .map((a) => personName(a, nodes))
    .filter(Boolean);
  const url = str(o['url'], LIMITS.url) || (typeof o['@id'] === 'string' ? o['@id'] : '');
  return {
    ids,
    title,
    authors,
    year: yearOf(str(o['datePublished'] ?? o['dateCreated'] ?? o['copyrightYear'], 40)),
    venue: venueOf(o),
    abstract: str(o['abstract'], LIMITS.abstract) || str(o['description'], LIMITS.abstract),
    url: /^https?:\/\//i.test(url) ? url : undefined,
    pdfUrl: pdfOf(o),
    element: headingFor(doc, title),
  };
}

/**
 * The described entities of one block: the top level, `@graph` members and a page's `mainEntity`.
 * Nested values (citations, isPartOf, hasPart) describe other works and are not walked.
 */
function topEntities(root: Json): Obj[] {
  const out: Obj[] = [];
  const visit = (v: Json, depth: number) => {
    for (const x of list(v).slice(0, 200)) {
      if (!isObj(x)) continue;
      out.push(x);
      if (depth < 2) {
        if (x['@graph'] !== undefined) visit(x['@graph'], depth + 1);
        if (x['mainEntity'] !== undefined) visit(x['mainEntity'], depth + 1);
      }
    }
  };
  visit(root, 0);
  return out;
}

function blocks(doc: Document): string[] {
  const out: string[] = [];
  const scripts = doc.querySelectorAll('script[type*="ld+json" i]');
  for (let i = 0; i < scripts.length && i < MAX_SCRIPTS; i++) {
    const t = scripts[i]!.textContent ?? '';
    if (t.length <= MAX_JSON && TYPE_HINT.test(t)) out.push(t);
  }
  return out;
}

export function readJsonLdPapers(doc: Document): RawPaper[] {
  const found: RawPaper[] = [];
  for (const text of blocks(doc)) {
    let root: Json;
    try {
      // Some sites leave HTML comments or CDATA wrappers inside the script.
      root = JSON.parse(
        text.replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[)|(?:-->|\/\/\s*\]\]>)\s*$/g, ''),
      ) as Json;
    } catch {
      continue;
    }
    const entities = topEntities(root);
    const nodes = new Map<string, Obj>();
    for (const o of entities) if (typeof o['@id'] === 'string') nodes.set(o['@id'], o);
    for (const o of entities) {
      const raw = toRaw(o, doc, nodes);
      if (raw) found.push(raw);
    }
  }
  return found;
}

/** The cheap check alone: the every-page gate (utils/detect/gate.ts) imports it without extract. */
export const jsonLdDetect = (doc: Document): PageKind | null =>
  blocks(doc).length > 0 ? 'single' : null;

export const jsonLd: Adapter = {
  id: 'json-ld',
  generic: true,
  matches: () => true,
  testUrls: [],
  detect: jsonLdDetect,
  extract(doc, url): FoundPaper[] {
    const papers: FoundPaper[] = [];
    for (const raw of readJsonLdPapers(doc)) {
      const p = makePaper(raw, 'json-ld', 'single', url);
      if (p && !papers.some((q) => q.id === p.id)) papers.push(p);
    }
    // This adapter describes the page's own paper. Several different scholarly entities mean a
    // listing or a page about many works: leave those to the listing adapters.
    return papers.length === 1 ? papers : [];
  },
};
