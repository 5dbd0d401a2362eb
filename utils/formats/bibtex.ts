/**
 * BibTeX in, through @retorquere/bibtex-parser, the parser behind Better BibTeX's imports, which
 * decodes LaTeX accents and commands to Unicode. The writer is bibtex-out.ts.
 */
import {
  type Creator,
  type Entry,
  type Library,
  parse,
  parseAsync,
} from '@retorquere/bibtex-parser';
import { LIMITS } from '../paper';
import { USER_LIMITS } from '../protocol';
import {
  Collector,
  FORMAT_LABEL,
  arxivIdsInText,
  checkEntryCount,
  checkText,
  cleanLine,
  cleanText,
  doiId,
  isArxivVenue,
  joinName,
  lineAt,
  pubmedIdsInText,
  safeUrl,
  yearOf,
} from './common';
import { FILE_LIMITS, ImportError, type ImportResult } from './types';

export { bibtexEntry, texEscape, toBibtex } from './bibtex-out';

// ---------------------------------------------------------------------------------------------
// Import

// The parser follows TeX and prints a bare `<` as `¡`; hostile or literal angle brackets in a
// title must stay plain text, so they travel through the parser as private-use placeholders.
const LT = '\uE000';
const GT = '\uE001';

/** Exactly the markup the parser emits for \emph, \textbf, \url, paragraphs and the like. */
const PARSER_MARKUP =
  /<(\/?)(?:i|b|br|p|li|ul|ol|code|sup|sub|blockquote|h[1-6]|a|span)(?:\s+(?:href|class|style)="[^"]*")*\s*\/?>/g;

function stripMarkup(s: string, multiline: boolean): string {
  const t = s.replace(PARSER_MARKUP, (m, close: string) => {
    if (!multiline) return /^<\/?(?:p|br|li)\b/.test(m) ? ' ' : '';
    if (/^<br\b/.test(m)) return '\n';
    if (/^<p\b/.test(m) && !close) return '\n\n';
    if (/^<li\b/.test(m) && !close) return '\n';
    return '';
  });
  return restore(t);
}

/** Puts the angle brackets the input had back in place. */
function restore(s: string): string {
  return s.replace(/\uE000/g, '<').replace(/\uE001/g, '>');
}

