/** The arXiv adapter on the real saved pages, on URL-only pages (/pdf, /html) and on edge cases. */
import { describe, expect, it } from 'vitest';
import { detectPapers } from '../../utils/detect/index';
import { SITE_ADAPTERS } from '../../utils/detect/index';
import { arxiv, arxivYear, commaAuthors, linkAuthors } from '../../utils/detect/sites/arxiv';
import { buildIdentity, normalizeTitle } from '../../utils/identity';
import { clean } from '../../utils/detect/dom';
import { LIMITS, type FoundPaper } from '../../utils/paper';
import { fromHtml, loadPage } from './helpers/page';

const NEW = 'https://arxiv.org/list/cond-mat.mtrl-sci/new';
const SEARCH =
  'https://arxiv.org/search/?searchtype=abstract&query=distributed+systems&abstracts=show&order=-announced_date_first&size=200';

function run(file: string, url: string) {
  const { doc, url: u } = loadPage(file, url);
  return { kind: arxiv.detect(doc, u), papers: arxiv.extract(doc, u), doc };
}

describe('arxiv: URL claims', () => {
  it('claims its test URLs, and no other site adapter does', () => {
    for (const t of arxiv.testUrls) {
      const u = new URL(t);
      expect(
        SITE_ADAPTERS.filter((a) => a.matches(u)).map((a) => a.id),
        t,
      ).toEqual(['arxiv']);
    }
  });
  it('leaves alone non-page URLs and other sites', () => {
    for (const t of [
      'https://export.arxiv.org/api/query?search_query=all:electron',
      'https://arxiv.org/',
      'https://info.arxiv.org/help/api/index.html',
      'https://arxiv.org/help/api',
      'https://www.alphaxiv.org/abs/2106.09608',
      'https://notarxiv.org/abs/2106.09608',
      'https://huggingface.co/papers/2106.09608',
    ]) {
      expect(arxiv.matches(new URL(t)), t).toBe(false);
    }
  });
});

