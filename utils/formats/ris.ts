/**
 * RIS: tagged lines (`TY  - JOUR` … `ER  - `), what EndNote, Mendeley, publishers' "download
 * citation" buttons and Zotero all speak. One value per line, so values are written on one line.
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
  joinName,
  paperIds,
  pubmedIdsInText,
  safeUrl,
  splitName,
  venueKind,
  yearOf,
} from './common';
import { type ExportPaper, FILE_LIMITS, ImportError, type ImportResult } from './types';

// ---------------------------------------------------------------------------------------------
// Export

function risType(p: ExportPaper, arxiv: boolean): string {
  switch (venueKind(p.venue)) {
    case 'journal':
      return 'JOUR';
    case 'proceedings':
      // Zotero's export name for conference papers; it reads CPAPER too.
      return 'CONF';
    default:
      // A preprint is an unpublished work in RIS's vocabulary.
      return arxiv ? 'UNPB' : 'GEN';
  }
}

/** RIS names are "Family, Given, Suffix"; an unsplit name (an organization) is written whole. */
function risName(author: string): string | null {
  const n = splitName(author);
  if (!n) return null;
  if (n.literal) return n.literal;
  return [n.family, n.given ?? '', n.suffix]
    .filter((x) => x !== undefined)
    .join(', ')
    .replace(/, $/, '');
}

/** One value per line: a newline inside a value would start a forged tag line. */
function one(s: string): string {
  return cleanLine(s, 100_000);
}

export function toRis(papers: readonly ExportPaper[]): string {
  const keys = citeKeys(papers);
  const out: string[] = [];
  papers.forEach((p, i) => {
    const ids = paperIds(p);
    const lines: Array<[string, string | undefined]> = [
      ['TY', risType(p, !!ids.arxiv)],
      ['ID', keys[i]],
    ];
    lines.push(['TI', p.title ? one(p.title) : undefined]);
    for (const a of p.authors) lines.push(['AU', risName(a) ?? undefined]);
    lines.push(['PY', p.year !== undefined ? String(p.year) : undefined]);
    if (!isArxivVenue(p.venue)) lines.push(['T2', one(p.venue!)]);
    lines.push(['AB', p.abstract ? one(p.abstract) : undefined]);
    lines.push(['DO', ids.doi ?? ids.arxivDoi]);
    lines.push(['UR', exportUrl(p)]);
    lines.push(['L1', p.pdfUrl]);
    // The accession number in arXiv's database is the arXiv id; Zotero keeps the same spelling.
    lines.push(['AN', ids.arxiv ? `arXiv:${ids.arxiv}` : undefined]);
    if (ids.pmid) lines.push(['N1', `PMID: ${ids.pmid}`]);
    if (ids.pmcid) lines.push(['N1', `PMCID: ${ids.pmcid}`]);
    for (const t of p.tags) lines.push(['KW', one(t.replace(/;/g, ' '))]);
    lines.push(['N1', p.note ? one(p.note) : undefined]);
    for (const [tag, v] of lines) if (v) out.push(`${tag}  - ${v}`);
    out.push('ER  - ', '');
  });
  // RIS is specified with CRLF line ends; every reader accepts them.
  return out.join('\r\n');
}

// ---------------------------------------------------------------------------------------------
// Import

const TAG_LINE = /^([A-Z][A-Z0-9]) {1,2}-(?: (.*))?$/;

interface RisRecord {
  line: number;
  fields: Map<string, string[]>;
}

function get(r: RisRecord, ...tags: string[]): string | undefined {
  for (const t of tags) {
    const v = r.fields.get(t)?.find((x) => x.trim() !== '');
    if (v !== undefined) return v.trim();
  }
  return undefined;
}

function all(r: RisRecord, ...tags: string[]): string[] {
  return tags.flatMap((t) => r.fields.get(t) ?? []).filter((x) => x.trim() !== '');
}

/** "Family, Given, Suffix" → the display form; a name without a comma is already one. */
function risAuthor(v: string): string {
  if (!v.includes(',')) return v;
  const [family, given, suffix] = v.split(',').map((x) => x.trim());
  return joinName({ family, given, suffix });
}

