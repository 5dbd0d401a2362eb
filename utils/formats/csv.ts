/**
 * CSV: one row per paper, Zotero's column order where a column applies (so a spreadsheet or a
 * script written for Zotero's CSV reads ours), then Paperdex's own columns.
 */
import type { StoredPaper } from '../library/db';
import { citeKeys, exportUrl, isArxivVenue, paperIds, splitName, venueKind } from './common';

export type CsvPaper = Pick<
  StoredPaper,
  | 'id'
  | 'ids'
  | 'title'
  | 'authors'
  | 'year'
  | 'venue'
  | 'abstract'
  | 'url'
  | 'pdfUrl'
  | 'tags'
  | 'note'
  | 'starred'
  | 'seenCount'
  | 'firstSeen'
  | 'lastSeen'
>;

export const CSV_COLUMNS = [
  'Key',
  'Item Type',
  'Publication Year',
  'Author',
  'Title',
  'Publication Title',
  'ISBN',
  'ISSN',
  'DOI',
  'Url',
  'Abstract Note',
  'Date',
  'Date Added',
  'Date Modified',
  'Extra',
  'Manual Tags',
  'Paperdex Id',
  'Aliases',
  'PDF Url',
  'Starred',
  'Tags',
  'Note',
  'Seen Count',
  'First Seen',
  'Last Seen',
] as const;

/**
 * A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or carriage return
 * before one) gets a leading apostrophe, OWASP's advice: a paper title is data, never a command.
 */
export function neutralize(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
export function csvCell(v: string | number | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return String(v);
  const s = neutralize(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function zoteroType(p: CsvPaper): string {
  switch (venueKind(p.venue)) {
    case 'journal':
      return 'journalArticle';
    case 'proceedings':
      return 'conferencePaper';
    default:
      return 'preprint';
  }
}

/** Zotero's author cell: "Family, Given; Family, Given". */
function authorCell(authors: readonly string[]): string {
  return authors
    .map((a) => {
      const n = splitName(a);
      if (!n) return '';
      if (n.literal) return n.literal;
      return n.given
        ? `${n.family}, ${n.given}${n.suffix ? `, ${n.suffix}` : ''}`
        : (n.family ?? '');
    })
    .filter(Boolean)
    .join('; ');
}

/** ISO time, empty for a time no Date can hold (toISOString would throw). */
function iso(t: number): string {
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

/** Zotero writes dates as "2024-01-10 12:00:00" (UTC). */
function zoteroDate(t: number): string {
  return iso(t)
    .replace('T', ' ')
    .replace(/\.\d+Z$/, '');
}

/** A CSV file with a header row; CRLF line ends and a byte-order mark so Excel reads UTF-8. */
export function toCsv(papers: readonly CsvPaper[], options: { bom?: boolean } = {}): string {
  const keys = citeKeys(papers);
  const rows: string[] = [CSV_COLUMNS.map(csvCell).join(',')];
  papers.forEach((p, i) => {
    const ids = paperIds(p);
    const extra = ids.arxiv ? `arXiv: ${ids.arxiv}` : '';
    const cells: Record<(typeof CSV_COLUMNS)[number], string | number | undefined> = {
      Key: keys[i],
      'Item Type': zoteroType(p),
      'Publication Year': p.year,
      Author: authorCell(p.authors),
      Title: p.title,
      'Publication Title': isArxivVenue(p.venue) ? '' : p.venue,
      ISBN: '',
      ISSN: '',
      DOI: ids.doi ?? ids.arxivDoi,
      Url: exportUrl(p),
      'Abstract Note': p.abstract,
      Date: p.year !== undefined ? String(p.year) : '',
      'Date Added': zoteroDate(p.firstSeen),
      'Date Modified': zoteroDate(p.lastSeen),
      Extra: extra,
      'Manual Tags': p.tags.join('; '),
      'Paperdex Id': p.id,
      Aliases: p.ids.filter((x) => x !== p.id).join('; '),
      'PDF Url': p.pdfUrl,
      Starred: p.starred ? 'yes' : 'no',
      Tags: p.tags.join('; '),
      Note: p.note,
      'Seen Count': p.seenCount,
      'First Seen': iso(p.firstSeen),
      'Last Seen': iso(p.lastSeen),
    };
    rows.push(CSV_COLUMNS.map((c) => csvCell(cells[c])).join(','));
  });
  return (options.bom === false ? '' : '\uFEFF') + rows.join('\r\n') + '\r\n';
}
