/**
 * Helpers every importer and exporter shares: bounded text, safe URLs, years, person names, cite
 * keys, and turning what a file says about a paper into an ImportedPaper with the one identity
 * scheme (so an imported paper merges with the same paper met on a page).
 */
import { buildIdentity, idsFromUrl, kindOf, normalizeArxiv, normalizeDoi } from '../identity';
import { LIMITS } from '../paper';
import { USER_LIMITS } from '../protocol';
import type { StoredPaper } from '../library/db';
import {
  FILE_LIMITS,
  ImportError,
  type ImportFormat,
  type ImportIssue,
  type ImportResult,
  type ImportedPaper,
} from './types';

export const FORMAT_LABEL: Record<ImportFormat | 'backup', string> = {
  bibtex: 'BibTeX',
  'csl-json': 'CSL-JSON',
  ris: 'RIS',
  papermemory: 'PaperMemory',
  backup: 'Paperdex backup',
};

/**
 * The text of a file, checked before any parsing: a string, not blank, within the size limit.
 * A byte-order mark is dropped (Windows tools write one; parsers would read it as content).
 */
export function checkText(
  text: unknown,
  label: string,
  maxChars: number = FILE_LIMITS.importChars,
): string {
  if (typeof text !== 'string')
    throw new ImportError(`The ${label} file could not be read as text.`);
  if (text.length > maxChars) {
    const mb = Math.round(maxChars / (1024 * 1024));
    throw new ImportError(
      `The file is too large: ${(text.length / (1024 * 1024)).toFixed(1)} MB of text, over the ${mb} MB limit for ${label}.`,
    );
  }
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (t.trim() === '') throw new ImportError(`The ${label} file is empty.`);
  return t;
}

