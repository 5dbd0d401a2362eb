/**
 * Small citation strings for a row's copy menu and the library's export: one BibTeX entry, a
 * Markdown link, the id. Full exporters (CSL-JSON, RIS, …) are a separate concern.
 */
import type { StoredPaper } from '../library/db';

export type CitablePaper = Pick<
  StoredPaper,
  'id' | 'ids' | 'title' | 'authors' | 'year' | 'venue' | 'url'
>;

const ARXIV_ABS = 'https://arxiv.org/abs/';

function idValue(p: CitablePaper, kind: string): string | undefined {
  const hit = [p.id, ...p.ids].find((i) => i.startsWith(kind + ':'));
  return hit?.slice(kind.length + 1);
}

/** Percent-encodes the characters that would end a Markdown or BibTeX URL early. */
function encodeChars(url: string, chars: RegExp): string {
  return url.replace(
    chars,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'),
  );
}

function httpOnly(url: string | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

/** BibTeX text inside braces: escapes TeX's specials so a title with `%` or `&` stays a title. */
export function bibEscape(s: string): string {
  // One pass, so the braces this adds are never escaped again.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f]+|[\\{}&%$#_^~]/g, (c) => {
    if (c === '\\') return '\\textbackslash{}';
    if (c === '^') return '\\^{}';
    if (c === '~') return '\\~{}';
    if (c.length > 1 || c < ' ') return ' ';
    return '\\' + c;
  });
}

function lastName(author: string): string {
  const a = author.trim();
  if (a.includes(',')) return a.slice(0, a.indexOf(',')).trim();
  const parts = a.split(/\s+/);
  return parts[parts.length - 1] ?? '';
}

/** ASCII letters and digits only: citation keys travel through every TeX toolchain. */
function keyPart(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();
}

const STOP = new Set(['a', 'an', 'the', 'on', 'of', 'in', 'for', 'to', 'and', 'with', 'towards']);

/** `vaswani2017attention`: last name, year, first significant title word. */
export function citeKey(p: CitablePaper): string {
  const first = p.authors[0] ? keyPart(lastName(p.authors[0])) : '';
  const word =
    p.title
      .split(/\s+/)
      .map(keyPart)
      .find((w) => w && !STOP.has(w)) ?? '';
  const key = `${first}${p.year ?? ''}${word}`;
  return key || keyPart(p.id) || 'paper';
}

export function bibtex(p: CitablePaper): string {
  const arxiv = idValue(p, 'arxiv');
  const doi = idValue(p, 'doi');
  const url = httpOnly(p.url) ?? (arxiv ? ARXIV_ABS + arxiv : undefined);
  const type = p.venue ? 'inproceedings' : arxiv ? 'misc' : 'article';
  const fields: Array<[string, string | undefined]> = [
    // Double braces keep capitalization (BERT, GANs) in every style.
    ['title', `{${bibEscape(p.title)}}`],
    ['author', p.authors.length ? p.authors.map(bibEscape).join(' and ') : undefined],
    ['year', p.year !== undefined ? String(p.year) : undefined],
    [type === 'inproceedings' ? 'booktitle' : 'journal', p.venue ? bibEscape(p.venue) : undefined],
    ['doi', doi ? bibEscape(doi) : undefined],
    ['eprint', arxiv],
    ['archiveprefix', arxiv ? 'arXiv' : undefined],
    ['url', url ? encodeChars(url, /[{}\s\\]/g) : undefined],
  ];
  const body = fields
    .filter((f): f is [string, string] => f[1] !== undefined)
    .map(([k, v]) => `  ${k} = {${v}}`)
    .join(',\n');
  return `@${type}{${citeKey(p)},\n${body}\n}`;
}

/** Several entries with unique keys (a, b, … suffixes), for the library's export. */
export function bibtexAll(papers: readonly CitablePaper[]): string {
  const used = new Map<string, number>();
  return papers
    .map((p) => {
      const entry = bibtex(p);
      const key = citeKey(p);
      const n = used.get(key) ?? 0;
      used.set(key, n + 1);
      if (n === 0) return entry;
      return entry.replace(
        `{${key},`,
        `{${key}${String.fromCharCode(97 + ((n - 1) % 26))}${n > 26 ? n : ''},`,
      );
    })
    .join('\n\n');
}

/** `[Title](url)`, with the title's brackets escaped; the bare title when there is no http(s) URL. */
export function markdownLink(p: CitablePaper, url?: string): string {
  const title = p.title
    .replace(/[\\[\]]/g, '\\$&')
    .replace(/\s+/g, ' ')
    .trim();
  const href = httpOnly(url ?? p.url);
  if (!href) return title;
  return `[${title}](${encodeChars(href, /[()\s]/g)})`;
}

export function idText(p: Pick<StoredPaper, 'id'>): string {
  return p.id;
}