describe('arxiv: abstract page', () => {
  it('reads the citation meta and the page, without the labels', () => {
    const { kind, papers } = run(
      'arxiv/abs_2106.09608_2021.html',
      'https://arxiv.org/abs/2106.09608v2',
    );
    expect(kind).toBe('single');
    expect(papers).toHaveLength(1);
    const p = papers[0]!;
    expect(p.id).toBe('arxiv:2106.09608');
    expect(p.title).toBe('Learning Knowledge Graph-based World Models of Textual Environments');
    expect(p.authors).toEqual(['Prithviraj Ammanabrolu', 'Mark O. Riedl']);
    expect(p.year).toBe(2021);
    expect(p.venue).toBe('arXiv');
    expect(p.abstract).toMatch(/^World models improve a learning agent's ability/);
    expect(p.abstract).not.toMatch(/Abstract:/);
    expect(p.url).toBe('https://arxiv.org/abs/2106.09608');
    expect(p.pdfUrl).toBe('https://arxiv.org/pdf/2106.09608');
    expect(p.kind).toBe('single');
    expect(p.element?.tagName).toBe('H1');
  });

  it('reads old-style ids, journal refs and DOIs', () => {
    const html = `<html><head>
      <meta name="citation_title" content="A hard title">
      <meta name="citation_author" content="Perelman, Grisha">
      <meta name="citation_arxiv_id" content="math/0309136">
      <meta name="citation_doi" content="10.1000/XYZ.1">
      </head><body><div id="abs"><h1 class="title mathjax"><span class="descriptor">Title:</span>A hard title</h1>
      <table><tr><td class="tablecell label">Journal reference:</td><td class="tablecell jref">Ann. Math. 1 (2004) 1-2</td></tr></table>
      </div></body></html>`;
    const { doc, url } = fromHtml(html, 'https://arxiv.org/abs/math.DG/0309136v1');
    expect(arxiv.detect(doc, url)).toBe('single');
    const [p] = arxiv.extract(doc, url);
    expect(p?.id).toBe('arxiv:math/0309136');
    expect(p?.aliases).toEqual(['doi:10.1000/xyz.1']);
    // No author links on the page: the meta names, turned around.
    expect(p?.authors).toEqual(['Grisha Perelman']);
    expect(p?.year).toBe(2003);
    expect(p?.venue).toBe('Ann. Math. 1 (2004) 1-2');
    expect(p?.url).toBe('https://arxiv.org/abs/math/0309136');
  });

  it('finds nothing on an error page', () => {
    const { doc, url } = fromHtml(
      '<html><body><h1>Article identifier not recognized</h1></body></html>',
      'https://arxiv.org/abs/2106.99999',
    );
    expect(arxiv.detect(doc, url)).toBeNull();
  });
});

describe('arxiv: PDF and HTML renderings', () => {
  it('names the paper from the URL alone in the PDF viewer', () => {
    for (const [u, id] of [
      ['https://arxiv.org/pdf/2106.09608v2', 'arxiv:2106.09608'],
      ['https://arxiv.org/pdf/2106.09608.pdf', 'arxiv:2106.09608'],
      ['https://export.arxiv.org/pdf/hep-th/9711200v3', 'arxiv:hep-th/9711200'],
    ] as const) {
      const { doc, url } = fromHtml('<html><body><embed type="application/pdf"></body></html>', u);
      expect(arxiv.detect(doc, url), u).toBe('single');
      const papers = arxiv.extract(doc, url);
      expect(
        papers.map((p) => [p.id, p.title, p.kind]),
        u,
      ).toEqual([[id, '', 'single']]);
    }
    const { doc, url } = fromHtml('<html></html>', 'https://arxiv.org/pdf/not-an-id');
    expect(arxiv.detect(doc, url)).toBeNull();
  });

  it('reads the LaTeXML title of an HTML rendering, without footnotes', () => {
    const html = `<html><head><title>A Study</title></head><body><article class="ltx_document">
      <h1 class="ltx_title ltx_title_document">Mixtral of Experts<span class="ltx_note ltx_role_footnote"><sup>1</sup>Work done at X</span></h1>
      <div class="ltx_abstract"><h6 class="ltx_title">Abstract</h6><p class="ltx_p">We introduce Mixtral.</p></div>
      </article></body></html>`;
    const { doc, url } = fromHtml(html, 'https://arxiv.org/html/2401.04088v1');
    const [p] = arxiv.extract(doc, url);
    expect(p?.id).toBe('arxiv:2401.04088');
    expect(p?.title).toBe('Mixtral of Experts');
    expect(p?.abstract).toBe('We introduce Mixtral.');
    expect(p?.year).toBe(2024);
  });
});

describe('arxiv: LaTeXML renderings (/html, ar5iv, browse)', () => {
  const PI0 = 'π0: A Vision-Language-Action Flow Model for General Robot Control';

  it('reads math in the title and abstract once, from the MathML the reader sees', () => {
    const { kind, papers } = run(
      'reconstructed/arxiv/html_2410.24164v1_math-title.html',
      'https://arxiv.org/html/2410.24164v1',
    );
    expect(kind).toBe('single');
    expect(papers).toHaveLength(1);
    expect(papers[0]!.id).toBe('arxiv:2410.24164');
    expect(papers[0]!.title).toBe(PI0);
    expect(papers[0]!.abstract).toBe(
      'We propose π0, a flow matching architecture built on top of a pre-trained vision-language model.',
    );
  });

  it('reads a line break in the title as a space', () => {
    const { papers } = run(
      'reconstructed/arxiv/html_2204.06023_br-title.html',
      'https://arxiv.org/html/2204.06023v1',
    );
    expect(papers.map((p) => [p.id, p.title, p.abstract])).toEqual([
      [
        'arxiv:2204.06023',
        'Homological invariants of Pauli stabilizer codes',
        'We study stabilizer codes on lattices.',
      ],
    ]);
  });

  it('claims the same renderings on ar5iv and browse.arxiv.org, and only them', () => {
    for (const u of [
      'https://ar5iv.labs.arxiv.org/html/2410.24164',
      'https://ar5iv.labs.arxiv.org/html/2410.24164v1',
      'https://browse.arxiv.org/html/2410.24164v1',
    ]) {
      const { doc, url } = loadPage('reconstructed/arxiv/html_2410.24164v1_math-title.html', u);
      // The page cites three arXiv papers: they are references, not the page's papers.
      const d = detectPapers(doc, url);
      expect(d.sources, u).toEqual(['arxiv']);
      expect(
        d.papers.map((p) => [p.id, p.title, p.kind]),
        u,
      ).toEqual([['arxiv:2410.24164', PI0, 'single']]);
    }
    for (const u of [
      'https://ar5iv.labs.arxiv.org/',
      'https://ar5iv.labs.arxiv.org/html/',
      'https://ar5iv.labs.arxiv.org/abs/2410.24164',
      'https://browse.arxiv.org/',
      'https://browse.arxiv.org/list/cs/new',
    ]) {
      expect(arxiv.matches(new URL(u)), u).toBe(false);
    }
  });

  it('reads the papers of proceedings served as HTML, and nothing more', () => {
    const { kind, papers } = run(
      'reconstructed/arxiv/html_2403.10561v1_proceedings.html',
      'https://arxiv.org/html/2403.10561v1',
    );
    expect(kind).toBe('listing');
    expect(papers.map((p) => [p.id, p.title, p.authors, p.kind])).toEqual([
      [
        'arxiv:2401.00907',
        'LaFFi: Leveraging Hybrid Natural Language Feedback for Fine-tuning Language Models',
        ['Ada Fixture', 'Ben Example'],
        'listing',
      ],
      [
        'arxiv:2401.01640',
        'Evaluating Fairness in Self-supervised and Supervised Models for Sequential Data',
        ['Cora Sample'],
        'listing',
      ],
      [
        'arxiv:2401.04647',
        'Advancing Ante Hoc Explainable Models through Generative Adversarial Networks',
        ['Dan Placeholder', 'Eve Stand-in'],
        'listing',
      ],
    ]);
    expect(papers[0]!.element?.tagName).toBe('DT');
  });

  it('keeps a LaTeXML paper single, whatever lists it holds', () => {
    // A description list whose term links to arXiv, in a rendering without a title element.
    const { doc, url } = fromHtml(
      `<html><body><article class="ltx_document"><dl class="ltx_description">
        <dt class="ltx_item"><a href="https://arxiv.org/abs/1706.03762">[Transformer]</a></dt>
        <dd class="ltx_item"><div class="list-title">Not a listing</div></dd></dl></article></body></html>`,
      'https://arxiv.org/html/2401.04088v1',
    );
    expect(arxiv.detect(doc, url)).toBe('single');
    expect(arxiv.extract(doc, url).map((p) => [p.id, p.title])).toEqual([['arxiv:2401.04088', '']]);
  });
});

describe('arxiv: listings', () => {
  it('reads the current layout (/new): new, cross-lists, replacements', () => {
    const { kind, papers } = run('arxiv/list_cond-mat.mtrl-sci_new_2026-09.html', NEW);
    expect(kind).toBe('listing');
    expect(papers).toHaveLength(101);
    expect(new Set(papers.map((p) => p.id)).size).toBe(101);
    const first = papers[0]!;
    expect(first.id).toBe('arxiv:2609.22268');
    expect(first.title).toBe(
      'Efficient spectral Galerkin framework for nonlinear transient heat transfer in finite domains',
    );
    expect(first.authors).toEqual(['Théo Andrieux', 'Andreas Ntinos', 'Manas V. Upadhyay']);
    expect(first.abstract).toMatch(/^Accurately modelling the temporal evolution/);
    expect(first.year).toBe(2026);
    expect(first.element?.tagName).toBe('DT');
    expect(first.element?.querySelector('a[href="/abs/2609.22268"]')).not.toBeNull();
    const replaced = papers[66]!;
    expect(replaced.id).toBe('arxiv:2411.19270');
    expect(replaced.title).toBe("Kirchhoff's analogy for a planar deformable ferromagnetic rod");
    expect(replaced.venue).toBe('Journal of Applied Mechanics 92, no. 8 (2025): 081003');
    expect(replaced.year).toBe(2024);
    expect(
      papers.every((p) => p.kind === 'listing' && !/^Title:/.test(p.title) && p.authors.length > 0),
    ).toBe(true);
  });

  it('reads the pre-2024 layout', () => {
    const { kind, papers } = run(
      'arxiv/list_cs_2301_old-layout.html',
      'https://arxiv.org/list/cs/2301?skip=0&show=3',
    );
    expect(kind).toBe('listing');
    expect(papers.map((p) => p.id)).toEqual([
      'arxiv:2301.00001',
      'arxiv:2301.00002',
      'arxiv:2301.00003',
    ]);
    expect(papers[0]!.title).toBe('NFTrig');
    expect(papers[0]!.authors).toEqual([
      'Jordan Thompson',
      'Ryan Benac',
      'Kidus Olana',
      'Talha Hassan',
      'Andrew Sward',
      'Tauheed Khan Mohd',
    ]);
    expect(papers[1]!.title).toBe(
      'Evaluating Alternative Glyph Design for Showing Large-Magnitude-Range Quantum Spins',
    );
    expect(papers[0]!.abstract).toBeUndefined();
  });

  it('finds nothing on an empty month', () => {
    const { kind, papers } = run(
      'negatives/arxiv_list_cs_9101_empty.html',
      'https://arxiv.org/list/cs/9101',
    );
    expect(kind).toBeNull();
    expect(papers).toEqual([]);
  });

  it('reads search results, with DOIs, journal refs and the full abstract', () => {
    const { kind, papers } = run('arxiv/search_distributed-systems_2025-12.html', SEARCH);
    expect(kind).toBe('listing');
    expect(papers).toHaveLength(200);
    const p = papers[0]!;
    expect(p.id).toBe('arxiv:2512.03003');
    expect(p.title).toBe(
      'The role of the top Yukawa coupling in triple Higgs production at the LHC',
    );
    expect(p.authors).toEqual(['Luca Panizzi']);
    expect(p.abstract).toMatch(/^In this letter I quantify/);
    expect(p.abstract).toMatch(/global observables\.$/);
    expect(p.element?.tagName).toBe('LI');
    const hybrid = papers.find((x) => x.id === 'arxiv:2512.10701')!;
    expect(hybrid.aliases).toEqual(['doi:10.1145/3773274.3774931']);
    expect(hybrid.authors).toHaveLength(5);
    expect(papers.find((x) => x.aliases.includes('doi:10.1016/j.physb.2025.417533'))?.venue).toBe(
      'Physica B: Condensed Matter, 417533 (2025)',
    );
    expect(papers.filter((x) => x.aliases.length)).toHaveLength(9);
    expect(papers.every((x) => x.abstract && !/[△▽]/.test(x.abstract))).toBe(true);
  });

  it('the registry hands arXiv pages to this adapter', () => {
    const { doc, url } = loadPage(
      'arxiv/list_cs_2301_old-layout.html',
      'https://arxiv.org/list/cs/2301',
    );
    const d = detectPapers(doc, url);
    expect(d.sources).toEqual(['arxiv']);
    expect(d.kind).toBe('listing');
  });
});

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A listing of `n` rows in the current layout, with the real /new page's first abstract and authors. */
function bigListing(n: number) {
  const { doc } = loadPage('arxiv/list_cond-mat.mtrl-sci_new_2026-09.html', NEW);
  const dd = doc.querySelector('dd')!;
  const abstract = esc(dd.querySelector('p')!.textContent ?? '');
  const authors = Array.from(dd.querySelectorAll('.list-authors a'))
    .map(
      (a) =>
        `<a href="https://arxiv.org/search/cond-mat?searchtype=author">${esc(a.textContent ?? '')}</a>`,
    )
    .join(', ');
  const rows: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `2609.${String(i).padStart(5, '0')}`;
    rows.push(`<dt><a name="item${i}">[${i}]</a> <a href ="/abs/${id}" title="Abstract" id="${id}">arXiv:${id}</a>
      [<a href="/pdf/${id}" title="Download PDF">pdf</a>, <a href="https://arxiv.org/html/${id}v1">html</a>, <a href="/format/${id}">other</a>]</dt>
      <dd><div class='meta'><div class='list-title mathjax'><span class='descriptor'>Title:</span> Row ${i} of a long day</div>
      <div class='list-authors'>${authors}</div>
      <div class='list-subjects'><span class='descriptor'>Subjects:</span> <span class="primary-subject">Materials Science (cond-mat.mtrl-sci)</span></div>
      <p class='mathjax'>${abstract}</p></div></dd>`);
  }
  return fromHtml(`<html><body><dl id="articles">${rows.join('')}</dl></body></html>`, NEW);
}

