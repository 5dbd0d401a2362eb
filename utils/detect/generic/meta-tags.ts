/**
 * Single-paper metadata in `<meta>` tags: Highwire Press `citation_*` (what Google Scholar indexes),
 * Dublin Core (`dc.*`, `dcterms.*`) and PRISM. Publishers, repositories and proceedings sites
 * emit these on article pages; site adapters reuse `readMetaPaper` for their own paper pages.
 */
import { idsFromUrl, normalizeDoi } from '../../identity';
import { LIMITS, type FoundPaper, type PageKind } from '../../paper';
import type { Adapter } from '../adapter';
import { absUrl, attr, clean, decodeEntities, text, yearOf } from '../dom';
import { makePaper, type RawPaper } from '../make-paper';

/** Every `<meta name|property>` of the page by lower-case key, in document order. */
export type MetaMap = ReadonlyMap<string, readonly string[]>;

// Pages can carry thousands of citation_reference tags; none of what we read comes after them in
// practice, but a hostile page must not make us read a million.
const MAX_META = 5000;

export function readMeta(doc: Document): MetaMap {
  const map = new Map<string, string[]>();
  const metas = doc.querySelectorAll('meta[name], meta[property]');
  const n = Math.min(metas.length, MAX_META);
  for (let i = 0; i < n; i++) {
    const m = metas[i]!;
    const content = m.getAttribute('content');
    if (!content) continue;
    for (const key of [m.getAttribute('name'), m.getAttribute('property')]) {
      if (!key) continue;
      const k = key.trim().toLowerCase();
      const list = map.get(k);
      if (list) list.push(content);
      else map.set(k, [content]);
    }
  }
  return map;
}

const first = (m: MetaMap, ...keys: string[]): string => {
  for (const k of keys) {
    for (const v of m.get(k) ?? []) {
      const c = plain(v);
      if (c) return c;
    }
  }
  return '';
};

const all = (m: MetaMap, ...keys: string[]): string[] => {
  for (const k of keys) {
    const vs = (m.get(k) ?? []).map((v) => plain(v, LIMITS.author)).filter(Boolean);
    if (vs.length) return vs.slice(0, LIMITS.authors);
  }
  return [];
};

/**
 * Meta values are attribute text, yet publishers put markup in them (`<i>E. coli</i>` in titles,
 * `<h3>Abstract</h3><p>…` in bioRxiv abstracts). Tag-shaped runs are dropped so the field reads as
 * the text a person sees; nothing is ever parsed as HTML. Some escape their text twice, so that a
 * reference survives the page's own decoding (Springer's "In&amp;nbsp;vitro" reads "In&nbsp;vitro"):
 * those are decoded first, by table, so escaped markup is dropped like the rest.
 */
export function plain(s: string | null | undefined, max: number = LIMITS.abstract): string {
  if (!s) return '';
  const cut = decodeEntities(s.length > max * 4 ? s.slice(0, max * 4) : s);
  return clean(cut.replace(/<\/?[a-z][\w:-]*(?:\s[^<>]*)?\/?>/gi, ' '), max);
}

/**
 * "Kirchenbauer, John" → "John Kirchenbauer": Highwire allows either order, and one order keeps
 * names comparable across sites. Left alone when it is not clearly "Last, First" (suffixes, lists,
 * organizations with commas).
 */
export function personName(s: string): string {
  const m = /^([^,]+),\s*([^,]+)$/.exec(s.trim());
  if (!m) return s;
  const [last, given] = [m[1]!.trim(), m[2]!.trim()];
  const words = (x: string) => x.split(/\s+/).length;
  if (
    /\d/.test(s) ||
    words(last) > 3 ||
    words(given) > 4 ||
    /^(?:jr|sr|ii|iii|iv|inc|ltd|llc|gmbh)\.?$/i.test(given)
  )
    return s;
  return `${given} ${last}`;
}

/** Title meta keys, most specific first. Dublin Core is spelled `DC.Title`, `dc.title`, `dcterms.title`. */
const TITLE_KEYS = ['citation_title', 'dc.title', 'dcterms.title', 'eprints.title'];
/** Lower case; exported for the gate's quick look (utils/detect/gate.ts). */
export const META_TITLE_KEYS: readonly string[] = TITLE_KEYS;