/** Reads an RIS file. A record cut off by the end of the file (no `ER  -`) is reported and skipped. */
export function fromRis(text: string): ImportResult {
  const label = FORMAT_LABEL.ris;
  const src = checkText(text, label);
  if (!/^\s*TY {1,2}-/m.test(src)) {
    throw new ImportError(
      'This does not look like an RIS file: no record starts with a "TY  - " line.',
    );
  }
  let declared = 0;
  for (const _ of src.matchAll(/^\s*TY {1,2}-/gm)) if (++declared > FILE_LIMITS.entries) break;
  checkEntryCount(declared, label);
  const lines = src.split(/\r\n|\r|\n/);
  const records: RisRecord[] = [];
  const out = new Collector('ris');
  let cur: RisRecord | null = null;
  let lastTag = '';
  lines.forEach((raw, i) => {
    // Some exporters indent or leave a BOM-like space before tags.
    const l = raw.replace(/^\s+(?=[A-Z][A-Z0-9] {1,2}-)/, '');
    const m = TAG_LINE.exec(l);
    if (m) {
      const tag = m[1]!;
      const value = m[2] ?? '';
      if (tag === 'TY') {
        // A record left open before the next one is sloppy but complete: keep it.
        if (cur) records.push(cur);
        cur = { line: i + 1, fields: new Map([['TY', [value]]]) };
      } else if (tag === 'ER') {
        if (cur) records.push(cur);
        cur = null;
      } else if (cur) {
        const list = cur.fields.get(tag);
        if (list) {
          if (list.length < 1000) list.push(value);
        } else cur.fields.set(tag, [value]);
      }
      lastTag = tag;
      return;
    }
    // A line without a tag continues the previous value (long abstracts are wrapped so).
    if (cur && l.trim() && lastTag) {
      const list = cur.fields.get(lastTag);
      if (list && list.length)
        list[list.length - 1] += (/^(?:AB|N1|N2)$/.test(lastTag) ? '\n' : ' ') + l.trim();
    }
  });
  const open = cur as RisRecord | null;
  records.sort((a, b) => a.line - b.line);
  let n = 0;
  for (const r of records) {
    n++;
    addRecord(out, r, n);
  }
  if (open) {
    out.skip(
      { entry: n + 1, line: open.line, ...keyOf(open) },
      'it does not end with an "ER  - " line, so the file looks truncated',
    );
  }
  return out.finish();
}

function keyOf(r: RisRecord): { key?: string } {
  const k = get(r, 'ID');
  return k ? { key: cleanLine(k, 200) } : {};
}

const ID_LINE = /^\s*(?:arXiv\s*:\s*\S+(?:\s*\[[\w.-]+\])?|PMC?ID\s*:\s*\S+)\s*$/i;

function addRecord(out: Collector, r: RisRecord, n: number): void {
  const free = all(r, 'AN', 'M1', 'M3', 'N1', 'T2', 'JO', 'JF', 'DB', 'ST').join('\n');
  const ids: Array<string | null> = [
    doiId(get(r, 'DO')),
    doiId(get(r, 'M3')),
    ...arxivIdsInText(free),
    ...pubmedIdsInText(all(r, 'N1', 'M1', 'AN').join('\n')),
  ];
  const an = get(r, 'AN');
  if (an && /^\d{1,9}$/.test(an) && /pubmed|medline/i.test(get(r, 'DB') ?? ''))
    ids.push(`pmid:${an}`);
  const hasArxiv = ids.some((x) => x?.startsWith('arxiv:'));
  let venue = cleanLine(get(r, 'T2', 'JF', 'JO', 'JA', 'BT', 'J2') ?? '', LIMITS.venue);
  if (hasArxiv && isArxivVenue(venue)) venue = 'arXiv';
  const urls = all(r, 'UR', 'L2');
  const pdfs = all(r, 'L1');
  out.add(
    {
      ids,
      links: [...urls, ...pdfs],
      title: get(r, 'TI', 'T1', 'CT'),
      authors: all(r, 'AU', 'A1').map(risAuthor),
      year: yearOf(get(r, 'PY', 'Y1', 'DA')),
      venue,
      abstract: get(r, 'AB', 'N2'),
      url: urls.map(safeUrl).find(Boolean),
      pdfUrl: pdfs.map(safeUrl).find(Boolean),
      tags: all(r, 'KW').flatMap((k) => k.split(/\s*;\s*|\n/)),
      // Identifier lines (ours, and Zotero's copy of Extra) are ids, not the user's note.
      note: all(r, 'N1')
        .filter((v) => !ID_LINE.test(v))
        .join('\n\n'),
    },
    { entry: n, line: r.line, ...keyOf(r) },
  );
}
