/**
 * BibTeX out: Zotero-like entries and cite keys. Apart from the importer (bibtex.ts), which brings
 * a parser with it, so that the popup's copy menu writes the very entries the library exports
 * without loading that parser.
 */
import { LIMITS } from '../paper';
import { citeKeys, cleanLine, exportUrl, paperIds, splitName, venueKind } from './common';
import type { ExportPaper } from './types';

/**
 * Text inside a braced BibTeX value. Unicode is kept as is (a UTF-8 .bib works with biber and with
 * BibTeX under inputenc, and round-trips exactly); TeX's special characters are escaped so that a
 * title with `%`, `&` or `}` stays a title and cannot close the field early. `--` and quote pairs
 * are split so TeX does not turn them into dashes and curly quotes.
 */
export function texEscape(s: string): string {
  return s
    .replace(/[\\{}%&$#_~^<>]/g, (c) => TEX_SPECIAL[c] ?? c)
    .replace(/-(?=-)/g, '-{}')
    .replace(/([`'!?])(?=[`'])/g, '$1{}');
}

const TEX_SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '%': '\\%',
  '&': '\\&',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  // In TeX's default font encoding a bare < prints as ¡, and parsers read it so.
  '<': '\\textless{}',
  '>': '\\textgreater{}',
};

/** One line of text, escaped, with words like BERT or ImageNet braced so styles keep their case. */
function protectCase(s: string): string {
  return s
    .split(/(\s+)/)
    .map((w) => (/\p{L}.*\p{Lu}/u.test(w) ? `{${texEscape(w)}}` : texEscape(w)))
    .join('');
}

/** Multi-line text: blank lines stay paragraphs, single line breaks become `\\`. */
function texParagraphs(s: string): string {
  return s
    .split(/\n{2,}/)
    .map((para) => para.split('\n').map(texEscape).join(' \\\\\n'))
    .join('\n\n');
}

/** Braces around a name part holding " and ", which would otherwise split the author list. */
function guardAnd(s: string): string {
  return /\sand\s/i.test(s) ? `{${s}}` : s;
}

function bibName(author: string): string | null {
  const n = splitName(author);
  if (!n) return null;
  if (n.literal) return `{${texEscape(n.literal)}}`;
  const family = guardAnd(texEscape(n.family ?? ''));
  const given = n.given ? guardAnd(texEscape(n.given)) : '';
  if (n.suffix) return `${family}, ${texEscape(n.suffix)}, ${given}`;
  return given ? `${family}, ${given}` : family;
}

/** Verbatim fields (url, doi) are not TeX: only characters that unbalance braces are encoded. */
function verbatim(s: string): string {
  return s.replace(/[{}\\\s]/g, (c) => encodeURIComponent(c));
}

/** Old-style arXiv ids carry their archive (`hep-th/9901001`); new-style ids do not say. */
function primaryClass(arxiv: string): string | undefined {
  const i = arxiv.indexOf('/');
  return i > 0 ? arxiv.slice(0, i) : undefined;
}

function entryType(p: ExportPaper): { type: string; venueField?: string } {
  switch (venueKind(p.venue)) {
    case 'journal':
      return { type: 'article', venueField: 'journal' };
    case 'proceedings':
      return { type: 'inproceedings', venueField: 'booktitle' };
    default:
      return { type: 'misc' };
  }
}

/** One BibTeX entry; `key` comes from citeKeys so that keys are unique across the export. */
export function bibtexEntry(p: ExportPaper, key: string): string {
  const ids = paperIds(p);
  const { type, venueField } = entryType(p);
  const fields: Array<[string, string | undefined]> = [];
  fields.push(['title', p.title ? protectCase(cleanLine(p.title, LIMITS.title)) : undefined]);
  const names = p.authors.map(bibName).filter((n): n is string => !!n);
  fields.push(['author', names.length ? names.join(' and ') : undefined]);
  fields.push(['year', p.year !== undefined ? String(p.year) : undefined]);
  if (venueField && p.venue) fields.push([venueField, texEscape(cleanLine(p.venue, LIMITS.venue))]);
  const doi = ids.doi ?? ids.arxivDoi;
  fields.push(['doi', doi ? verbatim(doi) : undefined]);
  const url = exportUrl(p);
  fields.push(['url', url ? verbatim(url) : undefined]);
  if (ids.arxiv) {
    fields.push(['eprint', ids.arxiv]);
    fields.push(['archivePrefix', 'arXiv']);
    fields.push(['primaryClass', primaryClass(ids.arxiv)]);
  }
  fields.push(['pmid', ids.pmid]);
  fields.push(['pmcid', ids.pmcid]);
  fields.push(['abstract', p.abstract ? texParagraphs(p.abstract) : undefined]);
  // Keywords are comma-separated: a comma inside a tag would split it.
  const tags = p.tags
    .map((t) => t.replace(/[,;]/g, ' ').replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  fields.push(['keywords', tags.length ? tags.map(texEscape).join(', ') : undefined]);
  // Zotero writes notes to `annote`: styles do not print it, Zotero and JabRef read it back.
  fields.push(['annote', p.note ? texParagraphs(p.note) : undefined]);
  const body = fields
    .filter((f): f is [string, string] => f[1] !== undefined && f[1] !== '')
    .map(([k, v]) => `\t${k} = {${v}},`)
    .join('\n');
  return `@${type}{${key},\n${body}\n}\n`;
}

/** A .bib file of the papers, in order, with unique Zotero-like cite keys. */
export function toBibtex(papers: readonly ExportPaper[]): string {
  const keys = citeKeys(papers);
  return papers.map((p, i) => bibtexEntry(p, keys[i]!)).join('\n');
}
