import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { detectPapers } from '../../../utils/detect/index';
import { FIXTURES, loadPage, type ExpectedPage } from './page';

/**
 * One test per page listed in tests/fixtures/reconstructed/<dir>/expected.json: exactly the
 * expected papers, in order, with exactly the expected ids and titles, and, where a page names
 * the adapter (`rule`), found by it.
 */
export function checkReconstructed(dir: string): void {
  const pages = JSON.parse(
    readFileSync(join(FIXTURES, 'reconstructed', dir, 'expected.json'), 'utf8'),
  ) as Array<ExpectedPage & { rule?: string }>;
  for (const page of pages) {
    it(`${dir}/${page.file}: ${page.count} papers`, () => {
      const { doc, url } = loadPage(join('reconstructed', dir, page.file), page.url);
      const found = detectPapers(doc, url).papers;
      expect(
        found.map((f) => ({
          ids: [f.id, ...f.aliases].filter((x) => !x.startsWith('title:')),
          title: f.title,
        })),
      ).toEqual(page.papers);
      expect(found).toHaveLength(page.count);
      if (page.rule) expect(found.every((f) => f.source === page.rule)).toBe(true);
    });
  }
}
