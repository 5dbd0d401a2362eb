/**
 * The Hugging Face Papers adapter: the real paper page, the reconstructed daily list and search page
 * (tests/fixtures/reconstructed/hf-papers/, built by make-fixtures.mjs there from real API data and
 * the real search page's text), the /posts negative, and small pages for the fragile cases.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectPapers, SITE_ADAPTERS } from '../../utils/detect/index';
import { huggingfacePapers as hf } from '../../utils/detect/sites/huggingface-papers';
import { FIXTURES, fromHtml, loadPage } from './helpers/page';

const DAILY_URL = 'https://huggingface.co/papers/date/2026-05-08';
const SEARCH_URL = 'https://huggingface.co/papers?q=efficient+transformers';
const one = (s: string) => s.replace(/\s+/g, ' ').trim();

interface ApiEntry {
  title: string;
  paper: {
    id: string;
    title: string;
    summary: string;
    authors: Array<{ name: string; hidden?: boolean }>;
  };
}
const api = (file: string) =>
  JSON.parse(readFileSync(join(FIXTURES, 'hf-papers', file), 'utf8')) as ApiEntry[];

function run(file: string, url: string) {
  const { doc, url: u } = loadPage(file, url);
  return { kind: hf.detect(doc, u), papers: hf.extract(doc, u) };
}

describe('huggingface-papers: URL claims', () => {
  it('claims its test URLs, and no other site adapter does', () => {
    for (const t of hf.testUrls) {
      const u = new URL(t);
      expect(
        SITE_ADAPTERS.filter((a) => a.matches(u)).map((a) => a.id),
        t,
      ).toEqual(['huggingface-papers']);
    }
  });
  it('claims only /papers', () => {
    for (const t of [
      'https://huggingface.co/posts',
      'https://huggingface.co/',
      'https://huggingface.co/meta-llama/Llama-3.1-8B',
      'https://huggingface.co/papersx',
      'https://huggingface.co/api/daily_papers',
    ]) {
      expect(hf.matches(new URL(t)), t).toBe(false);
    }
  });
});

describe('huggingface-papers: paper page', () => {
  it('reads the PaperContent JSON of the real page', () => {
    const { kind, papers } = run(
      'hf-papers/paper_2509.24002_prettified.html',
      'https://huggingface.co/papers/2509.24002',
    );
    expect(kind).toBe('single');
    expect(papers).toHaveLength(1);
    const p = papers[0]!;
    expect(p.id).toBe('arxiv:2509.24002');
    expect(p.title).toBe(
      'MCPMark: A Benchmark for Stress-Testing Realistic and Comprehensive MCP Use',
    );
    expect(p.authors).toHaveLength(15);
    expect(p.authors.slice(0, 2)).toEqual(['Zijian Wu', 'Xiangyan Liu']);
    expect(p.authors.at(-1)).toBe('Michael Qizhe Shieh');
    expect(p.abstract).toMatch(/^MCP standardizes how LLMs interact with external systems/);
    expect(p.year).toBe(2025);
    expect(p.url).toBe('https://huggingface.co/papers/2509.24002');
    expect(p.pdfUrl).toBe('https://arxiv.org/pdf/2509.24002');
    expect(p.element?.tagName).toBe('H1');
  });

  it('falls back to the page title without the JSON', () => {
    const { doc, url } = fromHtml(
      '<html><head><title>Paper page - Attention Is All You Need</title></head><body></body></html>',
      'https://huggingface.co/papers/1706.03762',
    );
    expect(hf.detect(doc, url)).toBe('single');
    expect(hf.extract(doc, url).map((p) => [p.id, p.title])).toEqual([
      ['arxiv:1706.03762', 'Attention Is All You Need'],
    ]);
  });

  it('finds nothing on a missing paper', () => {
    const { doc, url } = fromHtml(
      '<html><head><title>404 – Hugging Face</title></head><body><h1>404</h1><p>Not found</p></body></html>',
      'https://huggingface.co/papers/2509.99999',
    );
    expect(hf.detect(doc, url)).toBeNull();
  });
});

describe('huggingface-papers: daily list (reconstructed from the real API response)', () => {
  const expected = api('api_daily_papers_2026-05-08.json');
  const { kind, papers } = run('reconstructed/hf-papers/daily_2026-05-08.html', DAILY_URL);

  it('finds every card once, in page order, with the JSON data', () => {
    expect(kind).toBe('listing');
    expect(papers).toHaveLength(37);
    expect(papers.map((p) => p.id)).toEqual(expected.map((e) => `arxiv:${e.paper.id}`));
    expect(papers.map((p) => p.title)).toEqual(expected.map((e) => one(e.title)));
    const first = papers[0]!;
    expect(first.id).toBe('arxiv:2605.05242');
    expect(first.title).toBe(
      'Beyond Semantic Similarity: Rethinking Retrieval for Agentic Search via Direct Corpus Interaction',
    );
    expect(first.authors.slice(0, 3)).toEqual(['Zhuofeng Li', 'Haoxiang Zhang', 'Cong Wei']);
    expect(first.abstract).toBe(one(expected[0]!.paper.summary));
    expect(first.year).toBe(2026);
    expect(papers.at(-1)!.id).toBe('arxiv:2602.00095');
  });

  it('marks the card, which holds the title link', () => {
    for (const p of papers) {
      const id = p.id.slice('arxiv:'.length);
      expect(p.element?.tagName).toBe('ARTICLE');
      expect(p.element?.querySelector(`h3 a[href="/papers/${id}"]`)).not.toBeNull();
    }
  });

  it('is what the registry reports', () => {
    const { doc, url } = loadPage('reconstructed/hf-papers/daily_2026-05-08.html', DAILY_URL);
    const d = detectPapers(doc, url);
    expect(d.sources).toEqual(['huggingface-papers']);
    expect(d.papers).toHaveLength(37);
  });
});

describe('huggingface-papers: search (reconstructed from the real page text)', () => {
  const lines = readFileSync(join(FIXTURES, 'hf-papers', 'hf-papers-search.txt'), 'utf8')
    .split('\n')
    .slice(2)
    .filter(Boolean);
  lines[0] = lines[0]!.replace(/^Subscribe/, '');
  const titles = lines.filter((_, i) => i % 2 === 0);
  const { kind, papers } = run('reconstructed/hf-papers/search_119.html', SEARCH_URL);

  it('finds the 119 results, not the day list carried beside them', () => {
    expect(kind).toBe('listing');
    expect(titles).toHaveLength(119);
    expect(papers).toHaveLength(119);
    expect(papers.map((p) => p.title)).toEqual(titles.map(one));
    expect(new Set(papers.map((p) => p.id)).size).toBe(119);
    // Invented ids (see the fixture's first line), fixed by make-fixtures.mjs.
    expect(papers.slice(0, 3).map((p) => p.id)).toEqual([
      'arxiv:1901.00001',
      'arxiv:2006.07920',
      'arxiv:2111.15839',
    ]);
    const hidden = api('api_daily_papers_2026-07-31_trimmed5.json').map(
      (e) => `arxiv:${e.paper.id}`,
    );
    expect(papers.filter((p) => hidden.includes(p.id))).toEqual([]);
  });

  it('keeps the abstract and marks the result card', () => {
    const p = papers[0]!;
    expect(p.title).toBe(
      'Not All Patches are What You Need: Expediting Vision Transformers via Token Reorganizations',
    );
    expect(p.abstract).toMatch(
      /^Vision Transformers \(ViTs\) take all the image patches as tokens/,
    );
    expect(p.element?.tagName).toBe('DIV');
    expect(p.element?.querySelector('h3 a[href="/papers/1901.00001"]')).not.toBeNull();
    expect(p.element?.querySelector('a[href="/papers/2006.07920"]')).toBeNull();
  });
});

describe('huggingface-papers: negatives', () => {
  it('the /posts feed yields nothing', () => {
    const { doc, url } = loadPage(
      'negatives/hf_posts_2026-02-16.html',
      'https://huggingface.co/posts',
    );
    expect(hf.matches(url)).toBe(false);
    expect(detectPapers(doc, url).papers).toEqual([]);
    // Even if it were claimed, nothing in it is a paper.
    expect(hf.detect(doc, new URL('https://huggingface.co/papers'))).toBeNull();
  });

  it('an empty day yields nothing', () => {
    const props = JSON.stringify({ dailyPapers: [], periodType: 'day', dateString: '2026-05-09' });
    const html = `<main><div class="SVELTE_HYDRATER contents" data-target="DailyPapers" data-props="${props.replace(/"/g, '&quot;')}">
      <a href="/papers/date/2026-05-08">Previous</a><a href="/papers/trending">Trending</a><a href="/papers/week/2026-W19">Week</a></div></main>`;
    const { doc, url } = fromHtml(html, 'https://huggingface.co/papers/date/2026-05-09');
    expect(hf.detect(doc, url)).toBeNull();
    expect(hf.extract(doc, url)).toEqual([]);
  });
});

describe('huggingface-papers: fragile cases', () => {
  const card = (id: string, title: string) => `<article class="relative">
    <a href="/papers/${id}"><img src="https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${id}.png"></a>
    <div><h3><a href="/papers/${id}">${title}</a></h3><a href="/papers/${id}">· 3 authors</a>
    <a href="/papers/${id}#community">4</a><a href="/some-user">Submitted by some-user</a></div></article>`;

  it('rows without JSON: DOM titles, one paper per card', () => {
    const html = `<main>${card('2605.00001', 'First &amp; Best')}${card('2605.00002', 'Second')}</main>`;
    const { doc, url } = fromHtml(html, 'https://huggingface.co/papers/trending');
    expect(hf.detect(doc, url)).toBe('listing');
    const papers = hf.extract(doc, url);
    expect(papers.map((p) => [p.id, p.title, p.element?.tagName])).toEqual([
      ['arxiv:2605.00001', 'First & Best', 'ARTICLE'],
      ['arxiv:2605.00002', 'Second', 'ARTICLE'],
    ]);
    expect(papers[0]!.authors).toEqual([]);
  });

  it('JSON without rows: the shown list, without elements', () => {
    const props = JSON.stringify({
      dailyPapers: [
        {
          title: 'A',
          paper: {
            id: '2605.00003',
            title: 'Paper A',
            summary: 'About A.',
            authors: [
              { name: 'X Y', hidden: false },
              { name: 'Hidden', hidden: true },
            ],
          },
        },
        { title: 'B', paper: { id: 'not-an-id', title: 'Paper B' } },
        { title: 'C', paper: { id: '2605.00004v2', title: 'Paper <C>' } },
      ],
      periodType: 'week',
    });
    const esc = props.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    const { doc, url } = fromHtml(
      `<div class="SVELTE_HYDRATER contents" data-target="DailyPapers" data-props="${esc}"></div>`,
      'https://huggingface.co/papers/week/2026-W19',
    );
    expect(hf.detect(doc, url)).toBe('listing');
    const papers = hf.extract(doc, url);
    expect(papers.map((p) => [p.id, p.title, p.element])).toEqual([
      ['arxiv:2605.00003', 'Paper A', undefined],
      ['arxiv:2605.00004', 'Paper <C>', undefined],
    ]);
    expect(papers[0]!.authors).toEqual(['X Y']);
    expect(papers[0]!.abstract).toBe('About A.');
  });

  it('cards in list items, and links in a bare paragraph', () => {
    const html = `<ul><li><div><a href="https://huggingface.co/papers/2401.00001">One</a></div><span>1 comment</span></li>
      <li><a href="/papers/2401.00002">Two</a></li></ul>
      <p>See <a href="/papers/2401.00003">Three</a> and <a href="/papers/2401.00004">Four</a>.</p>`;
    const { doc, url } = fromHtml(html, 'https://huggingface.co/papers/month/2024-01');
    const papers = hf.extract(doc, url);
    expect(papers.map((p) => [p.id, p.title, p.element?.tagName])).toEqual([
      ['arxiv:2401.00001', 'One', 'LI'],
      ['arxiv:2401.00002', 'Two', 'LI'],
      ['arxiv:2401.00003', 'Three', 'A'],
      ['arxiv:2401.00004', 'Four', 'A'],
    ]);
  });

  it('a list inside a card does not split the card', () => {
    const html = `<div class="grid">
      <article><h3><a href="/papers/2401.00005">Five</a></h3>
        <a href="/papers/2401.00005"><ul><li title="Ann Author"><img alt=""></li><li title="Bob Author"><img alt=""></li></ul> · 2 authors</a></article>
      <article><h3><a href="/papers/2401.00006">Six</a></h3>
        <ul><li><a href="/papers/2401.00006">Six, again</a></li></ul></article></div>`;
    const { doc, url } = fromHtml(html, 'https://huggingface.co/papers/trending');
    expect(hf.extract(doc, url).map((p) => [p.id, p.title, p.element?.tagName])).toEqual([
      ['arxiv:2401.00005', 'Five', 'ARTICLE'],
      ['arxiv:2401.00006', 'Six', 'ARTICLE'],
    ]);
  });

  it('bounded on a hostile page', () => {
    const rows: string[] = [];
    for (let i = 0; i < 6000; i++)
      rows.push(`<div><a href="/papers/2401.${String(i).padStart(5, '0')}">P${i}</a></div>`);
    const { doc, url } = fromHtml(
      `<section>${rows.join('')}</section>`,
      'https://huggingface.co/papers',
    );
    const papers = hf.extract(doc, url);
    expect(papers).toHaveLength(5000);
    expect(papers[4999]!.title).toBe('P4999');
    expect(papers[0]!.element?.tagName).toBe('DIV');
  });
});
