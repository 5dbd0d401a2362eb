/**
 * Background-side validation of every message. Content scripts read hostile pages, so a message is
 * treated as hostile too: every field is type-checked and size-bounded, unknown keys are refused,
 * and the validated request is a fresh copy holding only known fields. Nothing here writes.
 */
import type { FileFormat, ImportedPaper } from './formats/types';
import { canonicalId, normalizeDoi } from './identity';
import type { Sighting, StoredPaper } from './library/db';
import { LIMITS, type DetectedPaper, type PageKind } from './paper';
import {
  type AnyRequest,
  type ImportChunk,
  type ImportMode,
  type LookupPaper,
  type MessageType,
  type PageInfo,
  USER_LIMITS,
} from './protocol';
import { unpackIds } from './protocol-packed';

export const MAX_PAPERS = LIMITS.rowsPerPage;
/** Longest adapter id; adapter ids are kebab-case file names. */
const MAX_SOURCE = 64;
const MAX_VISIT = 64;
const MAX_SIGHTINGS = 1000;
/**
 * Characters of text per message. Each field is bounded already, but 5,000 papers at every bound
 * would be ~150 M characters; real pages with abstracts stay far below this.
 */
export const MAX_TEXT = 16_000_000;

export type Validation =
  { ok: true; request: AnyRequest } | { ok: false; type: string; reason: string };

class Invalid extends Error {}

/** Text left for the message being validated (validation is synchronous, so one counter is enough). */
let budget = MAX_TEXT;

function fail(reason: string): never {
  throw new Invalid(reason);
}

type Obj = Record<string, unknown>;

function object(v: unknown, what: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(`${what} is not an object`);
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) fail(`${what} is not a plain object`);
  return v as Obj;
}

function onlyKeys(o: Obj, allowed: readonly string[], what: string): void {
  for (const k of Object.keys(o))
    if (!allowed.includes(k)) fail(`${what} has unknown field "${k.slice(0, 40)}"`);
}

function string(v: unknown, max: number, what: string): string {
  if (typeof v !== 'string') fail(`${what} is not a string`);
  if (v.length > max) fail(`${what} is longer than ${max}`);
  budget -= v.length;
  if (budget < 0) fail(`message has more than ${MAX_TEXT} characters of text`);
  return v;
}

/** Absent and undefined are the same: JSON-based messaging drops undefined fields anyway. */
function optional<T>(o: Obj, key: string, read: (v: unknown) => T): T | undefined {
  const v = o[key];
  return v === undefined ? undefined : read(v);
}

function array(v: unknown, max: number, what: string): unknown[] {
  if (!Array.isArray(v)) fail(`${what} is not an array`);
  if (v.length > max) fail(`${what} has more than ${max} items`);
  return v;
}

function boolean(v: unknown, what: string): boolean {
  if (typeof v !== 'boolean') fail(`${what} is not a boolean`);
  return v;
}

/**
 * Canonical as identity.canonicalId makes it, or the arXiv DataCite DOI buildIdentity keeps as an
 * alias beside the arXiv id (canonicalId would turn that one into the arXiv id itself).
 */
export function isCanonicalId(id: string): boolean {
  if (canonicalId(id) === id) return true;
  if (!id.startsWith('doi:10.48550/')) return false;
  const bare = id.slice(4);
  return normalizeDoi(bare) === bare && canonicalId(id)?.startsWith('arxiv:') === true;
}

function id(v: unknown, what: string): string {
  const s = string(v, LIMITS.id, what);
  if (!isCanonicalId(s)) fail(`${what} is not a canonical id`);
  return s;
}

