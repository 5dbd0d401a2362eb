/**
 * Every shared real page yields exactly its expected papers (by id, else by normalized title), and
 * the negative pages yield none. Expected output comes from an independent extractor
 * (tests/fixtures/expected.json, copied from ../shared/fixtures).
 */
import { describe, expect, it } from 'vitest';
import { detectPapers, uniquePapers } from '../../utils/detect/index';
import { expectedPages, loadPage } from './helpers/page';

const norm = (t: string) =>
  t
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

describe('detection on real saved pages', () => {
  for (const page of expectedPages()) {
    it(`${page.file}: ${page.count} papers`, () => {
      const { doc, url } = loadPage(page.file, page.url);
      const found = uniquePapers(detectPapers(doc, url).papers);
      const unmatched = [...found];
      const missing: string[] = [];
      for (const e of page.papers) {
        const ids = e.ids.map((s) => s.toLowerCase());
        const k = unmatched.findIndex(
          (f) =>
            [f.id, ...f.aliases].some((x) => ids.includes(x.toLowerCase())) ||
            norm(f.title) === norm(e.title),
        );
        if (k < 0) missing.push(`${e.ids.join(',') || '-'} ${e.title}`);
        else {
          const f = unmatched.splice(k, 1)[0]!;
          // When the page names the paper by an id, the detector must too. Compared case-blind like
          // the match above: some canonical ids keep upper case (acl:W19-4201, pmcid:PMC123).
          const got = [f.id, ...f.aliases].map((x) => x.toLowerCase());
          for (const id of e.ids) expect(got).toContain(id.toLowerCase());
        }
      }
      expect(missing).toEqual([]);
      expect(unmatched.map((f) => `${f.id} ${f.title}`)).toEqual([]);
    });
  }
});
