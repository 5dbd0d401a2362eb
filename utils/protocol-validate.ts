/**
 * Background-side validation of every message. Content scripts read hostile pages, so a message is
 * treated as hostile too: every field is type-checked and size-bounded, unknown keys are refused,
 * and the validated request is a fresh copy holding only known fields. Nothing here writes.
 */
import { canonicalId, normalizeDoi } from './identity';
import { LIMITS, type DetectedPaper, type PageKind } from './paper';
import {
  type AnyRequest,
  type LookupPaper,
  type MessageType,
  type PageInfo,
  USER_LIMITS,
} from './protocol';

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
  const pid = id(o.id, `${what}.id`);
  const authors = array(o.authors, LIMITS.authors, `${what}.authors`).map((a, i) =>
    string(a, LIMITS.author, `${what}.authors[${i}]`),
  );
  const source = string(o.source, MAX_SOURCE, `${what}.source`);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(source)) fail(`${what}.source is not an adapter id`);
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

function papers<T>(v: unknown, read: (p: unknown, what: string) => T): T[] {
  return array(v, MAX_PAPERS, 'papers').map((p, i) => read(p, `papers[${i}]`));
}

const FIELDS: Record<MessageType, readonly string[]> = {
  recordPage: ['page', 'visit', 'papers'],
  lookup: ['papers', 'visit'],
  setStar: ['id', 'starred'],
  setTags: ['id', 'tags'],
  setNote: ['id', 'note'],
  deletePaper: ['id'],
  getPaper: ['id', 'sightings'],
  savePage: ['page'],
  starPage: ['page', 'starred'],
};

function isType(t: unknown): t is MessageType {
  return typeof t === 'string' && Object.prototype.hasOwnProperty.call(FIELDS, t);
}

function parse(o: Obj, type: MessageType): AnyRequest {
  onlyKeys(o, ['type', ...FIELDS[type]], type);
  switch (type) {
    case 'recordPage':
      return { type, page: page(o.page), visit: visit(o.visit), papers: papers(o.papers, paper) };
    case 'lookup': {
      const v = optional(o, 'visit', visit);
      const list = papers(o.papers, lookupPaper);
      return v === undefined ? { type, papers: list } : { type, papers: list, visit: v };
    }
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