function field(e: Entry, name: string): string | undefined {
  const v = (e.fields as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : undefined;
}

function listField(e: Entry, name: string): string[] {
  const v = (e.fields as Record<string, unknown>)[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? v.split(/[,;]/) : [];
}

function line(e: Entry, name: string, max: number): string {
  const v = field(e, name);
  return v ? cleanLine(stripMarkup(v, false), max) : '';
}

function creators(e: Entry): string[] {
  const v = (e.fields as Record<string, unknown>).author;
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const c of v as Creator[]) {
    const n = joinName({
      literal: c.name && stripMarkup(c.name, false),
      given: c.firstName && stripMarkup(c.firstName, false),
      particle: c.prefix && stripMarkup(c.prefix, false),
      family: c.lastName && stripMarkup(c.lastName, false),
      suffix: c.suffix && stripMarkup(c.suffix, false),
    });
    if (n) out.push(n);
    if (out.length >= LIMITS.authors) break;
  }
  return out;
}

/** http(s) links in a field, including those the parser turned into <a href="…">. */
function linksIn(s: string | undefined): string[] {
  if (!s) return [];
  const out: string[] = [];
  for (const m of s.matchAll(/https?:\/\/[^\s"<>{}\uE000\uE001]+/g)) out.push(m[0]);
  return out;
}

const PARSE_OPTIONS = {
  // Titles stay as written: no sentence-casing, no case-protection markup.
  english: false,
  sentenceCase: false,
  caseProtection: false,
  // An unknown command keeps its argument text instead of failing the whole file.
  unsupported: 'ignore',
} as const;

function prepare(text: string): string {
  const t = checkText(text, FORMAT_LABEL.bibtex);
  // Counted before parsing: the parser takes about a millisecond per entry.
  let entries = 0;
  for (const _ of t.matchAll(/@\s*[A-Za-z]+\s*[{(]/g)) if (++entries > FILE_LIMITS.entries) break;
  if (entries === 0) {
    throw new ImportError(
      'This does not look like a BibTeX file: no entry such as "@article{…" was found.',
    );
  }
  checkEntryCount(entries, FORMAT_LABEL.bibtex);
  return t
    .replace(/[\uE000\uE001]/g, '')
    .replace(/</g, LT)
    .replace(/>/g, GT);
}

function parseFailure(e: unknown): ImportError {
  const msg = e instanceof Error ? e.message : String(e);
  return new ImportError(`The BibTeX file could not be parsed: ${msg.slice(0, 200)}`);
}

/** Reads a .bib file. Entries the parser could not read are reported and skipped. */
export function fromBibtex(text: string): ImportResult {
  const src = prepare(text);
  let lib: Library;
  try {
    lib = parse(src, PARSE_OPTIONS);
  } catch (e) {
    throw parseFailure(e);
  }
  return collect(src, lib);
}

/** The same, letting the event loop run between chunks so a page stays responsive on big files. */
export async function fromBibtexAsync(text: string): Promise<ImportResult> {
  const src = prepare(text);
  let lib: Library;
  try {
    lib = await parseAsync(src, PARSE_OPTIONS);
  } catch (e) {
    throw parseFailure(e);
  }
  return collect(src, lib);
}

function collect(src: string, lib: Library): ImportResult {
  checkEntryCount(lib.entries.length, FORMAT_LABEL.bibtex);
  const out = new Collector('bibtex');
  // The parser leaves `input` empty on entries it could not read; its errors with input name them,
  // in the same order.
  const failures = lib.errors.filter((er): er is { error: string; input: string } => !!er.input);
  let nextFailure = 0;
  let cursor = 0;
  const lineOf = (input: string): number | undefined => {
    const at = src.indexOf(input, cursor);
    if (at < 0) return undefined;
    cursor = at + input.length;
    return lineAt(src, at);
  };
  lib.entries.forEach((e, i) => {
    const key = cleanLine(restore(e.key), 200);
    if (!e.input) {
      const er = failures[nextFailure++];
      const at = { entry: i + 1, key, ...(er ? optionalLine(lineOf(er.input)) : {}) };
      out.skip(
        at,
        er
          ? `the BibTeX is broken there (${cleanLine(stripMarkup(er.error, false), 200)})`
          : 'the BibTeX is broken there',
      );
      return;
    }
    const at = { entry: i + 1, key, ...optionalLine(lineOf(e.input)) };
    out.add(rawOf(e), at);
  });
  for (const er of failures.slice(nextFailure)) {
    out.skip({ ...optionalLine(lineOf(er.input)) }, cleanLine(stripMarkup(er.error, false), 200));
  }
  return out.finish();
}

function optionalLine(line: number | undefined): { line?: number } {
  return line === undefined ? {} : { line };
}

function rawOf(e: Entry) {
  const eprint = field(e, 'eprint');
  const prefix = field(e, 'archiveprefix') ?? field(e, 'eprinttype') ?? '';
  const freeText = [
    'note',
    'extra',
    'journal',
    'journaltitle',
    'howpublished',
    'number',
    'annotation',
  ]
    .map((f) => field(e, f))
    .join('\n');
  const ids: Array<string | null> = [
    doiId(restore(field(e, 'doi') ?? '')),
    ...arxivIdsInText(freeText),
    ...pubmedIdsInText(`${field(e, 'note') ?? ''}\n${field(e, 'extra') ?? ''}`),
  ];
  // An eprint without a prefix is arXiv's by convention (arXiv's own BibTeX omits nothing, but
  // hand-written files often do); canonicalId rejects it if it is not an arXiv id.
  if (eprint && (!prefix || /arxiv/i.test(prefix))) ids.unshift(`arxiv:${eprint}`);
  for (const f of ['arxivid', 'arxiv']) {
    const v = field(e, f);
    if (v) ids.push(`arxiv:${v}`);
  }
  const pmid = field(e, 'pmid');
  if (pmid) ids.push(`pmid:${pmid.trim()}`);
  const pmcid = field(e, 'pmcid');
  if (pmcid) ids.push(`pmcid:${pmcid.trim()}`);

  const links = [...linksIn(field(e, 'howpublished')), ...linksIn(field(e, 'note'))];
  const urlField = field(e, 'url');
  const url = safeUrl(urlField && restore(urlField)) ?? links.map(safeUrl).find(Boolean);

  const hasArxiv = ids.some((i) => i?.startsWith('arxiv:'));
  let venue =
    line(e, 'journal', LIMITS.venue) ||
    line(e, 'journaltitle', LIMITS.venue) ||
    line(e, 'booktitle', LIMITS.venue);
  if (!venue && hasArxiv) venue = 'arXiv';
  else if (venue && hasArxiv && isArxivVenue(venue)) venue = 'arXiv';

  return {
    ids,
    links,
    title: line(e, 'title', LIMITS.title),
    authors: creators(e),
    year: yearOf(field(e, 'year')) ?? yearOf(field(e, 'date')),
    venue,
    abstract: cleanText(stripMarkup(field(e, 'abstract') ?? '', true), LIMITS.abstract),
    url,
    pdfUrl: safeUrl(restore(field(e, 'pdf') ?? '')),
    tags: listField(e, 'keywords').map((t) => stripMarkup(t, false)),
    note: cleanText(stripMarkup(field(e, 'annote') ?? '', true), USER_LIMITS.note),
  };
}
