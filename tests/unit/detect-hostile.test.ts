/**
 * Hostile pages: markup in titles, script URLs, huge listings and fields, broken HTML and JSON-LD.
 * Detection must stay bounded, return plain strings and http(s) URLs only, leave the page as it
 * was, and never throw.
 */
import { describe, expect, it } from 'vitest';
import { JSDOM, VirtualConsole } from 'jsdom';
import type { Adapter } from '../../utils/detect/adapter';
import { ADAPTERS, detectPapers } from '../../utils/detect/index';
import { coins } from '../../utils/detect/generic/coins';
import { idLinks } from '../../utils/detect/generic/id-links';
import { jsonLd } from '../../utils/detect/generic/json-ld';
import { metaTags } from '../../utils/detect/generic/meta-tags';
import { biorxiv } from '../../utils/detect/sites/biorxiv';
import { cvf } from '../../utils/detect/sites/cvf';
import { neurips } from '../../utils/detect/sites/neurips';
import { openreview } from '../../utils/detect/sites/openreview';
import { pmlr } from '../../utils/detect/sites/pmlr';
import { LIMITS, type FoundPaper } from '../../utils/paper';

const MINE: Adapter[] = [metaTags, jsonLd, coins, idLinks, openreview, biorxiv, pmlr, neurips, cvf];

function page(html: string, url = 'https://example.org/page') {
  const dom = new JSDOM(html, { url, virtualConsole: new VirtualConsole() });
  return { dom, doc: dom.window.document, url: new URL(url) };
}

