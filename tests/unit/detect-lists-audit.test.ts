/**
 * Audit of the generic listing reader where researchers meet lists of papers without a site
 * adapter (scratch/audit-lists/FINDINGS.md): al-folio and Wowchemy publication pages, GitHub
 * awesome-list READMEs, blog posts with reference lists, newsletters and reading-group tables.
 * Reconstructed pages naming their evidence in tests/fixtures/reconstructed/generic-listings-audit,
 * and inline pages for each rule they showed missing.
 */
import { describe, expect, it } from 'vitest';
import { detectPapers } from '../../utils/detect/index';
import type { FoundPaper } from '../../utils/paper';
import { fromHtml } from './helpers/page';
import { checkReconstructed } from './helpers/reconstructed';

function found(html: string, url = 'https://example.org/pubs/'): FoundPaper[] {
  const { doc, url: u } = fromHtml(html, url);
  return detectPapers(doc, u).papers;
}

const rows = (ps: FoundPaper[]) => ps.map((p) => [p.id, p.title]);

describe('reconstructed lists', () => checkReconstructed('generic-listings-audit'));

describe('publication-list themes', () => {
  it('reads the title of a list item made long by its hidden abstract and BibTeX', () => {
    const abstract = 'We study widgets under load and report what we saw. '.repeat(60);
    const ps = found(`<main><ol class="bibliography"><li><div class="row"><div>
      <div class="title">Widget Drift Under Sustained Load</div>
      <div class="author">A. Author and B. Author</div>
      <div class="links"><a href="http://arxiv.org/abs/2101.00001">arXiv</a>
        <a href="https://github.com/x/y">Code</a></div>
      <div class="abstract hidden"><p>${abstract}</p></div>
      <div class="bibtex hidden"><pre>@article{a, title={Widget Drift Under Sustained Load}}</pre></div>
      </div></div></li></ol></main>`);
    expect(rows(ps)).toEqual([['arxiv:2101.00001', 'Widget Drift Under Sustained Load']]);
  });

  it('still reads a long list item whose link comes late, link by link', () => {
    const prose = 'A long discussion of related widgets and their many failings. '.repeat(60);
    const ps = found(`<main><ul><li>${prose}
      <a href="https://arxiv.org/abs/2101.00001">Widget Drift Under Sustained Load</a></li></ul></main>`);
    expect(rows(ps)).toEqual([['arxiv:2101.00001', 'Widget Drift Under Sustained Load']]);
  });

  it('takes the entry around a paragraph of buttons, not the paragraph alone', () => {
    const ps = found(`<main><div class="entry">
      <span>A. Author, B. Author</span> (2021).
      <a href="/publication/widget-drift/">Widget Drift Under Sustained Load</a>. <em>Journal of Widgets</em>.
      <p><a href="https://arxiv.org/pdf/2101.00001">PDF</a> <a href="#">Cite</a>
        <a href="https://github.com/x/y">Code</a> <a href="https://doi.org/10.5555/widget.1">DOI</a></p>
      </div><div class="entry">
      <span>C. Author</span> (2022).
      <a href="/publication/gadgets/">Gadget Sprawl in Practice</a>.
      <p><a href="https://doi.org/10.5555/gadget.2">DOI</a></p></div></main>`);
    expect(rows(ps)).toEqual([
      ['arxiv:2101.00001', 'Widget Drift Under Sustained Load'],
      ['doi:10.5555/gadget.2', 'Gadget Sprawl in Practice'],
    ]);
  });

  it('keeps an entry whole however many authors it lists', () => {
    const authors = Array.from(
      { length: 30 },
      (_, i) => `<span><a href="/author/a${i}/">Author Number${i} Surname${i}</a></span>`,
    );
    const ps = found(`<main><div class="entry"><div class="pub">
      <span>${authors.join(', ')}</span> (2005).
      <a href="/publication/kuramoto/">The Kuramoto model: A simple paradigm for synchronization phenomena</a>.
      <em>Reviews of Modern Physics</em>.
      <p><a href="#">Cite</a> <a href="https://doi.org/10.1103/RevModPhys.77.137">DOI</a></p>
      </div></div></main>`);
    expect(rows(ps)).toEqual([
      [
        'doi:10.1103/revmodphys.77.137',
        'The Kuramoto model: A simple paradigm for synchronization phenomena',
      ],
    ]);
  });

  it("leaves a post's paragraph of links under its own heading", () => {
    const ps = found(`<main><div class="post">
      <h2>Background on the widget literature</h2><p>Some prose.</p>
      <h2>Widget Drift Under Sustained Load</h2>
      <p><a href="https://arxiv.org/abs/2101.00001">arXiv</a> <a href="https://github.com/x/y">code</a></p>
      </div></main>`);
    expect(rows(ps)).toEqual([['arxiv:2101.00001', 'Widget Drift Under Sustained Load']]);
  });
});

