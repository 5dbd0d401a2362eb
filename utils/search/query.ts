/**
 * The search box language. Free words are prefix-matched (so results follow every keystroke);
 * `"quoted phrases"` must appear as consecutive words; field filters narrow the set:
 *
 *   author:lecun  author:"van der"  year:2024  year:2023..2025  year:2020..  year:..2019
 *   tag:toread  site:arxiv  is:starred  is:unstarred  is:opened  is:seen
 *   arxiv:2106.09608  doi:10.1000/x  (any id kind of the identity scheme)
 *
 * Parsing never throws: junk such as `year:soon` or an unclosed quote is kept as a problem for the
 * UI to show, and the rest of the query still runs. Unknown `key:value` pairs are free text, so a
 * pasted "Transformers: a survey" still finds the paper.
 */
import { canonicalId, ID_PRIORITY } from '../identity';
import { tokenize } from './tokenize';

export interface ParsedQuery {
  /** Free tokens, each a prefix of some word of the paper. */
  words: string[];
  /** Quoted phrases as token lists: the tokens appear consecutively (the last one as a prefix). */
  phrases: string[][];
  /** `author:` terms, each a token list matched inside one author's name. */
  authors: string[][];
  yearMin?: number;
  yearMax?: number;
  /** `tag:` values, lower case, prefix-matched against the paper's tags. */
  tags: string[];
  /** `site:` values, lower case, matched against the adapter ids the paper was met on. */
  sites: string[];
  /** Canonical ids from `arxiv:…`, `doi:…`, …: the paper must carry one of them. */
  ids: string[];
  starred?: boolean;
  /** `opened` = the paper's own page was visited; `seen` = only listed so far. */
  state?: 'seen' | 'opened';
  /** Human-readable notes about the parts that were ignored. */
  problems: string[];
}

const MIN_YEAR = 1000;
const MAX_YEAR = 2999;
/** Bounds a pasted essay: nobody searches with more terms than this. */
const MAX_TERMS = 32;

/** Short names people type for sites whose adapter id is long. */
export const SITE_ALIASES: Readonly<Record<string, string>> = {
  hf: 'huggingface-papers',
  huggingface: 'huggingface-papers',
  scholar: 'google-scholar',
  gs: 'google-scholar',
  s2: 'semantic-scholar',
  acl: 'acl-anthology',
};

export function emptyQuery(): ParsedQuery {
  return { words: [], phrases: [], authors: [], tags: [], sites: [], ids: [], problems: [] };
}

/** True when the query constrains nothing (the default, most-recent view). */
export function isEmptyQuery(q: ParsedQuery): boolean {
  return (
    q.words.length === 0 &&
    q.phrases.length === 0 &&
    q.authors.length === 0 &&
    q.yearMin === undefined &&
    q.yearMax === undefined &&
    q.tags.length === 0 &&
    q.sites.length === 0 &&
    q.ids.length === 0 &&
    q.starred === undefined &&
    q.state === undefined
  );
}

interface Term {
  key?: string;
  value: string;
  quoted: boolean;
}

/** Splits on white space, keeping `"…"` together, also after `key:`. */
function splitTerms(input: string, problems: string[]): Term[] {
  const terms: Term[] = [];
  // After `key:` the value may be empty (`author:` while typing); a bare term may not.
  const re = /(?:([\p{L}\p{N}_-]+):(?:"([^"]*)("?)|(\S*)))|"([^"]*)("?)|(\S+)/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(input)) !== null) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    const key = m[1]?.toLowerCase();
    const quoted = m[2] ?? m[5];
    if (quoted !== undefined) {
      if ((m[3] ?? m[6]) !== '"') problems.push('Unclosed quote: searched as if it were closed.');
      terms.push({ key, value: quoted, quoted: true });
    } else {
      terms.push({ key, value: m[4] ?? m[7] ?? '', quoted: false });
    }
  }
  return terms;
}

function parseYear(s: string): number | null | undefined {
  if (s === '') return undefined;
  if (!/^\d{4}$/.test(s)) return null;
  const y = Number(s);
  return y >= MIN_YEAR && y <= MAX_YEAR ? y : null;
}

export function parseQuery(input: string): ParsedQuery {
  const q = emptyQuery();
  const terms = splitTerms(input.slice(0, 2000), q.problems);
  if (terms.length > MAX_TERMS) {
    q.problems.push(`Only the first ${MAX_TERMS} terms are used.`);
    terms.length = MAX_TERMS;
  }
  const idKinds = ID_PRIORITY as readonly string[];

  for (const t of terms) {
    const value = t.value.trim();
    switch (t.key) {
      case 'author':
      case 'authors':
      case 'by': {
        const toks = tokenize(value);
        if (toks.length) q.authors.push(toks);
        else q.problems.push(`Empty ${t.key}: filter ignored.`);
        continue;
      }
      case 'year': {
        const m = /^(\d*)(\.\.|-)(\d*)$/.exec(value);
        const lo = m ? parseYear(m[1]!) : parseYear(value);
        const hi = m ? parseYear(m[3]!) : lo;
        if (lo === null || hi === null || (lo === undefined && hi === undefined)) {
          q.problems.push(`"year:${value}" is not a year or a range like 2023..2025: ignored.`);
          continue;
        }
        const [a, b] = lo !== undefined && hi !== undefined && lo > hi ? [hi, lo] : [lo, hi];
        // Several year filters intersect, like every other filter.
        if (a !== undefined) q.yearMin = Math.max(q.yearMin ?? a, a);
        if (b !== undefined) q.yearMax = Math.min(q.yearMax ?? b, b);
        continue;
      }
      case 'tag':
      case 'tags': {
        const v = value.toLowerCase();
        if (v) q.tags.push(v);
        else q.problems.push('Empty tag: filter ignored.');
        continue;
      }
      case 'site':
      case 'source': {
        const v = value.toLowerCase();
        if (v) q.sites.push(SITE_ALIASES[v] ?? v);
        else q.problems.push('Empty site: filter ignored.');
        continue;
      }
      case 'is': {
        switch (value.toLowerCase()) {
          case 'starred':
          case 'star':
            q.starred = true;
            break;
          case 'unstarred':
            q.starred = false;
            break;
          case 'opened':
          case 'read':
            q.state = 'opened';
            break;
          case 'seen':
          case 'unopened':
            q.state = 'seen';
            break;
          default:
            q.problems.push(
              `"is:${value}" is unknown (try is:starred, is:opened, is:seen): ignored.`,
            );
        }
        continue;
      }
      default:
        break;
    }
    if (t.key && idKinds.includes(t.key) && t.key !== 'title') {
      const id = canonicalId(`${t.key}:${value}`);
      if (id) {
        q.ids.push(id);
        continue;
      }
    }
    // Free text (including unknown `key:value`, whose key is part of the text).
    const text = t.key ? `${t.key} ${value}` : value;
    const toks = tokenize(text);
    if (t.quoted && toks.length > 1) q.phrases.push(toks);
    else q.words.push(...toks);
  }
  q.words = [...new Set(q.words)].slice(0, MAX_TERMS);
  return q;
}