/** Every field a plain bounded string, every URL http(s), no element but the row. */
function expectSafe(papers: FoundPaper[]) {
  for (const p of papers) {
    for (const s of [p.id, p.title, p.venue ?? '', p.abstract ?? '', ...p.aliases, ...p.authors])
      expect(typeof s).toBe('string');
    expect(p.title.length).toBeLessThanOrEqual(LIMITS.title);
    expect(p.authors.length).toBeLessThanOrEqual(LIMITS.authors);
    for (const a of p.authors) expect(a.length).toBeLessThanOrEqual(LIMITS.author);
    expect((p.abstract ?? '').length).toBeLessThanOrEqual(LIMITS.abstract);
    expect((p.venue ?? '').length).toBeLessThanOrEqual(LIMITS.venue);
    for (const u of [p.url, p.pdfUrl]) if (u !== undefined) expect(u).toMatch(/^https?:\/\//);
    const { element: _e, ...data } = p;
    expect(() => JSON.stringify(data)).not.toThrow();
  }
}

/** Runs detection and every one of these adapters directly (bypassing the registry's try/catch). */
function runAll(doc: Document, url: URL): FoundPaper[] {
  const all: FoundPaper[] = [];
  for (const a of MINE) {
    expect(() => a.detect(doc, url), a.id).not.toThrow();
    let got: FoundPaper[] = [];
    expect(() => (got = a.extract(doc, url)), a.id).not.toThrow();
    expect(got.length).toBeLessThanOrEqual(LIMITS.rowsPerPage);
    all.push(...got);
  }
  const r = detectPapers(doc, url);
  all.push(...r.papers);
  expectSafe(all);
  return r.papers;
}

describe('markup in titles and authors comes out as plain text and changes nothing', () => {
  it('meta, JSON-LD, COinS and row text with <script> and on* handlers', () => {
    const xss = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const { dom, doc, url } = page(
      `<head><meta name="citation_title" content="${xss.replace(/"/g, '&quot;')}Safe Title">` +
        `<meta name="citation_author" content="<b onmouseover=alert(3)>Eve</b>"></head><body></body>`,
    );
    const observer = new dom.window.MutationObserver(() => {});
    observer.observe(doc, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    const scripts = doc.querySelectorAll('script').length;
    const papers = runAll(doc, url);
    expect(papers[0]!.title).toBe('alert(1) Safe Title');
    expect(papers[0]!.authors).toEqual(['Eve']);
    expect(observer.takeRecords()).toEqual([]);
    expect(doc.querySelectorAll('script').length).toBe(scripts);
  });

  it('escaped markup in visible text stays literal text; real elements in a title contribute only text', () => {
    const { dom, doc, url } = page(
      `<ul><li><a href="https://arxiv.org/abs/2101.00001">&lt;img src=x onerror=alert(1)&gt; A Title About Things</a></li>` +
        `<li><a href="https://arxiv.org/abs/2101.00002"><img src=x onerror="alert(1)">Another <b onclick="alert(2)">Bold</b> Title</a></li></ul>`,
    );
    const observer = new dom.window.MutationObserver(() => {});
    observer.observe(doc, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    const papers = runAll(doc, url);
    expect(papers.map((p) => p.title)).toEqual([
      '<img src=x onerror=alert(1)> A Title About Things',
      'Another Bold Title',
    ]);
    expect(observer.takeRecords()).toEqual([]);
  });
});

describe('script and data URLs never become url or pdfUrl', () => {
  it('in meta tags, JSON-LD, COinS, links and site rows', () => {
    const { doc, url } = page(
      `<meta name="citation_title" content="A Paper With Bad Links"><meta name="citation_doi" content="10.5555/bad.1">` +
        `<meta name="citation_pdf_url" content="javascript:alert(1)"><meta name="citation_abstract_html_url" content="data:text/html,<script>alert(1)</script>">` +
        `<link rel="canonical" href="javascript:alert(2)">`,
      'https://example.org/a',
    );
    const [p] = runAll(doc, url);
    expect(p).toMatchObject({ id: 'doi:10.5555/bad.1', url: 'https://example.org/a' });
    expect(p!.pdfUrl).toBeUndefined();

    const ld = page(
      `<script type="application/ld+json">${JSON.stringify({
        '@type': 'ScholarlyArticle',
        name: 'JSON-LD With Script Urls',
        url: 'javascript:alert(1)',
        encoding: {
          encodingFormat: 'application/pdf',
          contentUrl: 'data:application/pdf;base64,AAAA',
        },
      })}</script>`,
    );
    const [q] = runAll(ld.doc, ld.url);
    expect(q!.url).toBeUndefined();
    expect(q!.pdfUrl).toBeUndefined();

    const links = page(
      `<ul><li><b>A Listed Paper Title</b> <a href="javascript:void('https://arxiv.org/abs/2101.00003')">arXiv</a> ` +
        `<a href="https://arxiv.org/abs/2101.00004">abs</a> <a href="data:text/html,https://arxiv.org/pdf/2101.00004">pdf</a></li></ul>` +
        `<span class="Z3988" title="rft.genre=article&amp;rft.atitle=Coins+Paper&amp;rft_id=javascript%3Aalert(1)&amp;rft_id=info%3Adoi%2F10.5555%2Fc"></span>`,
    );
    const found = runAll(links.doc, links.url);
    expect(found.map((f) => [f.id, f.url, f.pdfUrl])).toEqual([
      ['doi:10.5555/c', undefined, undefined],
      ['arxiv:2101.00004', 'https://arxiv.org/abs/2101.00004', undefined],
    ]);

    const cv = page(
      `<dl><dt class="ptitle"><a href="javascript:alert(1)">Bad Row Title Here</a></dt><dd><i>A B</i></dd><dd><a href="javascript:x_paper.pdf">pdf</a></dd></dl>`,
      'https://openaccess.thecvf.com/CVPR2024?day=all',
    );
    const [c] = runAll(cv.doc, cv.url);
    expect(c).toMatchObject({ title: 'Bad Row Title Here' });
    expect(c!.url).toBeUndefined();
    expect(c!.pdfUrl).toBeUndefined();
  });
});

describe('bounded on huge pages', () => {
  it('100,000 link rows: at most LIMITS.rowsPerPage papers, in reasonable time', () => {
    const rows: string[] = [];
    for (let i = 0; i < 100_000; i++)
      rows.push(
        `<li><a href="https://arxiv.org/abs/2101.${String(i).padStart(5, '0')}">Paper number ${i} on long lists</a></li>`,
      );
    const { doc, url } = page(`<ul>${rows.join('')}</ul>`);
    const t = performance.now();
    const r = detectPapers(doc, url);
    const ms = performance.now() - t;
    expect(r.papers).toHaveLength(LIMITS.rowsPerPage);
    expect(r.papers[0]!.id).toBe('arxiv:2101.00000');
    expect(r.papers.at(-1)!.id).toBe(`arxiv:2101.0${LIMITS.rowsPerPage - 1}`);
    // Linear work stays well under this even in JSDOM on a busy machine; quadratic work would not.
    expect(ms).toBeLessThan(30_000);
  }, 120_000);

  it('a site listing with more rows than the bound (PMLR volume) is cut at the bound', () => {
    const rows: string[] = [];
    for (let i = 0; i < LIMITS.rowsPerPage + 500; i++)
      rows.push(
        `<div class="paper"><p class="title">Volume Paper ${i} Title</p><p class="details"><span class="authors">A B</span></p></div>`,
      );
    const { doc, url } = page(
      `<h2>Volume 999: Test</h2>${rows.join('')}`,
      'https://proceedings.mlr.press/v999/',
    );
    expect(pmlr.extract(doc, url)).toHaveLength(LIMITS.rowsPerPage);
  }, 60_000);

  it('a 1 MB title, author and abstract are cut to their bounds', () => {
    const big = 'x'.repeat(1_000_000);
    const { doc, url } = page(
      `<meta name="citation_title" content="Huge ${big}"><meta name="citation_author" content="${big}">` +
        `<meta name="citation_abstract" content="${big}"><meta name="citation_doi" content="10.5555/huge">`,
    );
    const [p] = runAll(doc, url);
    expect(p!.title.length).toBe(LIMITS.title);
    expect(p!.abstract!.length).toBe(LIMITS.abstract);

    const rows = page(
      `<ul><li><a href="https://arxiv.org/abs/2101.00005">Big title ${'word '.repeat(200_000)}</a></li></ul>`,
    );
    const [q] = runAll(rows.doc, rows.url);
    expect(q!.title.length).toBeLessThanOrEqual(LIMITS.title);

    const ld = page(
      `<script type="application/ld+json">{"@type":"ScholarlyArticle","identifier":"10.5555/ld","name":"${big}","author":[${'{"name":"a"},'.repeat(5000)}{"name":"z"}]}</script>`,
    );
    const [r] = runAll(ld.doc, ld.url);
    expect(r!.title.length).toBe(LIMITS.title);
    expect(r!.authors).toHaveLength(LIMITS.authors);
  });
});

describe('malformed input never throws', () => {
  const broken = [
    '<ul><li><a href="https://arxiv.org/abs/2101.00006">Unclosed <b>bold <i>italic</li><li><a href=https://doi.org/10.5555/x>Another',
    '<table><tr><td><a href="https://arxiv.org/abs/2101.00007">Cell</td><p>stray</table></a></dl></dd>',
    '<a href="https://[::1">bad ipv6</a><a href="http://%zz">bad escape</a><a href="https://doi.org/%E0%A4%A">bad utf8 doi</a>',
    '<a href="https://openreview.net/forum?id=">empty id</a><a href="https://arxiv.org/abs/">empty arxiv</a>',
    '<span class="Z3988" title="%%%&&&=&rft.atitle=%E0%A4%A&rft_id=info:doi/"></span>',
    '<script type="application/ld+json">{"@type": "ScholarlyArticle", "name": </script>',
    '<script type="application/ld+json">null</script><script type="application/ld+json">"text"</script><script type="application/ld+json">[1, [2, [3]]]</script>',
    `<script type="application/ld+json">${'['.repeat(20_000)}${']'.repeat(20_000)}</script>`,
    '<script type="application/ld+json">{"@graph": {"@type": ["ScholarlyArticle", 7, null], "name": {"@value": 5}, "author": [null, 3, {"givenName": ["x"]}], "identifier": [{}, {"propertyID": null}], "isPartOf": "https://x"}}</script>',
    '<meta name="citation_title"><meta name="citation_title" content=""><meta content="x">',
    '<dt class="ptitle"></dt><dd></dd><div class="paper"></div><div class="note"><h4><a href="/forum?id=">x</a></h4></div>',
  ];
  const urls = [
    'https://example.org/x',
    'https://openreview.net/forum?id=abc',
    'https://openreview.net/group?id=X',
    'https://www.biorxiv.org/content/10.1101/2020.01.01.000001v1',
    'https://proceedings.mlr.press/v1/',
    'https://proceedings.neurips.cc/paper_files/paper/2023',
    'https://openaccess.thecvf.com/CVPR2024?day=all',
  ];
  for (const [i, html] of broken.entries()) {
    it(`broken page ${i + 1}`, () => {
      for (const u of urls) {
        const { doc, url } = page(html, u);
        runAll(doc, url);
      }
    });
  }

  it('every registered adapter survives an empty document', () => {
    const { doc, url } = page('');
    for (const a of ADAPTERS) expect(() => a.extract(doc, url), a.id).not.toThrow();
  });
});
