/**
 * Every site adapter claims each of its own test URLs and no other site adapter claims them, so
 * the registry's order never decides which site a page belongs to. Generic adapters claim nothing
 * of their own.
 */
import { describe, expect, it } from 'vitest';
import { ADAPTERS, GENERIC_ADAPTERS, SITE_ADAPTERS } from '../../utils/detect/index';

describe('adapter registry', () => {
  it('has unique kebab-case ids, site adapters before generic ones', () => {
    const ids = ADAPTERS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(ADAPTERS.slice(SITE_ADAPTERS.length).every((a) => a.generic)).toBe(true);
    expect(SITE_ADAPTERS.some((a) => a.generic)).toBe(false);
    expect(GENERIC_ADAPTERS.every((a) => a.testUrls.length === 0)).toBe(true);
  });

  for (const adapter of SITE_ADAPTERS) {
    it(`${adapter.id} claims its own test URLs and no other adapter does`, () => {
      expect(adapter.testUrls.length).toBeGreaterThan(0);
      for (const raw of adapter.testUrls) {
        const url = new URL(raw);
        const claimants = SITE_ADAPTERS.filter((a) => a.matches(url)).map((a) => a.id);
        expect(claimants, raw).toEqual([adapter.id]);
      }
    });
  }

  it('no site adapter claims pages of unrelated sites', () => {
    for (const raw of [
      'https://example.org/',
      'https://github.com/arxiv/arxiv-browse',
      'https://huggingface.co/posts',
      'https://accounts.google.com/v3/signin/identifier',
      'https://notarxiv.org/abs/2106.09608',
    ]) {
      expect(
        SITE_ADAPTERS.filter((a) => a.matches(new URL(raw))).map((a) => a.id),
        raw,
      ).toEqual([]);
    }
  });
});