/** 1-based line number of a character offset. */
export function lineAt(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Describes an entry for messages: `Entry 3 ("key", line 12)`. */
export function where(issue: Omit<ImportIssue, 'message'>): string {
  const bits: string[] = [];
  if (issue.key) bits.push(`"${issue.key.slice(0, 60)}"`);
  if (issue.line !== undefined) bits.push(`line ${issue.line}`);
  const head = issue.entry !== undefined ? `Entry ${issue.entry}` : 'An entry';
  return bits.length ? `${head} (${bits.join(', ')})` : head;
}

// Control characters other than tab/newline never belong in bibliographic text; they are how
// terminal escapes and spreadsheet tricks travel.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/g;

/** One line of text: whitespace collapsed, control characters gone, bounded. */
export function cleanLine(s: unknown, max: number): string {
  if (typeof s !== 'string' && typeof s !== 'number') return '';
  // NFC: LaTeX decoding yields combining accents (U+0308) where pages and CSL carry "ü".
  return String(s).normalize('NFC').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim().slice(0, max);
}

/** Multi-line text (notes, abstracts): paragraphs kept, other whitespace collapsed, bounded. */
export function cleanText(s: unknown, max: number): string {
  if (typeof s !== 'string') return '';
  return s
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .slice(0, max);
}

/** An absolute http(s) URL within the length bound; anything else (javascript:, data:, junk) is dropped. */
export function safeUrl(s: unknown): string | undefined {
  if (typeof s !== 'string') return undefined;
  const t = s.trim();
  if (!t || t.length > LIMITS.url * 2) return undefined;
  try {
    const u = new URL(t);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    return u.href.length <= LIMITS.url ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** A plausible publication year out of a number or any date-ish text ("2017", "2017-06-12", "June 2017"). */
export function yearOf(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 1000 && v <= 2999 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const m = /(?:^|\D)(1[0-9]\d\d|2[0-9]\d\d)(?!\d)/.exec(v);
  return m ? Number(m[1]) : undefined;
}

/** A time as epoch milliseconds out of a number or an ISO date string. */
export function timeOf(v: unknown): number | undefined {
  if (typeof v === 'number')
    return Number.isFinite(v) && v >= 0 && v < 8.64e15 ? Math.floor(v) : undefined;
  if (typeof v !== 'string' || v.length > 64) return undefined;
  const t = Date.parse(v);
  return Number.isFinite(t) && t >= 0 ? t : undefined;
}

/** Tags as the library keeps them: trimmed, unique ignoring case, bounded. */
export function cleanTags(tags: Iterable<unknown>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const t of tags) {
    const c = cleanLine(t, USER_LIMITS.tag);
    const k = c.toLowerCase();
    if (!c || seen.has(k)) continue;
    seen.add(k);
    out.push(c);
    if (out.length >= USER_LIMITS.tags) break;
  }
  return out;
}

/**
 * arXiv ids written in free text the way Zotero (`arXiv: 2106.09608`, `arXiv:1706.03762 [cs]`),
 * Google Scholar (`arXiv preprint arXiv:1706.03762`) and arXiv itself write them.
 */
export function arxivIdsInText(s: unknown): string[] {
  if (typeof s !== 'string' || !s) return [];
  const out: string[] = [];
  const re = /\barxiv\s*:\s*([a-z][a-z-]*(?:\.[a-z]{2})?\/\d{7}|\d{4}\.\d{4,5})(v\d+)?/gi;
  for (const m of s.slice(0, 20_000).matchAll(re)) {
    const a = normalizeArxiv(m[1]!);
    if (a && !out.includes(`arxiv:${a}`)) out.push(`arxiv:${a}`);
  }
  return out;
}

/** `PMID: 123` / `PMCID: PMC456` lines, as Zotero keeps them in Extra. */
export function pubmedIdsInText(s: unknown): string[] {
  if (typeof s !== 'string' || !s) return [];
  const out: string[] = [];
  for (const m of s.slice(0, 20_000).matchAll(/\bPMID\s*:\s*(\d{1,9})\b/gi))
    out.push(`pmid:${m[1]!}`);
  for (const m of s.slice(0, 20_000).matchAll(/\bPMCID\s*:\s*(PMC\d{1,9})\b/gi))
    out.push(`pmcid:${m[1]!}`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Person names

export interface PersonName {
  family?: string;
  given?: string;
  suffix?: string;
  /** A name that is not split: organizations, mononyms. */
  literal?: string;
}

const SUFFIX = /^(?:jr\.?|sr\.?|ii|iii|iv)$/i;
// prettier-ignore
const PARTICLES = new Set([
  'van', 'von', 'de', 'der', 'den', 'del', 'della', 'di', 'da', 'du', 'le', 'la', 'des', 'dos',
  'das', 'ten', 'ter', 'zu', 'dei', 'degli', 'al', 'el', 'bin', 'ibn', 'mac', 'vander',
]);
const ORGANIZATION =
  /\b(?:collaboration|consortium|team|group|committee|project|initiative|association|society|network|institute|university|laborator(?:y|ies)|inc|ltd|corporation|foundation|council|organi[sz]ation)\b/i;

/**
 * "Ashish Vaswani" → family Vaswani, given Ashish; "Jean de la Fontaine" → family "de la Fontaine"
 * (BibTeX reads the lower-case particle back as the von part); "Vaswani, Ashish" as written;
 * "John Smith Jr." → suffix; one word or an organization → literal, never split.
 */
export function splitName(raw: string): PersonName | null {
  const name = cleanLine(raw, LIMITS.author);
  if (!name) return null;
  if (ORGANIZATION.test(name)) return { literal: name };
  if (name.includes(',')) {
    const parts = name.split(',').map((p) => p.trim());
    const family = parts[0] ?? '';
    if (!family) return { literal: name };
    if (parts.length >= 3) {
      const given = parts.slice(2).join(', ');
      return omitEmpty({ family, suffix: parts[1], given });
    }
    const rest = parts[1] ?? '';
    if (SUFFIX.test(rest)) return { family, suffix: rest };
    return omitEmpty({ family, given: rest });
  }
  const tokens = name.split(' ');
  if (tokens.length === 1) return { literal: name };
  let suffix: string | undefined;
  if (tokens.length > 2 && SUFFIX.test(tokens[tokens.length - 1]!)) suffix = tokens.pop();
  let start = tokens.length - 1;
  while (start > 1 && PARTICLES.has(tokens[start - 1]!)) start--;
  // "van Gogh": a particle first means there is no given name at all.
  if (start === 1 && PARTICLES.has(tokens[0]!)) start = 0;
  return omitEmpty({
    family: tokens.slice(start).join(' '),
    given: tokens.slice(0, start).join(' '),
    suffix,
  });
}

function omitEmpty(n: PersonName): PersonName {
  const out: PersonName = {};
  for (const k of ['family', 'given', 'suffix', 'literal'] as const) {
    const v = n[k];
    if (v) out[k] = v;
  }
  return out;
}

/** The display form every importer stores: "Given [particles] Family Suffix". */
export function joinName(n: {
  family?: string | undefined;
  given?: string | undefined;
  particle?: string | undefined;
  suffix?: string | undefined;
  literal?: string | undefined;
}): string {
  if (n.literal) return cleanLine(n.literal, LIMITS.author);
  return cleanLine(
    [n.given, n.particle, n.family, n.suffix].filter(Boolean).join(' '),
    LIMITS.author,
  );
}

/** Bounded author list; "others" (BibTeX's "et al.") is not a person. */
export function cleanAuthors(names: Iterable<string>): string[] {
  const out: string[] = [];
  for (const n of names) {
    const c = cleanLine(n, LIMITS.author);
    if (!c || /^(?:others|et\.? al\.?)$/i.test(c)) continue;
    out.push(c);
    if (out.length >= LIMITS.authors) break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Cite keys

/** ASCII letters and digits of a word: cite keys travel through every TeX toolchain. */
export function asciiWord(s: string): string {
  return s
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[œŒ]/g, 'oe')
    .replace(/[øØ]/g, 'o')
    .replace(/[đĐðÐ]/g, 'd')
    .replace(/[þÞ]/g, 'th')
    .replace(/[łŁ]/g, 'l')
    .replace(/ı/g, 'i')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

// Function words a title often starts with; Google Scholar style keys skip them.
// prettier-ignore
const KEY_STOP = new Set([
  'a', 'an', 'the', 'on', 'of', 'in', 'for', 'to', 'and', 'or', 'with', 'from', 'by', 'at', 'as',
  'is', 'are', 'via', 'into', 'towards', 'toward', 'about', 'do', 'does', 'how', 'what', 'why',
  'when', 'can', 'le', 'la', 'les', 'der', 'die', 'das', 'el', 'los', 'un', 'une', 'ein', 'eine',
]);

function keyBase(p: Pick<StoredPaper, 'authors' | 'title' | 'year'>): string {
  let author = '';
  const first = p.authors[0];
  if (first) {
    const n = splitName(first);
    if (n?.family) {
      // "van der Maaten" → "maaten", as Google Scholar writes it.
      const words = n.family.split(' ').filter((w) => !PARTICLES.has(w));
      author = asciiWord(words[words.length - 1] ?? n.family);
    } else if (n?.literal) {
      author =
        n.literal
          .split(' ')
          .map(asciiWord)
          .find((w) => w.length > 0) ?? '';
    }
  }
  const words = p.title
    .split(/[\s\-–—/:]+/)
    .map(asciiWord)
    .filter((w) => w.length > 0);
  const word = words.find((w) => !KEY_STOP.has(w)) ?? words[0] ?? '';
  return `${author}${p.year ?? ''}${word}`.slice(0, 60) || 'paper';
}

/** `a`, `b`, … `z`, `aa`, `ab`, …: Better BibTeX's and Zotero's disambiguation suffixes. */
function suffix(n: number): string {
  let s = '';
  let k = n;
  do {
    s = String.fromCharCode(97 + (k % 26)) + s;
    k = Math.floor(k / 26) - 1;
  } while (k >= 0);
  return s;
}

/**
 * One cite key per paper, in order: `vaswani2017attention` (first author's family name, year,
 * first significant title word), the second paper with the same key gets `a`, the next `b`, and
 * so on, never colliding with a key another paper has naturally.
 */
export function citeKeys(
  papers: readonly Pick<StoredPaper, 'authors' | 'title' | 'year'>[],
): string[] {
  const bases = papers.map(keyBase);
  const used = new Set<string>(bases);
  const given = new Set<string>();
  return bases.map((b) => {
    if (!given.has(b)) {
      given.add(b);
      return b;
    }
    for (let i = 0; ; i++) {
      const k = b + suffix(i);
      if (!used.has(k)) {
        used.add(k);
        given.add(k);
        return k;
      }
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Ids of stored papers, for exporters

export interface PaperIds {
  arxiv?: string;
  /** A publisher DOI, not arXiv's own DataCite DOI. */
  doi?: string;
  /** arXiv's DataCite DOI (10.48550/arXiv.…), when the paper has no other. */
  arxivDoi?: string;
  pmid?: string;
  pmcid?: string;
}

export function paperIds(p: Pick<StoredPaper, 'id' | 'ids'>): PaperIds {
  const out: PaperIds = {};
  for (const id of [p.id, ...p.ids]) {
    const k = kindOf(id);
    const v = id.slice(id.indexOf(':') + 1);
    if (k === 'arxiv') out.arxiv ??= v;
    else if (k === 'doi') {
      if (/^10\.48550\//.test(v)) out.arxivDoi ??= v;
      else out.doi ??= v;
    } else if (k === 'pmid') out.pmid ??= v;
    else if (k === 'pmcid') out.pmcid ??= v;
  }
  return out;
}

/** The paper's landing page for an id, so that an id no field can carry survives as a URL. */
export function urlForId(id: string): string | undefined {
  const k = kindOf(id);
  const v = id.slice(id.indexOf(':') + 1);
  switch (k) {
    case 'arxiv':
      return `https://arxiv.org/abs/${v}`;
    case 'doi':
      return `https://doi.org/${v}`;
    case 'openreview':
      return `https://openreview.net/forum?id=${encodeURIComponent(v)}`;
    case 'acl':
      return `https://aclanthology.org/${v}/`;
    case 'pmid':
      return `https://pubmed.ncbi.nlm.nih.gov/${v}/`;
    case 'pmcid':
      return `https://pmc.ncbi.nlm.nih.gov/articles/${v}/`;
    case 'dblp':
      return `https://dblp.org/rec/${v}`;
    case 's2':
      return `https://www.semanticscholar.org/paper/${v}`;
    case 'hal':
      return `https://hal.science/${v}`;
    default:
      return undefined;
  }
}

/**
 * The URL to export: the paper's own page when it names the paper, or names nothing while other
 * fields carry the primary id; else the landing page of the primary id, so an id that no field can
 * carry (OpenReview, ACL, DBLP…) survives a round trip as a URL.
 */
export function exportUrl(p: Pick<StoredPaper, 'id' | 'ids' | 'url'>): string | undefined {
  if (p.url) {
    const named = idsFromUrl(p.url);
    if (named.includes(p.id)) return p.url;
    const k = kindOf(p.id);
    const carried = k === 'arxiv' || k === 'doi' || k === 'pmid' || k === 'pmcid' || k === 'title';
    if (carried && (named.length === 0 || named.some((i) => p.ids.includes(i)))) return p.url;
  }
  return urlForId(p.id) ?? p.url;
}

/** `doi:<lower-case bare DOI>` from any spelling (URL, `doi:` prefix), or null. */
export function doiId(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const d = normalizeDoi(v);
  return d ? `doi:${d}` : null;
}

/** Venues that are only "it is on arXiv": not a journal. */
export function isArxivVenue(venue: string | undefined): boolean {
  return (
    !venue || /^\s*(?:arxiv(?:\.org)?|corr|preprint)\s*$|^\s*arxiv\b.*\bpreprint\b/i.test(venue)
  );
}

const JOURNAL_WORDS =
  /\b(?:journal|transactions|letters|review|reviews|magazine|bulletin|annals|quarterly)\b/i;
const PROCEEDINGS_WORDS =
  /\b(?:proceedings|proc\.|conference|conf\.|workshop|symposium|meeting|congress|colloquium|findings)\b/i;
const CONFERENCE_ACRONYMS =
  /\b(?:NeurIPS|NIPS|ICML|ICLR|CVPR|ICCV|ECCV|ACL|EMNLP|NAACL|EACL|AACL|COLING|CoNLL|AAAI|IJCAI|KDD|SIGIR|SIGGRAPH|SIGMOD|CHI|WWW|WSDM|UAI|AISTATS|COLT|INTERSPEECH|ICASSP|OSDI|SOSP|NSDI|FOCS|STOC|SODA|ICRA|IROS|RSS|CoRL|MICCAI|LREC)\b/;

export type VenueKind = 'journal' | 'proceedings' | 'none';

/** Journal or proceedings, from the venue's wording; 'none' for arXiv-only or unknown. */
export function venueKind(venue: string | undefined): VenueKind {
  if (isArxivVenue(venue)) return 'none';
  const v = venue!;
  if (JOURNAL_WORDS.test(v)) return 'journal';
  if (PROCEEDINGS_WORDS.test(v) || CONFERENCE_ACRONYMS.test(v)) return 'proceedings';
  return 'journal';
}

// ---------------------------------------------------------------------------------------------
// Building imported papers

export interface RawImport {
  /** Ids in any spelling canonicalId accepts. */
  ids: Array<string | null | undefined>;
  /** Links to read ids from (idsFromUrl); not stored unless also given as url/pdfUrl. */
  links?: Array<string | null | undefined>;
  title?: unknown;
  authors?: string[];
  year?: number | undefined;
  venue?: unknown;
  abstract?: unknown;
  url?: unknown;
  pdfUrl?: unknown;
  starred?: boolean | undefined;
  tags?: Iterable<unknown> | undefined;
  note?: unknown;
  firstSeen?: number | undefined;
  lastSeen?: number | undefined;
  seenCount?: number | undefined;
}

/**
 * A bounded, canonical ImportedPaper, or a message saying why the entry cannot be one (it names
 * no id and has no title). Bad ids and unsafe URLs are dropped, not fatal: the rest still counts.
 */
export function makeImported(raw: RawImport, format: ImportFormat): ImportedPaper | string {
  const title = cleanLine(raw.title, LIMITS.title);
  const url = safeUrl(raw.url);
  const pdfUrl = safeUrl(raw.pdfUrl);
  const ids: string[] = [];
  for (const id of raw.ids) if (id) ids.push(id);
  for (const l of [url, pdfUrl, ...(raw.links ?? [])]) {
    const u = safeUrl(l);
    if (u) ids.push(...idsFromUrl(u));
  }
  const identity = buildIdentity(ids, title);
  if (!identity) {
    // A title with no letters or digits left after normalizing names nothing.
    return title
      ? 'its title has no letters or digits to identify it by, and it has no identifier (DOI, arXiv id, URL)'
      : 'it has neither a title nor an identifier (DOI, arXiv id, URL)';
  }
  const p: ImportedPaper = {
    id: identity.id,
    aliases: identity.aliases,
    title,
    authors: cleanAuthors(raw.authors ?? []),
    source: `import:${format}`,
    kind: 'listing',
  };
  if (raw.year !== undefined) p.year = raw.year;
  const venue = cleanLine(raw.venue, LIMITS.venue);
  if (venue) p.venue = venue;
  const abstract = cleanText(raw.abstract, LIMITS.abstract);
  if (abstract) p.abstract = abstract;
  if (url) p.url = url;
  if (pdfUrl) p.pdfUrl = pdfUrl;
  if (raw.starred !== undefined) p.starred = raw.starred;
  if (raw.tags) {
    const tags = cleanTags(raw.tags);
    if (tags.length) p.tags = tags;
  }
  const note = cleanText(raw.note, USER_LIMITS.note);
  if (note) p.note = note;
  if (raw.firstSeen !== undefined) p.firstSeen = raw.firstSeen;
  if (raw.lastSeen !== undefined) p.lastSeen = raw.lastSeen;
  if (raw.seenCount !== undefined && Number.isInteger(raw.seenCount) && raw.seenCount >= 0) {
    p.seenCount = Math.min(raw.seenCount, 1e9);
  }
  return p;
}

/** Collects papers and per-entry issues, and enforces the entry limit. */
export class Collector {
  readonly papers: ImportedPaper[] = [];
  readonly errors: ImportIssue[] = [];

  constructor(private readonly format: ImportFormat) {}

  add(raw: RawImport, at: Omit<ImportIssue, 'message'>): void {
    const r = makeImported(raw, this.format);
    if (typeof r === 'string') this.skip(at, r);
    else this.papers.push(r);
  }

  skip(at: Omit<ImportIssue, 'message'>, why: string): void {
    // A hostile file could hold a million broken entries: the first thousand say enough.
    if (this.errors.length >= 1000) return;
    this.errors.push({ ...at, message: `${where(at)} was skipped: ${why}.` });
  }

  /**
   * The result, or an ImportError when nothing could be imported: the user gets the first reason
   * instead of an empty success.
   */
  finish(): ImportResult {
    const label = FORMAT_LABEL[this.format];
    if (this.papers.length === 0) {
      const first = this.errors[0];
      if (first) {
        const more = this.errors.length > 1 ? ` (and ${this.errors.length - 1} more problems)` : '';
        throw new ImportError(
          `No paper could be imported from this ${label} file. ${first.message}${more}`,
          {
            ...(first.line !== undefined ? { line: first.line } : {}),
            ...(first.entry !== undefined ? { entry: first.entry } : {}),
          },
        );
      }
      throw new ImportError(`The ${label} file holds no entries.`);
    }
    return { papers: this.papers, errors: this.errors };
  }
}

/** Throws when a file has more entries than an import may carry. */
export function checkEntryCount(n: number, label: string): void {
  if (n > FILE_LIMITS.entries) {
    throw new ImportError(
      `The ${label} file has more than ${FILE_LIMITS.entries} entries, more than one import takes. Split the file and import the parts.`,
    );
  }
}

/** JSON.parse with a message that says where the JSON breaks, never a raw SyntaxError. */
export function parseJson(text: string, label: string): unknown {
  const first = /\S/.exec(text)?.[0];
  if (first !== '[' && first !== '{') {
    throw new ImportError(
      `The ${label} file is not JSON: it should start with "[" or "{", not "${first ?? ''}".`,
      {
        line: 1,
      },
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    // V8 says "at position N" (and sometimes "line L column C"), Firefox "at line L column C".
    const ln = /line (\d+) column/.exec(msg);
    const pos = /position (\d+)/.exec(msg);
    const line = ln ? Number(ln[1]) : pos ? lineAt(text, Number(pos[1])) : undefined;
    const truncated =
      /end of (?:JSON )?input|Unterminated|end of data/i.test(msg) ||
      (pos !== null && Number(pos[1]) >= text.trimEnd().length);
    throw new ImportError(
      `The ${label} file is not valid JSON${line !== undefined ? ` (line ${line})` : ''}${
        truncated ? '; it looks truncated' : ''
      }: ${msg.slice(0, 200)}`,
      line !== undefined ? { line } : {},
    );
  }
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
