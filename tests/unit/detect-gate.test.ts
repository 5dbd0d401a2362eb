/**
 * The every-page gate (utils/detect/gate.ts) must never keep the detector from a page with papers,
 * and must stay in step with the registry: same adapters, same order, the very same functions.
 */
import { describe, expect, it } from 'vitest';
import { GENERIC_GATES, SITE_GATES, gate } from '../../utils/detect/gate';
import { GENERIC_ADAPTERS, SITE_ADAPTERS, detectPage } from '../../utils/detect/index';
import { expectedPages, fromHtml, loadPage } from './helpers/page';

describe('the every-page gate', () => {
  it('lists every site adapter, in registry order, with its own URL check', () => {
    expect(SITE_GATES.map((g) => g.id)).toEqual(SITE_ADAPTERS.map((a) => a.id));
    SITE_GATES.forEach((g, i) => expect(g.matches).toBe(SITE_ADAPTERS[i]!.matches));
  });

  it('lists every generic adapter, in registry order, with its own cheap detect', () => {
    expect(GENERIC_GATES.map((g) => g.id)).toEqual(GENERIC_ADAPTERS.map((a) => a.id));
    GENERIC_GATES.forEach((g, i) => expect(g.detect).toBe(GENERIC_ADAPTERS[i]!.detect));
  });

  it("lets every site adapter's test URLs through, even before the page has content", () => {
    const empty = fromHtml('<!doctype html><title>x</title>', 'https://example.org/').doc;
    for (const a of SITE_ADAPTERS)
      for (const u of a.testUrls) expect(gate(empty, new URL(u)), u).toBe(a.id);
  });

  for (const page of expectedPages()) {
    it(`${page.file}: ${page.count ? 'let through' : 'consistent with detectPage'}`, () => {
      const { doc, url } = loadPage(page.file, page.url);
      const g = gate(doc, url);
      if (page.count > 0) expect(g).not.toBeNull();
      // Whatever detectPage finds, the gate must have let through.
      if (detectPage(doc, url)) expect(g).not.toBeNull();
    });
  }

  it('keeps ordinary pages out: no metadata, no ids, no claimed URL', () => {
    for (const file of ['negatives/hf_posts_2026-02-16.html']) {
      const page = expectedPages().find((p) => p.file === file)!;
      const { doc, url } = loadPage(page.file, page.url);
      expect(gate(doc, url)).toBeNull();
    }
    const blog = fromHtml(
      '<h1>My trip</h1><p>See <a href="https://example.com/a">this</a> and <a href="javascript:alert(1)">that</a>.</p>',
      'https://blog.example.com/trip',
    );
    expect(gate(blog.doc, blog.url)).toBeNull();
  });

  it('opens for a page that only cites an arXiv paper by link', () => {
    const p = fromHtml(
      '<ul><li><a href="https://arxiv.org/abs/2106.09685">LoRA</a></li></ul>',
      'https://reading-group.example.org/',
    );
    expect(gate(p.doc, p.url)).toBe('id-links');
  });

  it("its one-walk check never closes a page that a generic adapter's own detect would open", () => {
    const pages = [
      '<meta name="Citation_Title" content="A"><meta name="citation_author" content="B">',
      '<meta property="DC.title" content="A"><meta name="DC.creator" content="B">',
      '<script type="application/LD+JSON">{"@type":"ScholarlyArticle","name":"A"}</script>',
      '<span class="Z3988" title="ctx_ver=Z39.88-2004&amp;rft.atitle=A"></span>',
      '<a href="HTTPS://ARXIV.ORG/abs/2106.09685">A</a>',
      '<a href="https://hf.co/papers/2106.09685">A</a>',
      '<a href="https://www.ncbi.nlm.nih.gov/pubmed/12345">A</a>',
      '<a href="https://dblp.uni-trier.de/rec/conf/x/Y20">A</a>',
      '<a href="https://www.biorxiv.org/content/10.1101/2020.01.01.123456v1">A</a>',
      '<a href="https://link.example.com/article/10.1007/s00-1">A</a>',
      '<a href="https://dl.example.org/doi/10.1145/3290605">A</a>',
      '<a href="https://aclweb.org/anthology/P19-1001">A</a>',
      '<a href="https://hal.science/hal-01234567">A</a>',
    ];
    for (const body of pages) {
      const { doc, url } = fromHtml(`<p>x</p>${body}`, 'https://example.org/page');
      const opened = GENERIC_GATES.find((g) => g.detect(doc, url))?.id ?? null;
      expect(opened, body).not.toBeNull();
      expect(gate(doc, url), body).toBe(opened);
    }
  });
});
