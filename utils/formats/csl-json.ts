/**
 * CSL-JSON, the format Zotero, Mendeley, pandoc and every citation processor read and write.
 * Zotero keeps identifiers it has no field for in `note` (its Extra field) as `Key: value` lines:
 * `arXiv: 2106.09608`, `PMID: 123`; we write and read those too.
 */
import { LIMITS } from '../paper';
import {
  Collector,
  FORMAT_LABEL,
  arxivIdsInText,
  checkEntryCount,
  checkText,
  citeKeys,
  cleanLine,
  doiId,
  exportUrl,
  isArxivVenue,
  isPlainObject,
  joinName,
  paperIds,
  parseJson,
  pubmedIdsInText,
  splitName,
  venueKind,
  yearOf,
} from './common';
import { type ExportPaper, ImportError, type ImportResult } from './types';

export interface CslName {
  family?: string;
  given?: string;
  suffix?: string;
  literal?: string;
  'non-dropping-particle'?: string;
  'dropping-particle'?: string;
}

export interface CslItem {
  id: string;
  type: string;
  title?: string;
  author?: CslName[];
  issued?: { 'date-parts': number[][] };
  'container-title'?: string;
  publisher?: string;
  number?: string;
  DOI?: string;
  URL?: string;
  PMID?: string;
  PMCID?: string;
  abstract?: string;
  note?: string;
  keyword?: string;
  annote?: string;
}

function cslType(p: ExportPaper): string {
  switch (venueKind(p.venue)) {
    case 'journal':
      return 'article-journal';
    case 'proceedings':
      return 'paper-conference';
    default:
      // Zotero reads CSL "article" as a preprint.
      return 'article';
  }
}

function cslName(author: string): CslName | null {
  const n = splitName(author);
  if (!n) return null;
  if (n.literal) return { literal: n.literal };
  const out: CslName = {};
  if (n.family) out.family = n.family;
  if (n.given) out.given = n.given;
  if (n.suffix) out.suffix = n.suffix;
  return out;
}

/** CSL items, one per paper, ids being the same unique cite keys the BibTeX export uses. */
export function toCslItems(papers: readonly ExportPaper[]): CslItem[] {
  const keys = citeKeys(papers);
  return papers.map((p, i) => {
    const ids = paperIds(p);
    const item: CslItem = { id: keys[i]!, type: cslType(p) };
    if (p.title) item.title = p.title;
    const names = p.authors.map(cslName).filter((n): n is CslName => n !== null);
    if (names.length) item.author = names;
    if (p.year !== undefined) item.issued = { 'date-parts': [[p.year]] };
    if (item.type !== 'article' && p.venue) item['container-title'] = p.venue;
    if (ids.arxiv && item.type === 'article') {
      item.publisher = 'arXiv';
      item.number = `arXiv:${ids.arxiv}`;
    }
    const doi = ids.doi ?? ids.arxivDoi;
    if (doi) item.DOI = doi;
    const url = exportUrl(p);
    if (url) item.URL = url;
    if (ids.pmid) item.PMID = ids.pmid;
    if (ids.pmcid) item.PMCID = ids.pmcid;
    if (p.abstract) item.abstract = p.abstract;
    if (ids.arxiv) item.note = `arXiv: ${ids.arxiv}`;
    if (p.tags.length) item.keyword = p.tags.map((t) => t.replace(/,/g, ' ')).join(', ');
    if (p.note) item.annote = p.note;
    return item;
  });
}

/** A CSL-JSON file (an array of items), pretty-printed like Zotero's export. */
export function toCslJson(papers: readonly ExportPaper[]): string {
  return JSON.stringify(toCslItems(papers), null, '\t') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Import

/** The rich-text markup CSL allows in titles; anything else (a <script> in a title) stays text. */
const CSL_MARKUP =
  /<\/?(?:i|b|sup|sub|sc)>|<span\s+(?:class="nocase"|style="font-variant:\s*small-caps;?")>|<\/span>/gi;

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  // Some tools write container-title as an array of alternatives.
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return undefined;
}

function plain(v: unknown, max: number): string {
  const s = str(v);
  return s ? cleanLine(s.replace(CSL_MARKUP, ''), max) : '';
}

function names(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const a of v.slice(0, LIMITS.authors * 2)) {
    if (typeof a === 'string') {
      out.push(a);
      continue;
    }
    if (!isPlainObject(a)) continue;
    const particle = [str(a['dropping-particle']), str(a['non-dropping-particle'])]
      .filter(Boolean)
      .join(' ');
    const n = joinName({
      literal: str(a.literal),
      given: str(a.given),
      particle: particle || undefined,
      family: str(a.family),
      suffix: str(a.suffix),
    });
    if (n) out.push(n);
  }
  return out;
}

/** The year of a CSL date: date-parts (numbers or strings), raw, literal, or a bare string. */
function issuedYear(v: unknown): number | undefined {
  if (typeof v === 'string' || typeof v === 'number') return yearOf(v);
  if (!isPlainObject(v)) return undefined;
  const parts = v['date-parts'];
  if (Array.isArray(parts) && Array.isArray(parts[0])) {
    const n = yearOf(parts[0][0]);
    if (n !== undefined) return n;
  }
  return yearOf(v.raw) ?? yearOf(v.literal);
}

function items(data: unknown): unknown[] {
  if (Array.isArray(data)) return data;
  if (isPlainObject(data)) {
    if (Array.isArray(data.items)) return data.items;
    // A single item, as some tools export one reference.
    if (typeof data.type === 'string' || typeof data.title === 'string') return [data];
  }
  throw new ImportError(
    'This JSON is not CSL-JSON: expected a list of references like Zotero exports.',
  );
}

/** Reads a CSL-JSON file. Items that are not objects or name no paper are reported and skipped. */
export function fromCslJson(text: string): ImportResult {
  const label = FORMAT_LABEL['csl-json'];
  const list = items(parseJson(checkText(text, label), label));
  checkEntryCount(list.length, label);
  const out = new Collector('csl-json');
  list.forEach((it, i) => {
    if (!isPlainObject(it)) {
      out.skip({ entry: i + 1 }, 'it is not a CSL item (an object)');
      return;
    }
    const key = cleanLine(str(it.id) ?? '', 200);
    const at = key ? { entry: i + 1, key } : { entry: i + 1 };
    const note = str(it.note) ?? '';
    const extra = str(it.extra) ?? '';
    const ids: Array<string | null> = [
      doiId(str(it.DOI)),
      ...arxivIdsInText(
        `${note}\n${extra}\n${str(it.number) ?? ''}\n${str(it['archive_location']) ?? ''}`,
      ),
      ...pubmedIdsInText(`${note}\n${extra}`),
    ];
    const pmid = str(it.PMID);
    if (pmid) ids.push(`pmid:${pmid.trim()}`);
    const pmcid = str(it.PMCID);
    if (pmcid) ids.push(`pmcid:${pmcid.trim()}`);
    const hasArxiv = ids.some((x) => x?.startsWith('arxiv:'));
    let venue = plain(it['container-title'], LIMITS.venue);
    if (hasArxiv && (isArxivVenue(venue) || !venue)) venue = 'arXiv';
    const keyword = str(it.keyword);
    out.add(
      {
        ids,
        title: plain(it.title, LIMITS.title),
        authors: names(it.author),
        year: issuedYear(it.issued),
        venue,
        abstract: str(it.abstract)?.replace(CSL_MARKUP, ''),
        url: str(it.URL),
        tags: keyword ? keyword.split(/[,;]\s*/) : undefined,
        note: str(it.annote),
      },
      at,
    );
  });
  return out.finish();
}
