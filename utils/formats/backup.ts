/**
 * Paperdex's own backup: every paper, sighting and setting as JSON, restorable on another machine.
 * Lossless by construction (the stored rows themselves); the reader trusts nothing: a backup file
 * may have been edited or forged, and its rows go straight into IndexedDB. Every field is checked
 * for type and bounds, unknown fields are refused, and the first problem is named precisely. The
 * bounds are those the library itself keeps, no tighter: a backup Paperdex made always restores.
 */
import { LIMITS } from '../paper';
import { USER_LIMITS } from '../protocol';
import { isCanonicalId } from '../protocol-validate';
import { normalizeHost, type Settings } from '../settings';
import type { PaperState, Sighting, SightingHow, StoredPaper } from '../library/db';
import { FORMAT_LABEL, checkText, isPlainObject, parseJson } from './common';
import { FILE_LIMITS, ImportError } from './types';

export const BACKUP_FORMAT = 'paperdex-backup';
export const BACKUP_VERSION = 1;

export interface BackupData {
  papers: StoredPaper[];
  sightings: Sighting[];
  settings: Settings;
}

export interface Backup extends BackupData {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** ISO time of the export. */
  exportedAt: string;
}

/** The backup file's text. Rows are written as stored, so restoring gives them back unchanged. */
export function toBackup(data: BackupData, now: Date = new Date()): string {
  const backup: Backup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    papers: data.papers,
    sightings: data.sightings,
    settings: data.settings,
  };
  return JSON.stringify(backup);
}

// ---------------------------------------------------------------------------------------------
// Validation

/** Bounds of what the library itself never exceeds; a backup beyond them was not made by Paperdex. */
const BACKUP_LIMITS = {
  ids: 500,
  sources: 200,
  source: 64,
  words: 50_000,
  word: 20_000,
  possible: 1000,
  visit: 64,
  site: 64,
  /** Latest plausible epoch millisecond: year 2200. */
  time: 7_258_118_400_000,
} as const;

function fail(at: string, msg: string): never {
  throw new ImportError(`This backup cannot be restored: ${at} ${msg}.`);
}

type Check = (v: unknown, at: string) => void;
interface Spec {
  optional?: true;
  check: Check;
}

/** For messages: never echo a long or multi-line value back. */
function show(v: unknown): string {
  const s = typeof v === 'string' ? JSON.stringify(v.slice(0, 60)) : String(v);
  return s.length > 70 ? s.slice(0, 70) + '…' : s;
}

function string(max: number, extra?: (s: string, at: string) => void): Check {
  return (v, at) => {
    if (typeof v !== 'string')
      fail(
        at,
        `is ${typeof v === 'object' ? (v === null ? 'null' : 'an object') : `a ${typeof v}`}, not text`,
      );
    if (v.length > max) fail(at, `is longer than ${max} characters`);
    extra?.(v, at);
  };
}

function nonEmpty(s: string, at: string): void {
  if (s.trim() === '') fail(at, 'is empty');
}

function integer(min: number, max: number): Check {
  return (v, at) => {
    if (typeof v !== 'number' || !Number.isInteger(v))
      fail(at, `is ${show(v)}, not a whole number`);
    if (v < min || v > max) fail(at, `is ${v}, outside ${min}..${max}`);
  };
}

const time: Check = integer(0, BACKUP_LIMITS.time);

function oneOf(values: readonly unknown[]): Check {
  return (v, at) => {
    if (!values.includes(v))
      fail(at, `is ${show(v)}, not one of ${values.map((x) => JSON.stringify(x)).join(', ')}`);
  };
}

function array(max: number, item: Check, unique = false): Check {
  return (v, at) => {
    if (!Array.isArray(v)) fail(at, 'is not a list');
    if (v.length > max) fail(at, `has ${v.length} items, more than ${max}`);
    const seen = unique ? new Set<unknown>() : null;
    v.forEach((x, i) => {
      item(x, `${at}[${i}]`);
      if (seen) {
        if (seen.has(x)) fail(`${at}[${i}]`, `repeats ${show(x)}`);
        seen.add(x);
      }
    });
  };
}