describe('arxiv: bounds', () => {
  it('stops at LIMITS.rowsPerPage rows', () => {
    const rows: string[] = [];
    for (let i = 0; i < LIMITS.rowsPerPage + 50; i++) {
      rows.push(
        `<dt><a href="/abs/2609.${String(i).padStart(5, '0')}">x</a></dt><dd><div class="list-title">T${i}</div></dd>`,
      );
    }
    const { doc, url } = fromHtml(`<dl>${rows.join('')}</dl>`, NEW);
    const papers = arxiv.extract(doc, url);
    expect(papers).toHaveLength(LIMITS.rowsPerPage);
    expect(papers.at(-1)!.id).toBe(`arxiv:2609.0${LIMITS.rowsPerPage - 1}`);
  });

  it('queries the document a fixed number of times, whatever the row count', () => {
    // Per-row work must stay inside the row: whole-document queries per row make a long listing
    // quadratic. (Wall-clock bounds are flaky on shared machines; this count is not.)
    const { doc, url } = bigListing(300);
    let calls = 0;
    let byId = 0;
    const qsa = doc.querySelectorAll.bind(doc);
    const qs = doc.querySelector.bind(doc);
    const gid = doc.getElementById.bind(doc);
    Object.assign(doc, {
      querySelectorAll: (s: string) => (calls++, qsa(s)),
      querySelector: (s: string) => (calls++, qs(s)),
      getElementById: (s: string) => (byId++, gid(s)),
    });
    expect(arxiv.detect(doc, url)).toBe('listing');
    const papers = arxiv.extract(doc, url);
    expect(papers).toHaveLength(300);
    expect(papers[299]!.title).toBe('Row 299 of a long day');
    expect(papers[299]!.authors).toEqual(['Théo Andrieux', 'Andreas Ntinos', 'Manas V. Upadhyay']);
    expect(calls).toBeLessThanOrEqual(4);
    // Whether MathJax has typeset the page is one lookup by id, not a question per row.
    expect(byId).toBeLessThanOrEqual(1);
  });
});

