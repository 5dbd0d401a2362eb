import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell, neutralize, toCsv } from '../../utils/formats/csv';
import { attention, formulas, godel, library, specials } from './formats-samples';

/** A strict RFC 4180 reader, so the test checks the quoting rather than trusting it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
        i++;
        if (i < text.length && text[i] !== ',' && text[i] !== '\r')
          throw new Error(`text after a closing quote at ${i}`);
        continue;
      }
      cell += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (cell !== '') throw new Error(`quote inside an unquoted cell at ${i}`);
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 2;
    } else if (c === '\n' || c === '\r') {
      throw new Error(`bare line break outside quotes at ${i}`);
    } else {
      cell += c;
      i++;
    }
  }
  if (quoted) throw new Error('unterminated quote');
  if (cell !== '' || row.length) throw new Error('last row not ended by CRLF');
  return rows;
}

describe('toCsv', () => {
  const text = toCsv(library);
  const rows = parseCsv(text.slice(1));
  const header = rows[0]!;
  const col = (name: (typeof CSV_COLUMNS)[number]) => header.indexOf(name);

  it("starts with a BOM and Zotero's column order, then Paperdex's columns", () => {
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(header.slice(0, 11)).toEqual([
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
    ]);
    expect(header.slice(-9)).toEqual([
      'Paperdex Id',
      'Aliases',
      'PDF Url',
      'Starred',
      'Tags',
      'Note',
      'Seen Count',
      'First Seen',
      'Last Seen',
    ]);
    expect(toCsv([], { bom: false })).toBe(CSV_COLUMNS.join(',') + '\r\n');
  });

  it('has one row per paper, every row as wide as the header', () => {
    expect(rows).toHaveLength(library.length + 1);
    for (const r of rows) expect(r).toHaveLength(header.length);
  });

  it('fills the cells as Zotero would, plus user data', () => {
    const a = rows[1]!;
    expect(a[col('Key')]).toBe('vaswani2017attention');
    expect(a[col('Item Type')]).toBe('preprint');
    expect(a[col('Publication Year')]).toBe('2017');
    expect(a[col('Author')]).toMatch(/^Vaswani, Ashish; Shazeer, Noam; /);
    expect(a[col('DOI')]).toBe('10.48550/arxiv.1706.03762');
    expect(a[col('Extra')]).toBe('arXiv: 1706.03762');
    expect(a[col('Paperdex Id')]).toBe('arxiv:1706.03762');
    expect(a[col('Aliases')]).toBe('doi:10.48550/arxiv.1706.03762');
    expect(a[col('Starred')]).toBe('yes');
    expect(a[col('Tags')]).toBe('transformers; to read');
    expect(a[col('Note')]).toBe(attention.note);
    expect(a[col('Seen Count')]).toBe('4');
    expect(a[col('First Seen')]).toBe('2024-01-10T12:00:00.000Z');
    expect(a[col('Date Added')]).toBe('2024-01-10 12:00:00');
    const g = rows[2]!;
    expect(g[col('Item Type')]).toBe('journalArticle');
    expect(g[col('Title')]).toBe(godel.title);
    expect(g[col('Publication Title')]).toBe('Monatshefte für Mathematik und Physik');
    expect(rows[3]![col('Title')]).toBe(specials.title);
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(undefined)).toBe('');
    expect(text).toContain(
      '"Read twice.\nSection 3.2 explains multi-head attention.\n\nCompare with LSTM."',
    );
  });

  it('neutralizes formula injection in every text cell', () => {
    expect(neutralize('=1+1')).toBe("'=1+1");
    expect(neutralize('+1')).toBe("'+1");
    expect(neutralize('-1')).toBe("'-1");
    expect(neutralize('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralize('\t=1')).toBe("'\t=1");
    expect(neutralize('safe = 1')).toBe('safe = 1');
    const [, r] = parseCsv(toCsv([formulas]).slice(1));
    const h = header;
    expect(r![h.indexOf('Title')]).toBe('\'=HYPERLINK("http://evil.example","x")');
    expect(r![h.indexOf('Author')]).toBe("'@attacker; Sign, +Plus");
    expect(r![h.indexOf('Tags')]).toBe("'-2+3; =cmd|calc");
    expect(r![h.indexOf('Note')]).toBe("'@SUM(1,2)\nsecond line, with comma");
    expect(r![h.indexOf('Publication Title')]).toBe("'\tTab Journal");
    for (const cell of r!) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});