function httpUrl(v: unknown, what: string): string {
  const s = string(v, LIMITS.url, what);
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    fail(`${what} is not a URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') fail(`${what} is not http(s)`);
  return s;
}

function aliases(v: unknown, primary: string, what: string): string[] {
  const out: string[] = [];
  for (const [i, a] of array(v, LIMITS.aliases, what).entries()) {
    const s = id(a, `${what}[${i}]`);
    // Repeats are harmless; keep the list as buildIdentity would have made it.
    if (s !== primary && !out.includes(s)) out.push(s);
  }
  return out;
}

function page(v: unknown): PageInfo {
  const o = object(v, 'page');
  onlyKeys(o, ['url', 'title'], 'page');
  return { url: httpUrl(o.url, 'page.url'), title: string(o.title, LIMITS.title, 'page.title') };
}

function visit(v: unknown): string {
  const s = string(v, MAX_VISIT, 'visit');
  if (!/^[\w-]+$/.test(s)) fail('visit has characters other than letters, digits, _ and -');
  return s;
}

const PAPER_KEYS = [
  'id',
  'aliases',
  'title',
  'authors',
  'year',
  'venue',
  'abstract',
  'url',
  'pdfUrl',
  'source',
  'kind',
] as const;

function paper(v: unknown, what: string): DetectedPaper {
  const o = object(v, what);
  onlyKeys(o, PAPER_KEYS, what);
  return paperFields(o, what, (source) => {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(source)) fail(`${what}.source is not an adapter id`);
  });
}

function paperFields(o: Obj, what: string, checkSource: (source: string) => void): DetectedPaper {
  const pid = id(o.id, `${what}.id`);
  const authors = array(o.authors, LIMITS.authors, `${what}.authors`).map((a, i) =>
    string(a, LIMITS.author, `${what}.authors[${i}]`),
  );
  const source = string(o.source, MAX_SOURCE, `${what}.source`);
  checkSource(source);
  const kind = o.kind;
  if (kind !== 'listing' && kind !== 'single') fail(`${what}.kind is not 'listing' or 'single'`);
  const p: DetectedPaper = {
    id: pid,
    aliases: aliases(o.aliases, pid, `${what}.aliases`),
    title: string(o.title, LIMITS.title, `${what}.title`),
    authors,
    source,
    kind: kind satisfies PageKind,
  };
  const year = optional(o, 'year', (y) => {
    if (typeof y !== 'number' || !Number.isInteger(y)) fail(`${what}.year is not an integer`);
    return y;
  });
  // An implausible year is a page's typo, not an attack: drop it rather than the whole page.
  if (year !== undefined && year >= 1000 && year <= 2999) p.year = year;
  const venue = optional(o, 'venue', (x) => string(x, LIMITS.venue, `${what}.venue`));
  if (venue) p.venue = venue;
  const abstract = optional(o, 'abstract', (x) => string(x, LIMITS.abstract, `${what}.abstract`));
  if (abstract) p.abstract = abstract;
  const url = optional(o, 'url', (x) => httpUrl(x, `${what}.url`));
  if (url) p.url = url;
  const pdfUrl = optional(o, 'pdfUrl', (x) => httpUrl(x, `${what}.pdfUrl`));
  if (pdfUrl) p.pdfUrl = pdfUrl;
  return p;
}

function lookupPaper(v: unknown, what: string): LookupPaper {
  const o = object(v, what);
  onlyKeys(o, ['id', 'aliases', 'title'], what);
  const pid = id(o.id, `${what}.id`);
  return {
    id: pid,
    aliases: aliases(o.aliases, pid, `${what}.aliases`),
    title: string(o.title, LIMITS.title, `${what}.title`),
  };
}

/** Every id of every line is checked as in `lookup`; the strings go on as they came. */
function packedLookup(o: Obj): AnyRequest {
  const ids = string(o.ids, MAX_PAPERS * (LIMITS.aliases + 1) * (LIMITS.id + 1), 'ids');
  const rows = unpackIds(ids);
  if (rows.length > MAX_PAPERS) fail(`ids has more than ${MAX_PAPERS} lines`);
  for (const [i, row] of rows.entries()) {
    if (row.length > LIMITS.aliases + 1)
      fail(`ids line ${i} has more than ${LIMITS.aliases + 1} ids`);
    for (const x of row) {
      if (x.length > LIMITS.id) fail(`ids line ${i} has an id longer than ${LIMITS.id}`);
      if (!isCanonicalId(x)) fail(`ids line ${i} has an id that is not canonical`);
    }
  }
  const req: Extract<AnyRequest, { type: 'lookupPacked' }> = { type: 'lookupPacked', ids };
  const titles = optional(o, 'titles', (x) => string(x, MAX_PAPERS * (LIMITS.title + 1), 'titles'));
  if (titles !== undefined) {
    const lines = titles.split('\n');
    if (lines.length !== rows.length) fail('titles and ids have different numbers of lines');
    if (lines.some((t) => t.length > LIMITS.title)) fail(`a title is longer than ${LIMITS.title}`);
    req.titles = titles;
  }
  const v = optional(o, 'visit', visit);
  if (v !== undefined) req.visit = v;
  return req;
}

function papers<T>(v: unknown, read: (p: unknown, what: string) => T): T[] {
  return array(v, MAX_PAPERS, 'papers').map((p, i) => read(p, `papers[${i}]`));
}

// ---------------------------------------------------------------------------------------------
// Imports. Chunks come from the options page, not from web pages, but they are checked as strictly:
// a compromised or buggy page must not be able to write what a content script could not.

/** Sightings per import chunk; their text is bounded by MAX_TEXT as well. */
export const MAX_IMPORT_SIGHTINGS = 20_000;
const MAX_IMPORT_ID = 64;
/** Latest plausible epoch millisecond (year 2200), the bound backups use. */
const MAX_TIME = 7_258_118_400_000;
const IMPORT_MODES: readonly ImportMode[] = ['merge', 'replace'];
const FILE_FORMATS: readonly FileFormat[] = ['backup', 'bibtex', 'csl-json', 'ris', 'papermemory'];
const IMPORTED_KEYS = [
  ...PAPER_KEYS,
  'starred',
  'tags',
  'note',
  'firstSeen',
  'lastSeen',
  'seenCount',
] as const;

function integer(v: unknown, min: number, max: number, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    fail(`${what} is not an integer in ${min}..${max}`);
  return v;
}

function importId(v: unknown): string {
  const s = string(v, MAX_IMPORT_ID, 'importId');
  if (!/^[\w-]+$/.test(s)) fail('importId has characters other than letters, digits, _ and -');
  return s;
}

function importedPaper(v: unknown, what: string): ImportedPaper {
  const o = object(v, what);
  onlyKeys(o, IMPORTED_KEYS, what);
  const p: ImportedPaper = paperFields(o, what, (source) => {
    if (!/^import:(?:bibtex|csl-json|ris|papermemory)$/.test(source))
      fail(`${what}.source is not an import source`);
  });
  const starred = optional(o, 'starred', (x) => boolean(x, `${what}.starred`));
  if (starred !== undefined) p.starred = starred;
  const tags = optional(o, 'tags', (x) =>
    array(x, USER_LIMITS.tags, `${what}.tags`).map((t, i) =>
      string(t, USER_LIMITS.tag, `${what}.tags[${i}]`),
    ),
  );
  if (tags !== undefined) p.tags = tags;
  const note = optional(o, 'note', (x) => string(x, USER_LIMITS.note, `${what}.note`));
  if (note !== undefined) p.note = note;
  for (const k of ['firstSeen', 'lastSeen'] as const) {
    const t = optional(o, k, (x) => integer(x, 0, MAX_TIME, `${what}.${k}`));
    if (t !== undefined) p[k] = t;
  }
  const n = optional(o, 'seenCount', (x) => integer(x, 0, 1e9, `${what}.seenCount`));
  if (n !== undefined) p.seenCount = n;
  return p;
}

const SIGHTING_KEYS = ['seq', 'paperId', 'pageUrl', 'site', 'pageTitle', 'time', 'how', 'visit'];

/** Bounds as backups have them (formats/backup.ts): a sighting Paperdex stored always passes. */
function sighting(v: unknown, what: string): Sighting {
  const o = object(v, what);
  onlyKeys(o, SIGHTING_KEYS, what);
  const how = o.how;
  if (how !== 'listed' && how !== 'opened') fail(`${what}.how is not 'listed' or 'opened'`);
  const pageUrl = o.pageUrl === '' ? '' : httpUrl(o.pageUrl, `${what}.pageUrl`);
  const s: Sighting = {
    paperId: id(o.paperId, `${what}.paperId`),
    pageUrl,
    site: string(o.site, MAX_SOURCE, `${what}.site`),
    pageTitle: string(o.pageTitle, LIMITS.title, `${what}.pageTitle`),
    time: integer(o.time, 0, MAX_TIME, `${what}.time`),
    how,
    visit: string(o.visit, MAX_VISIT, `${what}.visit`),
  };
  const seq = optional(o, 'seq', (x) => integer(x, 1, Number.MAX_SAFE_INTEGER, `${what}.seq`));
  return seq === undefined ? s : { seq, ...s };
}

/**
 * A backup row, as plain JSON data with its text counted against the budget. Its fields are
 * checked by the backup reader when the row is staged (utils/library/import.ts), which knows
 * every rule a stored paper obeys; here it only has to be data, and a fresh copy.
 */
function jsonData(v: unknown, what: string, depth = 0): unknown {
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) fail(`${what} is not a finite number`);
    return v;
  }
  if (typeof v === 'string') return string(v, MAX_TEXT, what);
  if (depth >= 3) fail(`${what} is nested too deeply`);
  if (Array.isArray(v))
    return array(v, 100_000, what).map((x, i) => jsonData(x, `${what}[${i}]`, depth + 1));
  const o = object(v, what);
  const out: Obj = {};
  for (const [k, x] of Object.entries(o)) {
    // An own "__proto__" key would become the copy's prototype.
    if (k === '__proto__') fail(`${what} has a field named __proto__`);
    string(k, 64, `${what} field name`);
    out[k] = jsonData(x, `${what}.${k}`, depth + 1);
  }
  return out;
}

function importChunk(o: Obj): ImportChunk {
  const chunk: ImportChunk = {
    importId: importId(o.importId),
    seq: integer(o.seq, 0, 1_000_000, 'seq'),
  };
  const parts = (['papers', 'rows', 'sightings'] as const).filter((k) => o[k] !== undefined);
  if (parts.length !== 1) fail('an import chunk carries exactly one of papers, rows, sightings');
  if (o.papers !== undefined)
    chunk.papers = array(o.papers, MAX_PAPERS, 'papers').map((p, i) =>
      importedPaper(p, `papers[${i}]`),
    );
  if (o.rows !== undefined)
    chunk.rows = array(o.rows, MAX_PAPERS, 'rows').map(
      (r, i) => jsonData(object(r, `rows[${i}]`), `rows[${i}]`) as StoredPaper,
    );
  if (o.sightings !== undefined)
    chunk.sightings = array(o.sightings, MAX_IMPORT_SIGHTINGS, 'sightings').map((x, i) =>
      sighting(x, `sightings[${i}]`),
    );
  return chunk;
}

const FIELDS: Record<MessageType, readonly string[]> = {
  activate: [],
  warm: [],
  recordPage: ['page', 'visit', 'papers'],
  lookup: ['papers', 'visit'],
  lookupPacked: ['ids', 'titles', 'visit'],
  setStar: ['id', 'starred'],
  setTags: ['id', 'tags'],
  setNote: ['id', 'note'],
  deletePaper: ['id'],
  getPaper: ['id', 'sightings'],
  savePage: ['page'],
  starPage: ['page', 'starred'],
  importBegin: ['mode', 'format'],
  importChunk: ['importId', 'seq', 'papers', 'rows', 'sightings'],
  importCommit: ['importId', 'chunks'],
  importCancel: ['importId'],
  deleteAll: ['confirm'],
};

function isType(t: unknown): t is MessageType {
  return typeof t === 'string' && Object.prototype.hasOwnProperty.call(FIELDS, t);
}

function parse(o: Obj, type: MessageType): AnyRequest {
  onlyKeys(o, ['type', ...FIELDS[type]], type);
  switch (type) {
    case 'activate':
    case 'warm':
      return { type };
    case 'recordPage':
      return { type, page: page(o.page), visit: visit(o.visit), papers: papers(o.papers, paper) };
    case 'lookup': {
      const v = optional(o, 'visit', visit);
      const list = papers(o.papers, lookupPaper);
      return v === undefined ? { type, papers: list } : { type, papers: list, visit: v };
    }
    case 'lookupPacked':
      return packedLookup(o);
    case 'setStar':
      return { type, id: id(o.id, 'id'), starred: boolean(o.starred, 'starred') };
    case 'setTags':
      return {
        type,
        id: id(o.id, 'id'),
        tags: array(o.tags, USER_LIMITS.tags, 'tags').map((t, i) =>
          string(t, USER_LIMITS.tag, `tags[${i}]`),
        ),
      };
    case 'setNote':
      return { type, id: id(o.id, 'id'), note: string(o.note, USER_LIMITS.note, 'note') };
    case 'deletePaper':
      return { type, id: id(o.id, 'id') };
    case 'getPaper': {
      const n = optional(o, 'sightings', (x) => {
        if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x > MAX_SIGHTINGS)
          fail(`sightings is not an integer in 0..${MAX_SIGHTINGS}`);
        return x;
      });
      return n === undefined
        ? { type, id: id(o.id, 'id') }
        : { type, id: id(o.id, 'id'), sightings: n };
    }
    case 'savePage':
      return { type, page: page(o.page) };
    case 'starPage': {
      const s = optional(o, 'starred', (x) => boolean(x, 'starred'));
      return s === undefined
        ? { type, page: page(o.page) }
        : { type, page: page(o.page), starred: s };
    }
    case 'importBegin': {
      const mode = o.mode;
      if (!IMPORT_MODES.includes(mode as ImportMode)) fail("mode is not 'merge' or 'replace'");
      const format = o.format;
      if (!FILE_FORMATS.includes(format as FileFormat)) fail('format is not a known file format');
      if (mode === 'replace' && format !== 'backup')
        fail('only a Paperdex backup can replace the library');
      return { type, mode: mode as ImportMode, format: format as FileFormat };
    }
    case 'importChunk':
      return { type, ...importChunk(o) };
    case 'importCommit':
      return {
        type,
        importId: importId(o.importId),
        chunks: integer(o.chunks, 0, 1_000_000, 'chunks'),
      };
    case 'importCancel':
      return { type, importId: importId(o.importId) };
    case 'deleteAll':
      if (o.confirm !== true) fail('deleteAll needs confirm: true');
      return { type, confirm: true };
  }
}

/** Never throws: a bad message becomes a short reason for the log and the Failure. */
export function validateRequest(message: unknown): Validation {
  let type = '?';
  budget = MAX_TEXT;
  try {
    const o = object(message, 'message');
    if (!isType(o.type)) {
      type = typeof o.type === 'string' ? o.type.slice(0, 40) : '?';
      return { ok: false, type, reason: 'unknown message type' };
    }
    type = o.type;
    return { ok: true, request: parse(o, o.type) };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, type, reason: e.message };
    return { ok: false, type, reason: 'unreadable message' };
  }
}