describe('arxiv: listing fields', () => {
  it('takes labels off, collapses whitespace and matches class names as whole words', () => {
    const { doc, url } = fromHtml(
      `<dl><dt><a href="/abs/2609.00001">arXiv:2609.00001</a></dt><dd><div class="meta">
        <div class="x-list-title">Title: Not the title</div>
        <div class="mathjax list-title"><span class="descriptor">Title:</span>
          A\u00a0Title \n with   runs\tof space
        </div>
        <div class='list-authors'><span class="descriptor">Authors:</span>
          <a href="#">Ann  Lee</a>, <a href="#">et al.</a>, <a href="#">(2 additional authors not shown)</a>,
          <a href="#"> Bo\nKim </a></div>
        <div class="list-journal-ref"><span class="descriptor">Journal-ref:</span>  Phys.\n Rev. B 1</div>
        <p>  An   abstract.\n</p></div></dd></dl>`,
      NEW,
    );
    const [p] = arxiv.extract(doc, url);
    expect(p!.title).toBe('A Title with runs of space');
    expect(p!.authors).toEqual(['Ann Lee', 'Bo Kim']);
    expect(p!.venue).toBe('Phys. Rev. B 1');
    expect(p!.abstract).toBe('An abstract.');
  });

  it('reads a journal-ref whose label wraps as it did before', () => {
    const { doc, url } = fromHtml(
      `<dl><dt><a href="/abs/2609.00001">arXiv:2609.00001</a></dt><dd>
        <div class="list-title">Title:T</div>
        <div class="list-journal-ref">Journal\n ref: J. Phys. 2</div></dd></dl>`,
      NEW,
    );
    const [p] = arxiv.extract(doc, url);
    expect(p!.title).toBe('T');
    expect(p!.venue).toBe('J. Phys. 2');
  });
});