describe('awesome lists', () => {
  it('drops a dated tag ahead of the title', () => {
    const ps = found(`<main><ol><li><p>[2023/07] Communicative Agents for Software Development.
      (Tsinghua University) [<a href="https://arxiv.org/abs/2307.07924">paper</a>]
      [<a href="https://github.com/openbmb/chatdev">code</a>]</p></li></ol></main>`);
    expect(rows(ps)).toEqual([
      ['arxiv:2307.07924', 'Communicative Agents for Software Development'],
    ]);
  });

  it('never takes a code link for the title', () => {
    const ps =
      found(`<main><ul><li><strong>EEGNet</strong>, [<a href="https://arxiv.org/abs/1611.08024">paper</a>,
      <a href="https://github.com/vlawhern/arl-eegmodels">original code</a>]</li>
      <li>Widget Drift Under Sustained Load [<a href="https://arxiv.org/abs/2101.00001">paper</a>]
      [<a href="https://github.com/x/y">PyTorch implementation</a>]</li></ul></main>`);
    expect(rows(ps)).toEqual([
      ['arxiv:1611.08024', ''],
      ['arxiv:2101.00001', 'Widget Drift Under Sustained Load'],
    ]);
  });

  it('names a table row by its Title, Paper or Name column', () => {
    const ps = found(`<main><table>
      <thead><tr><th>Date</th><th>Presenter</th><th>Paper</th><th>Resources</th></tr></thead>
      <tbody><tr><td>2026-04-01</td><td>Jaeho Lee</td><td><a href="https://arxiv.org/abs/1811.04551">PlaNet</a> (ICML 2019)</td>
        <td><a href="https://youtu.be/x">YouTube</a> / <a href="/review/planet/">Review</a></td></tr></tbody>
      </table><table>
      <thead><tr><th>Name (link)</th><th>Task</th><th>Number</th><th>Paper</th></tr></thead>
      <tbody><tr><td><a href="https://github.com/czyssrs/FinQA">FinQA</a></td><td>Numerical Reasoning over Financial Data</td>
        <td>train/dev/test: 6.2k/0.9k/1.1k</td><td><a href="https://arxiv.org/abs/2109.00122">paper</a></td></tr></tbody>
      </table></main>`);
    expect(rows(ps)).toEqual([
      ['arxiv:1811.04551', 'PlaNet'],
      ['arxiv:2109.00122', 'FinQA'],
    ]);
  });
});

describe('posts and newsletters', () => {
  it('titles a paper cited in the text by its entry in the reference list', () => {
    const ps = found(`<main><article><div class="post-content">
      <h2>Conditioned generation</h2>
      <p><a href="https://arxiv.org/abs/2105.05233">Dhariwal &amp; Nichol (2021)</a> trained a classifier. Their
      <em>ablated diffusion model</em> (<strong>ADM</strong>) does better.</p>
      <h2>References</h2>
      <p>[8] Prafulla Dhariwal &amp; Alex Nichol. <a href="https://arxiv.org/abs/2105.05233">“Diffusion Models Beat GANs on Image Synthesis.”</a> 2021.</p>
      </div></article></main>`);
    expect(rows(ps)).toEqual([
      ['arxiv:2105.05233', 'Diffusion Models Beat GANs on Image Synthesis'],
    ]);
  });

  it('names a paper by its section heading when the link only says "this link"', () => {
    const ps = found(`<main><article>
      <h2>1. Attention Is Not What You Need</h2>
      <p>This research paper challenges an assumption.</p><p>Experiments show things.</p>
      <p>Read more about this research using <a href="https://arxiv.org/abs/2101.00001">this link</a>.</p>
      <h2>2.Widget Drift Under Sustained Load</h2>
      <p>Read more using <a href="https://arxiv.org/abs/2101.00002">this link</a>.</p>
      </article></main>`);
    expect(rows(ps)).toEqual([
      ['arxiv:2101.00001', 'Attention Is Not What You Need'],
      ['arxiv:2101.00002', 'Widget Drift Under Sustained Load'],
    ]);
  });

  it('does not take a section heading for a paper the section only cites', () => {
    const ps = found(`<main><article>
      <h2>Forward diffusion process</h2>
      <p>Noise is added step by step (<a href="https://arxiv.org/abs/2006.11239">Ho et al. 2020</a>).</p>
      <h2>Reverse process</h2>
      <p>Another paper's link: <a href="https://arxiv.org/abs/2101.00003">arXiv</a>.</p>
      <p>Then <a href="https://arxiv.org/abs/2101.00004">this link</a>.</p>
      </article></main>`);
    expect(rows(ps)).toEqual([
      ['arxiv:2006.11239', ''],
      ['arxiv:2101.00003', 'Reverse process'],
      ['arxiv:2101.00004', ''],
    ]);
  });
});