/** Any of these beside a citation_title says the page describes one scholarly work. */
const CITATION_SIGNALS = [
  'citation_author',
  'citation_authors',
  'citation_doi',
  'citation_pdf_url',
  'citation_arxiv_id',
  'citation_pmid',
  'citation_journal_title',
  'citation_conference_title',
  'citation_publication_date',
  'citation_date',
  'citation_online_date',
  'citation_technical_report_institution',
  'citation_dissertation_institution',
  'citation_abstract_html_url',
];

// Dublin Core alone is common on ordinary pages (CMS templates fill dc.title and dc.creator for
// every page), so it counts only with a creator plus a DOI or a scholarly type; see readMetaPaper.
const DC_SIGNALS = ['dc.creator', 'dcterms.creator', 'dc.creator.personalname'];
// Atypon-built sites (Emerald Insight) name the authors only as dc.Contributor: a fallback, since
// elsewhere a contributor is an editor or translator beside the creators.
const DC_CONTRIBUTORS = ['dc.contributor', 'dcterms.contributor'];
// Built on first use: the every-page gate bundles hasMetaPaper, and most pages never call it.
let titleSet: Set<string> | undefined;
let signalSet: Set<string> | undefined;
const SCHOLARLY_TYPE =
  /article|paper|thesis|dissertation|preprint|report|proceeding|chapter|review/i;

/**
 * The page's own paper from its meta tags, or null when the tags do not describe one scholarly
 * work: a title alone (or an og:title, or a site-wide DOI) is not enough.
 */