describe('arxiv: rows without names', () => {
  it('take no author from the listing template\'s "(author list is unavailable)"', () => {
    const { doc, url } = fromHtml(
      `<dl><dt><a href="/abs/q-alg/9503002">arXiv:q-alg/9503002</a></dt><dd><div class="meta">
        <div class="list-title mathjax"><span class="descriptor">Title:</span>
          Higher-Dimensional Algebra and Topological Quantum Field Theory</div>
        <div class='list-authors'>(author list is unavailable)</div></div></dd>
       <dt><a href="/abs/1004.5432">arXiv:1004.5432</a></dt><dd><div class="meta">
        <div class='list-authors'><span class="descriptor">Authors:</span> A. One, (author list is unavailable)</div></div></dd></dl>`,
      'https://arxiv.org/a/baez_j_1.html',
    );
    const papers = arxiv.extract(doc, url);
    expect(papers.map((p) => [p.id, p.authors])).toEqual([
      ['arxiv:q-alg/9503002', []],
      ['arxiv:1004.5432', ['A. One']],
    ]);
    const search = fromHtml(
      `<ol><li class="arxiv-result"><p class="list-title"><a href="https://arxiv.org/abs/1004.5432">arXiv:1004.5432</a></p>
        <p class="title is-5 mathjax">T</p>
        <p class="authors"><span>Authors:</span> (author list is unavailable)</p></li></ol>`,
      SEARCH,
    );
    expect(arxiv.extract(search.doc, search.url).map((p) => p.authors)).toEqual([[]]);
  });
});

