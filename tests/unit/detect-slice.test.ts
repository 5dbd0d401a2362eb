import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RowPicker } from '../../utils/detect/adapter';
import { SITE_ADAPTERS, detectPapers, detectSlice } from '../../utils/detect/index';
import type { FoundPaper } from '../../utils/paper';
import { FIXTURES, type ExpectedPage, expectedPages, loadPage } from './helpers/page';

/** Every saved or reconstructed page with its real URL. */
function allPages(): Array<{ file: string; url: string }> {
  const pages = expectedPages().map((p) => ({ file: p.file, url: p.url }));
  const dir = join(FIXTURES, 'reconstructed');
  for (const site of readdirSync(dir)) {
    const expected = join(dir, site, 'expected.json');
    if (!existsSync(expected)) continue;
    for (const p of JSON.parse(readFileSync(expected, 'utf8')) as ExpectedPage[])
      pages.push({ file: join('reconstructed', site, p.file), url: p.url });
  }
  return pages;
}

const key = (papers: FoundPaper[] | null) => (papers ?? []).map((p) => [p.id, p.element]);

describe('reading part of a listing (Adapter.slice)', () => {
  const slicing = SITE_ADAPTERS.filter((a) => a.slice);

  it('is offered by the adapters of the longest listings', () => {
    expect(slicing.map((a) => a.id).sort()).toEqual(['arxiv', 'cvf', 'ecva', 'neurips']);
  });

  it('gives, part by part, exactly the papers extract gives, on every page it reads', () => {
    let listings = 0;
    for (const page of allPages()) {
      const { doc, url } = loadPage(page.file, page.url);
      const found = detectPapers(doc, url);
      const a = slicing.find((x) => found.sources[0] === x.id);
      if (!a || found.kind !== 'listing') continue;
      let n = 0;
      const whole = a.slice!(doc, url, (rows) => ((n = rows.length), [0, rows.length]));
      if (whole === null) {
        // A listing the adapter reads whole only (arXiv's search pages, at most 200 results).
        expect(
          detectSlice(doc, url, (rows) => [0, rows.length]),
          page.file,
        ).toBeNull();
        continue;
      }
      expect(key(whole), page.file).toEqual(key(found.papers));
      // Three parts in order make the whole again: no row lost or read twice at the seams.
      const cut1 = Math.floor(n / 3);
      const cut2 = Math.floor((2 * n) / 3);
      const part =
        (from: number, to: number): RowPicker =>
        () => [from, to];
      const parts = [
        ...(a.slice!(doc, url, part(0, cut1)) ?? []),
        ...(a.slice!(doc, url, part(cut1, cut2)) ?? []),
        ...(a.slice!(doc, url, part(cut2, n)) ?? []),
      ];
      expect(key(parts), page.file).toEqual(key(found.papers));
      // The registry hands the page to the same adapter, and a picker that picks nothing stops it.
      expect(key(detectSlice(doc, url, part(cut1, cut2))), page.file).toEqual(
        key(a.slice!(doc, url, part(cut1, cut2))),
      );
      expect(detectSlice(doc, url, () => null)).toBeNull();
      listings++;
    }
    expect(listings).toBeGreaterThanOrEqual(3);
  });

  it('is not offered on single-paper pages', () => {
    for (const page of allPages()) {
      const { doc, url } = loadPage(page.file, page.url);
      if (detectPapers(doc, url).kind !== 'single') continue;
      expect(
        detectSlice(doc, url, (rows) => [0, rows.length]),
        page.file,
      ).toBeNull();
    }
  });
});