const canonicalId: Check = string(LIMITS.id, (s, at) => {
  if (!isCanonicalId(s))
    fail(at, `is ${show(s)}, not an id in Paperdex's scheme (arxiv:…, doi:…, title:…)`);
});

function httpUrl(allowEmpty: boolean): Check {
  return string(LIMITS.url, (s, at) => {
    if (allowEmpty && s === '') return;
    let u: URL;
    try {
      u = new URL(s);
    } catch {
      fail(at, `is ${show(s)}, not a URL`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:')
      fail(at, `is ${show(s)}, not an http(s) URL`);
  });
}

const boolean: Check = (v, at) => {
  if (typeof v !== 'boolean') fail(at, `is ${show(v)}, not true or false`);
};

const STATES: readonly PaperState[] = ['seen', 'opened'];
const HOWS: readonly SightingHow[] = ['listed', 'opened'];

/** Every field of a stored paper: adding one to StoredPaper without a rule here fails to compile. */
const PAPER: { [K in keyof Required<StoredPaper>]: Spec } = {
  id: { check: canonicalId },
  ids: { check: array(BACKUP_LIMITS.ids, canonicalId, true) },
  // NFKD may lengthen a title (ligatures, precomposed letters) before it is normalized.
  titleKey: { check: string(LIMITS.title * 4) },
  title: { check: string(LIMITS.title) },
  authors: { check: array(LIMITS.authors, string(LIMITS.author)) },
  year: { optional: true, check: integer(0, 3000) },
  venue: { optional: true, check: string(LIMITS.venue) },
  abstract: { optional: true, check: string(LIMITS.abstract) },
  url: { optional: true, check: httpUrl(false) },
  pdfUrl: { optional: true, check: httpUrl(false) },
  sources: {
    check: array(BACKUP_LIMITS.sources, string(BACKUP_LIMITS.source, nonEmpty)),
  },
  state: { check: oneOf(STATES) },
  starred: { check: oneOf([0, 1]) },
  tags: {
    check: array(USER_LIMITS.tags, string(USER_LIMITS.tag, nonEmpty)),
  },
  note: { check: string(USER_LIMITS.note) },
  firstSeen: { check: time },
  lastSeen: { check: time },
  seenCount: { check: integer(0, 1e9) },
  firstSite: { check: string(BACKUP_LIMITS.site) },
  firstPageUrl: { check: httpUrl(true) },
  firstVisit: { check: string(BACKUP_LIMITS.visit) },
  words: { check: array(BACKUP_LIMITS.words, string(BACKUP_LIMITS.word)) },
  possible: { check: array(BACKUP_LIMITS.possible, canonicalId) },
};

const SIGHTING: { [K in keyof Required<Sighting>]: Spec } = {
  seq: { optional: true, check: integer(1, Number.MAX_SAFE_INTEGER) },
  paperId: { check: canonicalId },
  pageUrl: { check: httpUrl(true) },
  site: { check: string(BACKUP_LIMITS.site) },
  pageTitle: { check: string(LIMITS.title) },
  time: { check: time },
  how: { check: oneOf(HOWS) },
  visit: { check: string(BACKUP_LIMITS.visit) },
};

const SETTINGS: { [K in keyof Required<Settings>]: Spec } = {
  highlight: { check: boolean },
  disabledSites: {
    check: array(
      1000,
      string(253, (s, at) => {
        if (normalizeHost(s) !== s) fail(at, `is ${show(s)}, not a host name such as example.org`);
      }),
      true,
    ),
  },
  paused: { check: boolean },
  incognito: { check: boolean },
};

function record(v: unknown, specs: Record<string, Spec>, at: string): Record<string, unknown> {
  if (!isPlainObject(v)) fail(at, 'is not an object');
  for (const k of Object.keys(v)) {
    if (!Object.prototype.hasOwnProperty.call(specs, k))
      fail(at, `has an unknown field ${show(k)}`);
  }
  for (const [k, spec] of Object.entries(specs)) {
    const x = v[k];
    if (x === undefined) {
      if (!spec.optional) fail(at, `lacks the field "${k}"`);
      continue;
    }
    spec.check(x, `${at}.${k}`);
  }
  return v;
}

/** `paper 12 (arxiv:1706.03762)`: the position a user can find and the id they recognize. */
function paperName(i: number, v: unknown): string {
  const id = isPlainObject(v) && typeof v.id === 'string' ? ` (${show(v.id).slice(1, -1)})` : '';
  return `paper ${i + 1}${id}`;
}

/**
 * Reads a backup made by toBackup. Returns it exactly as written, or throws an ImportError naming
 * the entry and field that is wrong; nothing is repaired silently, so a restore is all or nothing.
 */
export function parseBackup(text: string): Backup {
  const label = FORMAT_LABEL.backup;
  const data = parseJson(checkText(text, label, FILE_LIMITS.backupChars), label);
  if (!isPlainObject(data) || data.format !== BACKUP_FORMAT) {
    throw new ImportError('This is not a Paperdex backup: it lacks "format": "paperdex-backup".');
  }
  const version = data.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    fail('its "version"', `is ${show(version)}, not a backup version`);
  }
  if (version > BACKUP_VERSION) {
    throw new ImportError(
      `This backup was made by a newer Paperdex (backup version ${version}; this one reads version ${BACKUP_VERSION}). Update Paperdex, then restore it.`,
    );
  }
  for (const k of Object.keys(data)) {
    if (!['format', 'version', 'exportedAt', 'papers', 'sightings', 'settings'].includes(k)) {
      fail('the file', `has an unknown field ${show(k)}`);
    }
  }
  string(40, (s, at) => {
    if (!Number.isFinite(Date.parse(s))) fail(at, `is ${show(s)}, not a date`);
  })(data.exportedAt, '"exportedAt"');

  const papers = data.papers;
  if (!Array.isArray(papers)) fail('"papers"', 'is not a list');
  if (papers.length > FILE_LIMITS.entries)
    fail('"papers"', `has ${papers.length} papers, more than ${FILE_LIMITS.entries}`);
  const owner = new Map<string, number>();
  const primary = new Set<string>();
  papers.forEach((p, i) => {
    const name = paperName(i, p);
    const r = record(p, PAPER, name);
    const id = r.id as string;
    const ids = r.ids as string[];
    if (!ids.includes(id)) fail(name, `does not list its own id in "ids"`);
    if (primary.has(id)) fail(name, `repeats the id of paper ${owner.get(id)! + 1}`);
    primary.add(id);
    // Each id names one paper: two rows claiming one id would make lookups ambiguous.
    for (const x of ids) {
      const o = owner.get(x);
      if (o !== undefined && o !== i)
        fail(name, `claims the id ${show(x)} that paper ${o + 1} has`);
      owner.set(x, i);
    }
  });

  const sightings = data.sightings;
  if (!Array.isArray(sightings)) fail('"sightings"', 'is not a list');
  if (sightings.length > FILE_LIMITS.sightings) {
    fail('"sightings"', `has ${sightings.length} sightings, more than ${FILE_LIMITS.sightings}`);
  }
  const seqs = new Set<number>();
  sightings.forEach((s, i) => {
    const name = `sighting ${i + 1}`;
    const r = record(s, SIGHTING, name);
    if (!owner.has(r.paperId as string))
      fail(name, `belongs to ${show(r.paperId)}, which no paper in the backup has`);
    if (r.seq !== undefined) {
      if (seqs.has(r.seq as number)) fail(name, `repeats the sequence number ${r.seq as number}`);
      seqs.add(r.seq as number);
    }
  });

  record(data.settings, SETTINGS, 'the settings');
  return data as unknown as Backup;
}