const MATHML = 'http://www.w3.org/1998/Math/MathML';

/**
 * One formula as MathJax 2 leaves it in the page (tex2jax, HTML-CSS output, assistive MathML):
 * an emptied preview, the rendered frame (glyphs, then hidden MathML: two more copies of the
 * formula) and the script holding the TeX. Built with DOM calls, as MathJax builds it.
 */
function mathJax2Formula(
  doc: Document,
  n: number,
  tex: string,
  display: boolean,
): DocumentFragment {
  const span = (cls: string) => {
    const e = doc.createElement('span');
    e.className = cls;
    return e;
  };
  const rendered = tex.replace(/\\[a-z]+|[{}^_\\ ]/gi, (m) => (m === '\\pi' ? 'π' : ''));
  const preview = span('MathJax_Preview');
  preview.style.display = 'none';
  const frame = span('MathJax');
  frame.id = `MathJax-Element-${n}-Frame`;
  const nobr = doc.createElement('nobr');
  const glyphs = span('math');
  glyphs.textContent = rendered;
  nobr.append(glyphs);
  const assistive = span('MJX_Assistive_MathML');
  const math = doc.createElementNS(MATHML, 'math');
  const mi = doc.createElementNS(MATHML, 'mi');
  mi.textContent = rendered;
  math.append(mi);
  assistive.append(math);
  frame.append(nobr, assistive);
  const script = doc.createElement('script');
  script.type = display ? 'math/tex; mode=display' : 'math/tex';
  script.id = `MathJax-Element-${n}`;
  script.text = tex;
  const out = doc.createDocumentFragment();
  if (display) {
    const div = doc.createElement('div');
    div.className = 'MathJax_Display';
    div.append(frame);
    out.append(preview, div, script);
  } else out.append(preview, frame, script);
  return out;
}

/**
 * Typesets a saved page as MathJax 2 does in the browser: every $…$ and $$…$$ in the text of an
 * element of class `mathjax` (arXiv's processClass) becomes mathJax2Formula. Returns the count.
 */
function typesetLikeMathJax2(doc: Document): number {
  const texts = new Set<Text>();
  for (const root of Array.from(doc.querySelectorAll('.mathjax'))) {
    const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) texts.add(t as Text);
  }
  let n = 0;
  for (const t of texts) {
    // An escaped dollar is text to tex2jax: left alone rather than imitated.
    if (!t.data.includes('$') || t.data.includes('\\$')) continue;
    const parts = t.data.split(/(\$\$[^$]+\$\$|\$[^$]+\$)/);
    if (parts.length < 3) continue;
    const frag = doc.createDocumentFragment();
    for (const part of parts) {
      const m = /^(\$\$?)([^$]+)\1$/.exec(part);
      if (m) frag.append(mathJax2Formula(doc, ++n, m[2]!, m[1] === '$$'));
      else if (part) frag.append(part);
    }
    t.replaceWith(frag);
  }
  return n;
}

const fields = (papers: FoundPaper[]) =>
  papers.map((p) => ({
    id: p.id,
    title: p.title,
    key: normalizeTitle(p.title),
    authors: p.authors,
    venue: p.venue,
    abstract: p.abstract,
  }));