export function readMetaPaper(
  doc: Document,
  url: URL,
  meta: MetaMap = readMeta(doc),
): RawPaper | null {
  const citationTitle = first(meta, 'citation_title');
  const title = citationTitle || first(meta, ...TITLE_KEYS.slice(1));
  if (!title) return null;

  const ids: string[] = [];
  const addDoi = (v: string) => {
    const d = normalizeDoi(v);
    if (d) ids.push(`doi:${d}`);
  };
  for (const v of meta.get('citation_doi') ?? []) addDoi(v);
  for (const v of meta.get('prism.doi') ?? []) addDoi(v);
  for (const v of meta.get('dc.identifier.doi') ?? []) addDoi(v);
  for (const v of [
    ...(meta.get('dc.identifier') ?? []),
    ...(meta.get('dcterms.identifier') ?? []),
  ]) {
    const t = v.trim();
    if (/^https?:\/\//i.test(t)) ids.push(...idsFromUrl(t));
    // A publisher-id or ISSN in dc.identifier is not a DOI: only DOI-shaped values count.
    else addDoi(t);
  }
  // EPrints repositories keep the published version's DOI in fields of their own, which their
  // Highwire tags leave out unless the repository has the newer "ids" field: id_number ("doi:
  // 10.x/y", or a report number or ISBN, which addDoi refuses) and official_url (the publisher's
  // address of this same work). DC.relation carries the same address but means any related work.
  for (const v of meta.get('eprints.id_number') ?? []) addDoi(v);
  for (const v of meta.get('eprints.official_url') ?? [])
    if (/^https?:\/\//i.test(v.trim())) ids.push(...idsFromUrl(v.trim()));
  for (const v of meta.get('citation_arxiv_id') ?? []) ids.push(`arxiv:${v}`);
  for (const v of meta.get('citation_pmid') ?? []) ids.push(`pmid:${v.trim()}`);
  for (const v of meta.get('citation_pmcid') ?? []) ids.push(`pmcid:${v.trim()}`);

  // A site-wide DOI (a journal's or a blog archive's) sits on pages with no creator of their own.
  const dcNames = all(meta, ...DC_SIGNALS);
  const dcAuthors = dcNames.length ? dcNames : all(meta, ...DC_CONTRIBUTORS);
  const hasDcSignal =
    dcAuthors.length > 0 &&
    (ids.length > 0 || SCHOLARLY_TYPE.test(first(meta, 'dc.type', 'dcterms.type')));
  const hasCitationSignal = citationTitle !== '' && CITATION_SIGNALS.some((k) => meta.has(k));
  if (!hasCitationSignal && !hasDcSignal) return null;

  const pageUrl =
    absUrl(first(meta, 'citation_abstract_html_url'), url) ??
    absUrl(attr(doc.querySelector('link[rel~="canonical" i][href]'), 'href'), url) ??
    url.href;
  // The page's own address often names the paper too (HAL, /doi/ paths); ids are canonicalized and
  // de-duplicated later. An address id of a kind the tags already give is dropped: a path like
  // /doi/10.1108/X/full/html reads as a longer, wrong DOI beside the tags' right one.
  const tagKinds = new Set(ids.map((id) => id.slice(0, id.indexOf(':'))));
  for (const id of [...idsFromUrl(pageUrl), ...idsFromUrl(url.href)])
    if (!tagKinds.has(id.slice(0, id.indexOf(':')))) ids.push(id);

  let authors = all(meta, 'citation_author');
  if (!authors.length) {
    const joined = first(meta, 'citation_authors');
    if (joined) authors = joined.split(/\s*;\s*/).filter(Boolean);
  }
  if (!authors.length) authors = dcAuthors;
  authors = authors.map(personName);

  const year = yearOf(
    first(
      meta,
      'citation_publication_date',
      'citation_date',
      'citation_online_date',
      'citation_year',
      'prism.publicationdate',
      'dc.date',
      'dc.issued',
      'dcterms.issued',
      'dc.date.issued',
      'dcterms.date',
    ),
  );
  const venue = first(
    meta,
    'citation_journal_title',
    'citation_conference_title',
    'citation_inbook_title',
    'citation_book_title',
    'citation_technical_report_institution',
    'citation_dissertation_institution',
    'prism.publicationname',
    'citation_publisher',
    'dc.publisher',
  );
  const abstract = first(
    meta,
    'citation_abstract',
    'dc.description',
    'dcterms.abstract',
    'dcterms.description',
  )
    // Some publishers glue the section heading onto the text ("AbstractFood packaging …").
    .replace(/^abstract(?=[\s:.]|[A-Z])[\s:.]*/i, '');

  return {
    ids,
    title,
    element: headingFor(doc, title),
    authors,
    year,
    venue,
    abstract,
    url: pageUrl,
    pdfUrl: first(meta, 'citation_pdf_url'),
  };
}

/** The page's visible title heading when it shows the same title: where a badge belongs. */
export function headingFor(doc: Document, title: string): Element | undefined {
  const h = doc.querySelector('h1');
  if (!h) return undefined;
  const squash = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const a = squash(text(h));
  const b = squash(title);
  return a && b && (a === b || a.includes(b)) ? h : undefined;
}

/** Cheap: one pass over the page's meta tags for a title key and a scholarly signal key. */
export function hasMetaPaper(doc: Document): boolean {
  const metas = doc.querySelectorAll('meta[content]');
  let title = false;
  let signal = false;
  titleSet ??= new Set(TITLE_KEYS);
  signalSet ??= new Set([...CITATION_SIGNALS, ...DC_SIGNALS, ...DC_CONTRIBUTORS]);
  for (let i = 0; i < metas.length && i < MAX_META; i++) {
    const m = metas[i]!;
    for (const key of [m.getAttribute('name'), m.getAttribute('property')]) {
      if (!key) continue;
      const k = key.trim().toLowerCase();
      if (titleSet.has(k)) title = true;
      else if (signalSet.has(k)) signal = true;
    }
    if (title && signal) return true;
  }
  return false;
}

/** The cheap check alone: the every-page gate (utils/detect/gate.ts) imports it without extract. */
export const metaTagsDetect = (doc: Document): PageKind | null =>
  hasMetaPaper(doc) ? 'single' : null;

export const metaTags: Adapter = {
  id: 'meta-tags',
  generic: true,
  matches: () => true,
  testUrls: [],
  detect: metaTagsDetect,
  extract(doc, url): FoundPaper[] {
    const raw = readMetaPaper(doc, url);
    if (!raw) return [];
    const p = makePaper(raw, 'meta-tags', 'single', url);
    return p ? [p] : [];
  },
};
