import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toBackup } from '../../utils/formats/backup';
import { toBibtex } from '../../utils/formats/bibtex';
import { toCslJson } from '../../utils/formats/csl-json';
import { detectFormat, readImportFile } from '../../utils/formats/detect-format';
import { toRis } from '../../utils/formats/ris';
import { ImportError } from '../../utils/formats/types';
import { DEFAULT_SETTINGS } from '../../utils/settings';
import { fixture, library } from './formats-samples';

function importError(f: () => unknown): ImportError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  }
  throw new Error('expected an ImportError');
}

describe('detectFormat', () => {
  it('recognizes every sample and every export by content', () => {
    expect(detectFormat(fixture('library.bib'))).toBe('bibtex');
    expect(detectFormat(fixture('zotero-export.json'))).toBe('csl-json');
    expect(detectFormat(fixture('export.ris'))).toBe('ris');
    expect(detectFormat(fixture('papermemory-export.json'))).toBe('papermemory');
    expect(detectFormat(toBibtex(library))).toBe('bibtex');
    expect(detectFormat(toCslJson(library))).toBe('csl-json');
    expect(detectFormat(toRis(library))).toBe('ris');
    expect(
      detectFormat(toBackup({ papers: library, sightings: [], settings: DEFAULT_SETTINGS })),
    ).toBe('backup');
  });

  it('trusts content over the file name, and uses the name when content says nothing', () => {
    expect(detectFormat(fixture('export.ris'), 'citations.txt')).toBe('ris');
    expect(detectFormat('\uFEFF  \n' + fixture('library.bib'), 'refs.json')).toBe('bibtex');
    expect(detectFormat('% only a comment\n', 'refs.bib')).toBe('bibtex');
    expect(detectFormat('{"type": "article-journal", "title": "x"}', 'one.json')).toBe('csl-json');
  });

  it('explains what it reads when it recognizes nothing', () => {
    expect(
      importError(() => detectFormat('Dear reviewer,\nthanks.', 'letter.txt')).message,
    ).toMatch(/^The file format was not recognized\. Paperdex reads its own backups, BibTeX/);
    expect(
      importError(() => detectFormat('{"name": "package", "version": "1.0.0"}', 'package.json'))
        .message,
    ).toMatch(/neither a Paperdex backup, a CSL-JSON export .* nor a PaperMemory export/);
    expect(importError(() => detectFormat('')).message).toBe('The import file is empty.');
  });
});

describe('readImportFile', () => {
  it('reads each format through its reader', () => {
    const bib = readImportFile(fixture('library.bib'), 'library.bib');
    expect(bib.format).toBe('bibtex');
    if (bib.format !== 'backup') expect(bib.result.papers).toHaveLength(13);
    const backup = readImportFile(
      toBackup({ papers: library, sightings: [], settings: DEFAULT_SETTINGS }),
    );
    expect(backup.format).toBe('backup');
    if (backup.format === 'backup') expect(backup.backup.papers).toHaveLength(library.length);
  });

  it('turns every failure into an ImportError with a message', () => {
    const inputs = [
      '',
      '\u0000\u0001\u0002binary',
      '@article{',
      '[{"title": ',
      '{"format": "paperdex-backup", "version": 1}',
      'TY  - JOUR\n',
      '@misc{x, title = {' + '{'.repeat(50_000) + '}',
      '{"__dataVersion": 1, "x": null}',
    ];
    for (const text of inputs) {
      const e = importError(() => readImportFile(text, 'upload'));
      expect(e.message.length, JSON.stringify(text.slice(0, 40))).toBeGreaterThan(15);
    }
  });

  it('refuses a 100 MB file with a clear message', () => {
    const huge = '@misc{a, title={x}}\n' + ' '.repeat(100 * 1024 * 1024);
    expect(importError(() => readImportFile(huge, 'huge.bib')).message).toBe(
      'The file is too large: 100.0 MB of text, over the 50 MB limit for BibTeX.',
    );
  });
});

describe('bundle boundary', () => {
  it('nothing the content script runs imports utils/formats (the BibTeX parser is heavy)', () => {
    const root = join(import.meta.dirname, '..', '..');
    const offenders: string[] = [];
    for (const dir of ['utils/detect', 'utils/content', 'utils/marks', 'entrypoints']) {
      const abs = join(root, dir);
      if (!existsSync(abs)) continue;
      for (const f of readdirSync(abs, { recursive: true, encoding: 'utf8' })) {
        if (!/\.(?:ts|tsx)$/.test(f)) continue;
        if (dir === 'entrypoints' && !/^content/.test(f)) continue;
        const src = readFileSync(join(abs, f), 'utf8');
        if (/from\s+['"][^'"]*\/formats(?:\/[^'"]*)?['"]|bibtex-parser/.test(src))
          offenders.push(`${dir}/${f}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