describe('arxiv: pages MathJax 2 has typeset', () => {
  it('read each formula once, as the TeX the untypeset page shows', () => {
    const { papers } = run(
      'reconstructed/arxiv/list_cs.RO_new_mathjax-typeset.html',
      'https://arxiv.org/list/cs.RO/new',
    );
    expect(papers.map((p) => [p.id, p.title, p.abstract])).toEqual([
      [
        'arxiv:2410.24164',
        '$\\pi_0$: A Vision-Language-Action Flow Model for General Robot Control',
        'We propose $\\pi_0$, a flow matching architecture built on top of a pre-trained vision-language model.',
      ],
      // Read by MathJax but not yet rendered: the preview still holds the TeX.
      [
        'arxiv:2410.99165',
        'Grasping with $SE(3)$-equivariant policies',
        'Policies equivariant under $SE(3)$ learn from few demonstrations.',
      ],
      [
        'arxiv:2410.99166',
        'Bounded regret for legged robots',
        'We show that the regret satisfies $R_T \\le \\sqrt{T}$ for every horizon.',
      ],
    ]);
    expect(papers[0]!.authors).toEqual(['Kevin Black', 'Noah Brown']);
    const search = run('reconstructed/arxiv/search_pi0_mathjax-typeset.html', SEARCH).papers;
    expect(search.map((p) => [p.id, p.title, p.abstract])).toEqual([
      [
        'arxiv:2410.24164',
        '$\\pi_0$: A Vision-Language-Action Flow Model for General Robot Control',
        'We propose $\\pi_0$, a flow matching architecture built on top of a pre-trained vision-language model.',
      ],
    ]);
  });

  it('read display math back between double dollars', () => {
    // MathJax puts display math in a div, which HTML cannot parse inside the abstract's <p>:
    // built with DOM calls, as MathJax builds it.
    const { doc, url } = fromHtml(
      `<dl><dt><a href="/abs/2410.99166">arXiv:2410.99166</a></dt><dd><div class="meta">
        <div class="list-title mathjax"><span class="descriptor">Title:</span> Regret of $\\pi_0$</div>
        <p class="mathjax">We show $$R_T \\le \\sqrt{T}$$ for every $T$.</p></div></dd></dl>`,
      'https://arxiv.org/list/cs.RO/new',
    );
    const before = fields(arxiv.extract(doc, url));
    expect(typesetLikeMathJax2(doc)).toBe(3);
    expect(doc.querySelector('p.mathjax .MathJax_Display')).not.toBeNull();
    expect(fields(arxiv.extract(doc, url))).toEqual(before);
    expect(before[0]!.abstract).toBe('We show $$R_T \\le \\sqrt{T}$$ for every $T$.');
  });

  it('give the same papers, titles and title keys as the page before MathJax ran', () => {
    for (const [file, url, least] of [
      ['arxiv/list_cond-mat.mtrl-sci_new_2026-09.html', NEW, 50],
      ['arxiv/search_distributed-systems_2025-12.html', SEARCH, 50],
    ] as const) {
      const { doc, url: u } = loadPage(file, url);
      const before = fields(arxiv.extract(doc, u));
      expect(typesetLikeMathJax2(doc), file).toBeGreaterThan(least);
      const after = arxiv.extract(doc, u);
      expect(fields(after), file).toEqual(before);
      // Parts of a typeset listing read as the whole does.
      const part = arxiv.slice!(doc, u, () => [3, 40]);
      if (part) expect(fields(part), file).toEqual(fields(after).slice(3, 40));
    }
  });
});

describe('arxiv: listing rows built without makePaper', () => {
  it('give canonical ids and fields already clean to the bounds makePaper uses', () => {
    const { doc, url } = fromHtml(
      `<dl><dt><a href="/abs/math.GT/0309136v2">old id</a></dt><dd>
        <div class="list-title">Title:\u00a0 Runs \n of\tspace ${'x'.repeat(LIMITS.title)}</div>
        <div class="list-authors"><a href="#"> Ann \u2003 Lee </a>, <a href="#">${'N'.repeat(LIMITS.author * 2)}</a></div>
        <div class="list-journal-ref">Journal-ref: Phys.\n\n Rev.</div>
        <p>\n An\u00a0\u00a0abstract \n</p></dd>
       <dt><a href="https://arxiv.org/abs/2609.00001v3">new id</a></dt><dd>
        <div class="list-authors">Authors: A.  One,  B.\nTwo</div></dd></dl>`,
      NEW,
    );
    const papers = [
      ...arxiv.extract(doc, url),
      ...run('arxiv/list_cond-mat.mtrl-sci_new_2026-09.html', NEW).papers,
      ...run('arxiv/list_cs_2301_old-layout.html', 'https://arxiv.org/list/cs/2301').papers,
    ];
    expect(papers.slice(0, 2).map((p) => p.id)).toEqual(['arxiv:math/0309136', 'arxiv:2609.00001']);
    expect(papers[0]!.authors[0]).toBe('Ann Lee');
    expect(papers[0]!.authors[1]).toHaveLength(LIMITS.author);
    expect(papers[0]!.title).toHaveLength(LIMITS.title);
    expect(papers[1]!.authors).toEqual(['A. One', 'B. Two']);
    for (const p of papers) {
      expect(buildIdentity([p.id], p.title)).toEqual({ id: p.id, aliases: [] });
      expect(clean(p.title, LIMITS.title)).toBe(p.title);
      for (const a of p.authors) expect(clean(a, LIMITS.author)).toBe(a);
      expect(clean(p.venue, LIMITS.venue)).toBe(p.venue);
      expect(clean(p.abstract, LIMITS.abstract)).toBe(p.abstract ?? '');
    }
  });
});

