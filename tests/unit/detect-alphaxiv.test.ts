/**
 * The alphaXiv adapter on reconstructed pages (tests/fixtures/reconstructed/alphaxiv/, built from
 * real arXiv records by ../hf-papers/make-fixtures.mjs; the card markup is invented, see their
 * first line) and on URL-only paper pages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectPapers, SITE_ADAPTERS } from '../../utils/detect/index';
import { alphaxiv } from '../../utils/detect/sites/alphaxiv';
import { arxiv } from '../../utils/detect/sites/arxiv';
import { FIXTURES, fromHtml, loadPage } from './helpers/page';

const one = (s: string) => s.replace(/\s+/g, ' ').trim();
const daily = JSON.parse(
  readFileSync(join(FIXTURES, 'hf-papers', 'api_daily_papers_2026-05-08.json'), 'utf8'),
) as Array<{ paper: { id: string; title: string; summary: string } }>;

describe('alphaxiv: URL claims', () => {
  it('claims its test URLs, and no other site adapter does', () => {
    for (const t of alphaxiv.testUrls) {
      const u = new URL(t);
      expect(
        SITE_ADAPTERS.filter((a) => a.matches(u)).map((a) => a.id),
        t,
      ).toEqual(['alphaxiv']);
    }
  });
  it('leaves arXiv and the API host alone', () => {
    expect(alphaxiv.matches(new URL('https://arxiv.org/abs/2509.24002'))).toBe(false);
    expect(alphaxiv.matches(new URL('https://api.alphaxiv.org/papers/v3/2509.24002'))).toBe(false);
    expect(arxiv.matches(new URL('https://www.alphaxiv.org/abs/2509.24002'))).toBe(false);
  });
});

describe('alphaxiv: paper page', () => {
  it('names the page paper only, not the sidebar', () => {
    const { doc, url } = loadPage(
      'reconstructed/alphaxiv/abs_2605.06548.html',
      'https://www.alphaxiv.org/abs/2605.06548',
    );
    expect(alphaxiv.detect(doc, url)).toBe('single');
    const papers = detectPapers(doc, url).papers;
    expect(papers.map((p) => [p.id, p.title, p.source, p.kind])).toEqual([
      ['arxiv:2605.06548', 'Continuous Latent Diffusion Language Model', 'alphaxiv', 'single'],
    ]);
    expect(papers[0]!.element?.tagName).toBe('H1');
    expect(papers[0]!.year).toBe(2026);
    expect(papers[0]!.pdfUrl).toBe('https://arxiv.org/pdf/2605.06548');
  });

  it('works from the URL and the page title alone', () => {
    const { doc, url } = fromHtml(
      '<html><head><title>Mixtral of Experts | alphaXiv</title></head><body><div id="root"></div></body></html>',
      'https://alphaxiv.org/overview/2401.04088v2',
    );
    expect(alphaxiv.detect(doc, url)).toBe('single');
    expect(alphaxiv.extract(doc, url).map((p) => [p.id, p.title])).toEqual([
      ['arxiv:2401.04088', 'Mixtral of Experts'],
    ]);

    const bare = fromHtml(
      '<html><head><title>alphaXiv</title></head><body></body></html>',
      'https://www.alphaxiv.org/abs/hep-th/9711200',
    );
    expect(alphaxiv.extract(bare.doc, bare.url).map((p) => [p.id, p.title])).toEqual([
      ['arxiv:hep-th/9711200', ''],
    ]);
  });

  it('finds nothing at a paper URL without an id', () => {
    const { doc, url } = fromHtml(
      '<html><body><a href="/abs/2401.04088">x</a></body></html>',
      'https://www.alphaxiv.org/abs/not-a-paper',
    );
    expect(alphaxiv.detect(doc, url)).toBeNull();
    expect(alphaxiv.extract(doc, url)).toEqual([]);
  });
});

describe('alphaxiv: explore', () => {
  it('finds each card once, with its title and abstract', () => {
    const { doc, url } = loadPage(
      'reconstructed/alphaxiv/explore_hot.html',
      'https://www.alphaxiv.org/explore?sort=Hot&time=7+Days',
    );
    expect(alphaxiv.detect(doc, url)).toBe('listing');
    const papers = alphaxiv.extract(doc, url);
    const want = daily.slice(0, 12);
    expect(papers.map((p) => p.id)).toEqual(want.map((e) => `arxiv:${e.paper.id}`));
    expect(papers.map((p) => p.title)).toEqual(want.map((e) => one(e.paper.title)));
    expect(papers[0]!.abstract).toBe(one(want[0]!.paper.summary));
    for (const p of papers) {
      const id = p.id.slice('arxiv:'.length);
      // The card: it holds the title link, the arXiv link and the overview link, and no other paper.
      expect(p.element?.querySelector(`a[href="/abs/${id}"]`)).not.toBeNull();
      expect(p.element?.querySelector(`a[href="/overview/${id}"]`)).not.toBeNull();
      expect(p.element?.querySelectorAll('a[href*="/abs/"]')).toHaveLength(2);
    }
  });

  it('an empty explore page yields nothing', () => {
    const { doc, url } = fromHtml(
      '<html><body><nav><a href="/explore">Explore</a><a href="/trending">Trending</a></nav><main>No papers</main></body></html>',
      'https://www.alphaxiv.org/explore',
    );
    expect(alphaxiv.detect(doc, url)).toBeNull();
    expect(detectPapers(doc, url).papers).toEqual([]);
  });
});