describe('arxiv: part of a listing (slice)', () => {
  it('gives the chosen rows exactly as extract gives them, and nothing for other pages', () => {
    for (const [file, url] of [
      ['arxiv/list_cond-mat.mtrl-sci_new_2026-09.html', NEW],
      ['arxiv/list_cs_2301_old-layout.html', 'https://arxiv.org/list/cs/2301'],
    ] as const) {
      const { doc, url: u } = loadPage(file, url);
      const all = arxiv.extract(doc, u);
      const rows: Element[] = [];
      const part = arxiv.slice!(doc, u, (list) => {
        rows.push(...Array.from(list));
        return [1, 30];
      });
      const chosen = new Set(rows.slice(1, 30));
      expect(part).toEqual(all.filter((p) => chosen.has(p.element!)));
      expect(part!.length).toBe(Math.min(29, rows.length - 1));
      expect(arxiv.slice!(doc, u, () => null)).toBeNull();
    }
    const search = loadPage('arxiv/search_distributed-systems_2025-12.html', SEARCH);
    expect(arxiv.slice!(search.doc, search.url, () => [0, 5])).toBeNull();
    const abs = loadPage('arxiv/abs_2106.09608_2021.html', 'https://arxiv.org/abs/2106.09608');
    expect(arxiv.slice!(abs.doc, abs.url, () => [0, 5])).toBeNull();
  });
});

describe('arxiv: listing authors read from one text', () => {
  it('match the names read link by link on every row of both listing layouts', () => {
    let fast = 0;
    let rows = 0;
    let glued = 0;
    for (const [file, url] of [
      ['arxiv/list_cond-mat.mtrl-sci_new_2026-09.html', NEW],
      ['arxiv/list_cs_2301_old-layout.html', 'https://arxiv.org/list/cs/2301'],
    ] as const) {
      const { doc } = loadPage(file, url);
      for (const el of Array.from(doc.querySelectorAll('.list-authors'))) {
        rows++;
        const got = commaAuthors(el);
        if (got === undefined) continue;
        fast++;
        const byLink = linkAuthors(el);
        expect(got).toHaveLength(byLink.length);
        // Text arXiv left outside a link stays with its name: "Richard (Yu)Liu", where the link
        // holds only "Richard". Every other name is the link's text.
        got.forEach((name, i) => {
          if (name !== byLink[i]) expect(name.startsWith(byLink[i]!), name).toBe(true);
        });
        if (got.join() !== byLink.join()) glued++;
      }
    }
    // The shortcut must be the common case, or it saves nothing.
    expect(fast).toBeGreaterThan(rows * 0.9);
    expect(glued).toBeLessThan(3);
  });

  it('step aside when the text holds more than the links', () => {
    const cases = [
      // A trailing placeholder glued to the last name.
      '<a href="#">Ann Lee</a>, <a href="#">Bo Chen</a> et al.',
      // A comma inside a name: more parts than links.
      '<a href="#">Smith, Jr.</a>, <a href="#">Bo Chen</a>',
      // Names joined by "and": fewer parts than links.
      '<a href="#">Ann Lee</a> and <a href="#">Bo Chen</a>',
      // A placeholder as its own part.
      '<a href="#">Ann Lee</a>, <a href="#">Bo Chen</a>, <span>(5 additional authors not shown)</span>',
    ];
    for (const html of cases) {
      const { doc } = fromHtml(`<div class="list-authors">${html}</div>`, NEW);
      const el = doc.querySelector('.list-authors')!;
      expect(commaAuthors(el), html).toBeUndefined();
      // What the row gets instead: the links' own texts.
      expect(linkAuthors(el)[1]).toBe('Bo Chen');
    }
    const { doc } = fromHtml(
      '<div class="list-authors"><span class="descriptor">Authors:</span> <a href="#">Ann Lee</a>, <a href="#">Bo Chen</a></div>',
      NEW,
    );
    expect(commaAuthors(doc.querySelector('.list-authors')!)).toEqual(['Ann Lee', 'Bo Chen']);
  });
});

describe('arxivYear', () => {
  it('reads the year off both id styles', () => {
    expect(arxivYear('2106.09608')).toBe(2021);
    expect(arxivYear('0704.0001')).toBe(2007);
    expect(arxivYear('hep-th/9711200')).toBe(1997);
    expect(arxivYear('math/0309136')).toBe(2003);
    expect(arxivYear('2113.00001')).toBeUndefined();
  });
});
