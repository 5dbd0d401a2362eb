/**
 * The every-page gate (utils/detect/gate.ts) must never keep the detector from a page with papers,
 * and must stay in step with the registry: same adapters, same order, the very same functions.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { idsFromUrl } from '../../utils/identity';
import { TYPE_HINT } from '../../utils/detect/generic/json-ld';
import { HREF_HINT } from '../../utils/detect/generic/id-links';
import { META_TITLE_KEYS } from '../../utils/detect/generic/meta-tags';
import {
  GENERIC_GATES,
  LD_JSON_XPATH,
  LINK_HINT,
  LINK_WORDS,
  META_HINT,
  SITE_GATES,
  gate,
  hinted,
  idLinkShaped,
} from '../../utils/detect/gate';
import { GENERIC_ADAPTERS, SITE_ADAPTERS, detectPage } from '../../utils/detect/index';
import { FIXTURES, expectedPages, fromHtml, loadPage } from './helpers/page';

describe('the every-page gate', () => {
  it('lists every site adapter, in registry order, with its own URL check', () => {
    expect(SITE_GATES.map((g) => g.id)).toEqual(SITE_ADAPTERS.map((a) => a.id));
    SITE_GATES.forEach((g, i) => expect(g.matches).toBe(SITE_ADAPTERS[i]!.matches));
  });

  it('lists every generic adapter, in registry order, with its own cheap detect or none', () => {
    expect(GENERIC_GATES.map((g) => g.id)).toEqual(GENERIC_ADAPTERS.map((a) => a.id));
    GENERIC_GATES.forEach((g, i) =>
      expect(g.detect).toBe(g.id === 'id-links' ? idLinkShaped : GENERIC_ADAPTERS[i]!.detect),
    );
  });

  it("lets every site adapter's test URLs through, even before the page has content", () => {
    const empty = fromHtml('<!doctype html><title>x</title>', 'https://example.org/').doc;
    for (const a of SITE_ADAPTERS)
      for (const u of a.testUrls) expect(gate(empty, new URL(u)), u).toBe(a.id);
  });

  it('runs a site check on its hosts, which every URL it accepts is on', () => {
    // Hosts the checks accept beyond the test URLs: www., mirrors, other countries, sister sites.
    const more = [
      'https://www.huggingface.co/papers/2106.09685',
      'https://hf.co/papers/2106.09685',
      'https://alphaxiv.org/abs/2106.09685',
      'https://www.arxiv.org/abs/2106.09685',
      'https://export.arxiv.org/abs/2106.09685',
      'https://scholar.google.de/scholar?q=x',
      'https://scholar.google.co.uk/citations?user=x',
      'https://semanticscholar.org/paper/0123456789abcdef0123456789abcdef01234567',
      'https://www.openreview.net/forum?id=x',
      'https://www.aclanthology.org/2020.acl-main.1/',
      'https://dblp.uni-trier.de/pid/12/345.html',
      'https://www.dblp.org/rec/conf/x/Y20.html',
      'https://dblp.dagstuhl.de/search?q=x',
      'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC123456/',
      'https://ncbi.nlm.nih.gov/pmc/articles/PMC123456/',
      'https://medrxiv.org/content/10.1101/2020.01.01.123456v1',
      'https://papers.neurips.cc/paper/2020/hash/x',
      'https://proceedings.iclr.cc/paper/2024/hash/x',
    ];
    const urls = [...SITE_ADAPTERS.flatMap((a) => a.testUrls), ...more].map((u) => new URL(u));
    let accepted = 0;
    for (const g of SITE_GATES)
      for (const u of urls) {
        if (!g.matches(u)) continue;
        accepted++;
        expect(
          g.hosts.some((h) => u.hostname.includes(h)),
          `${g.id} ${u.href}`,
        ).toBe(true);
      }
    expect(accepted).toBeGreaterThan(urls.length - 1);
  });

  for (const page of expectedPages()) {
    it(`${page.file}: ${page.count ? 'let through' : 'consistent with detectPage'}`, () => {
      const { doc, url } = loadPage(page.file, page.url);
      const g = gate(doc, url);
      if (page.count > 0) expect(g).not.toBeNull();
      // Whatever detectPage finds, the gate must have let through.
      if (detectPage(doc, url)) expect(g).not.toBeNull();
      // Each generic detect runs only behind its hint, and id-links' only in the detector, behind
      // its stand-in: a hint or stand-in that missed would close the page.
      GENERIC_ADAPTERS.forEach((a, i) => {
        const g = GENERIC_GATES[i]!;
        if (a.detect(doc, url)) expect(hinted(doc, g) && !!g.detect(doc, url), a.id).toBe(true);
      });
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

  it('holds its selectors to the adapters they stand for', () => {
    const keys = [...META_HINT.matchAll(/\[(name|property)\*="([^"]+)" i\]/g)];
    expect(new Set(keys.map((m) => m[2]))).toEqual(new Set(META_TITLE_KEYS));
    expect(keys.filter((m) => m[1] === 'name')).toHaveLength(META_TITLE_KEYS.length);
    expect(keys.filter((m) => m[1] === 'property')).toHaveLength(META_TITLE_KEYS.length);

    // HREF_HINT is a union of literal strings, with one level of (?:a|b) groups: spell each out.
    const alternatives: string[] = [];
    for (const alt of HREF_HINT.source.split(/\|(?![^(]*\))/)) {
      const group = /\(\?:([^)]*)\)/.exec(alt);
      const parts = group ? group[1]!.split('|').map((p) => alt.replace(group[0], p)) : [alt];
      alternatives.push(...parts.map((p) => p.replace(/\\(.)/g, '$1')));
    }
    expect(alternatives.length).toBeGreaterThan(15);
    const marks = [...LINK_HINT.matchAll(/\[href\*="([^"]+)"\]/g)].map((m) => m[1]!);
    expect(marks).toEqual(LINK_WORDS);
    // Every alternative as written, and as people capitalise the big two, contains a word.
    const written = [...alternatives, 'arXiv.org', 'ArXiv.org', 'DOI.org'];
    for (const alt of written)
      expect(
        marks.some((m) => alt.includes(m)),
        alt,
      ).toBe(true);
    // No word is idle, and none lets ordinary links through to the loop.
    for (const m of marks)
      expect(
        written.some((alt) => alt.includes(m)),
        m,
      ).toBe(true);
    const ordinary = [
      'https://en.wikipedia.org/wiki/Transformer_(deep_learning_architecture)',
      'https://www.nytimes.com/2024/05/01/technology/ai.html',
      'https://github.com/huggingface/transformers',
      'https://www.youtube.com/watch?v=abc',
      'https://www.w3.org/TR/html52/',
      '/wiki/Special:Search',
    ];
    for (const href of ordinary)
      expect(
        marks.filter((m) => href.includes(m)),
        href,
      ).toEqual([]);
    expect(HREF_HINT.flags).toContain('i');

    // TYPE_HINT is a plain union of words; the XPath looks for each.
    const words = TYPE_HINT.source.split('|');
    expect(TYPE_HINT.flags).toBe('');
    expect([...LD_JSON_XPATH.matchAll(/contains\(\.,'([^']+)'\)/g)].map((m) => m[1])).toEqual(
      words,
    );
  });

  it('each hint reads the page as its detect does: any case (links: as people write them), names padded, head or body', () => {
    const cases: Array<[string, string]> = [
      ['meta-tags', '<meta name=" CITATION_TITLE " content="A">'],
      ['meta-tags', '<meta property="DCTerms.Title" content="A">'],
      ['json-ld', '<script type="Application/LD+JSON">{"@type":"Thesis"}</script>'],
      ['coins', '<span class="x Z3988" title="ctx_ver=Z39.88-2004"></span>'],
      ['id-links', '<a href="https://DOI.org/10.1000/x">A</a>'],
      ['id-links', '<a href="https://arXiv.org/abs/2106.09685">A</a>'],
      ['id-links', '<svg><a href="https://arxiv.org/abs/2106.09685"><text>A</text></a></svg>'],
    ];
    for (const [id, html] of cases) {
      const g = GENERIC_GATES.find((x) => x.id === id)!;
      for (const where of ['head', 'body']) {
        const doc = fromHtml(
          where === 'head' ? `<head>${html}</head><body></body>` : `<body><p>x</p>${html}</body>`,
          'https://example.org/',
        ).doc;
        expect(hinted(doc, g), `${id} ${where} ${html}`).toBe(true);
      }
    }
    const news = fromHtml(
      '<script type="application/ld+json">{"@type":"NewsArticle","headline":"A day"}</script>',
      'https://news.example.com/a',
    ).doc;
    expect(
      hinted(
        news,
        GENERIC_GATES.find((x) => x.id === 'json-ld')!,
      ),
    ).toBe(false);
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
      const opened = GENERIC_ADAPTERS.find((a) => a.detect(doc, url))?.id ?? null;
      expect(opened, body).not.toBeNull();
      expect(gate(doc, url), body).toBe(opened);
    }
  });

  describe("id-links' stand-in (idLinkShaped)", () => {
    const probe = fromHtml('<a href="">x</a>', 'https://example.org/').doc;
    const a = probe.querySelector('a')!;
    /** What the gate asks of one link: LINK_HINT, then the stand-in. */
    const passes = (href: string) => {
      a.setAttribute('href', href);
      // JSDOM matches [href*=…] ignoring case, Chromium as written: test the words as Chromium does.
      return LINK_WORDS.some((w) => href.includes(w)) && idLinkShaped(probe) !== null;
    };
    /** What idLinksDetect counts: a link that passes HREF_HINT and names an id. */
    const counted = (href: string, base: string) =>
      HREF_HINT.test(href) && idsFromUrl(href, base).length > 0;

    /** Spellings the URL parser accepts for the same address, and some it reads differently. */
    const variants = (href: string): string[] => {
      const out = [
        href,
        href.replace('arxiv.org', 'arXiv.org').replace('doi.org', 'DOI.org'),
        href.replace(/^https?:/i, ''),
      ];
      const u = /^(https?:\/\/)([^/?#]+)(.*)$/i.exec(href);
      if (u) {
        const [, scheme, host, rest] = u;
        out.push(
          `${scheme}${host}:8443${rest}`,
          `${scheme}user@${host}${rest}`,
          `${scheme}${host}${rest!.replace(/\./g, '%2E')}`,
          `${scheme}${host!.replace(/\./g, '%2e')}${rest}`,
          `${scheme}${host}${rest!.replace(/\//g, '\\')}`,
          `${scheme}${host}${rest!.replace(/(\d)/, '$1\t')}`,
          `${scheme}${host}${rest!.replace(/(\d)/, '$1\n')}`,
          rest!,
        );
      }
      return out;
    };

    /** Every link of every fixture, read off the markup (a DOM per page would take minutes). */
    const fixtureHrefs = (dir: string, out: Map<string, string>) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, e.name);
        if (e.isDirectory()) fixtureHrefs(path, out);
        else if (e.name.endsWith('.html')) {
          const file = relative(FIXTURES, path);
          const base = expectedPages().find((p) => p.file === file)?.url ?? 'https://example.org/';
          for (const m of readFileSync(path, 'utf8').matchAll(
            /\shref\s*=\s*(?:"([^"]*)"|'([^']*)')/gi,
          ))
            out.set((m[1] ?? m[2]!).replace(/&amp;/g, '&'), base);
        }
      }
      return out;
    };

    it('holds for every link idLinksDetect counts, in every fixture and many spellings', () => {
      const hrefs = fixtureHrefs(FIXTURES, new Map<string, string>());
      const made = [
        'https://arxiv.org/abs/2106.09685v2',
        'https://arxiv.org/pdf/math/0309136',
        'https://export.arxiv.org/abs/math.GT/0309136v1',
        'https://hf.co/papers/2106.09685',
        'https://www.alphaxiv.org/overview/2106.09685',
        'https://doi.org/10.48550/arXiv.2106.09685',
        'https://dx.doi.org/doi:10.1000/xyz',
        'https://openreview.net/forum?id=rJXMpikCZ',
        'https://openreview.net/pdf/?x=1&id=abc',
        'https://pubmed.ncbi.nlm.nih.gov/1/',
        'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC123456/',
        'https://pmc.ncbi.nlm.nih.gov/articles/pmc9/',
        'https://www.ncbi.nlm.nih.gov/pubmed/12345',
        'https://aclanthology.org/2020.acl-main.1.pdf',
        'https://www.aclweb.org/anthology/P19-1001',
        'https://dblp.org/rec/conf/icml/SmithJ.html',
        'https://dblp.uni-trier.de/rec/bibtex/journals/corr/abs-x',
        'https://dblp.dagstuhl.de/rec/conf/icml/SmithJ.html',
        'https://www.nature.com/articles/s41586-020-2649-2',
        'https://www.nature.com/articles/nature14539',
        'https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0123456',
        'https://www.semanticscholar.org/paper/Title/0123456789abcdef0123456789abcdef01234567',
        'https://api.semanticscholar.org/paper/abcdefabcdefabcdefabcdefabcdefabcdefabcd',
        'https://hal.science/hal-01234567v2',
        'https://theses.hal.science/tel-012345678/document',
        'https://hal.archives-ouvertes.fr/hal-01234567',
        'https://www.biorxiv.org/content/10.1101/2020.01.01.123456v1.full',
        'https://dl.acm.org/doi/abs/10.1145/3290605.3300233',
        'https://link.springer.com/chapter/10.1007/978-3-030-1',
        'https://journals.aps.org/prl/abstract/10.1103/PhysRevLett.116.061102',
        'https://www.annualreviews.org/content/journals/10.1146/annurev-statistics-1',
        'https://www.semanticscholar.org/arxiv/2106.09685',
        'https://www.frontiersin.org/articles/10.3389/fpsyg.2020.01234/full',
        'https://iopscience.iop.org/article/10.1088/1742-6596/1/012173/meta',
        'https://www.tandfonline.com/doi/full/10.1080/1?identifierValue=10.1080/2',
        'https://example.org/doi/x?doi=10.1000/abc',
        'https://example.org/x?doi=+10.1000%2Fabc&src=arxiv.org',
      ];
      for (const h of made) {
        expect(counted(h, 'https://example.org/'), h).toBe(true);
        hrefs.set(h, 'https://example.org/');
      }
      // Relative links that HREF_HINT lets through, on the hosts that give them an id.
      const onSites: Array<[string, string]> = [
        ['/forum?id=abc&ref=doi.org', 'https://openreview.net/group?id=x'],
        ['/rec/conf/x/Y20.html?from=arxiv.org', 'https://dblp.org/'],
        [
          '/paper/0123456789abcdef0123456789abcdef01234567?doi.org',
          'https://www.semanticscholar.org/',
        ],
        ['/12345/?doi.org', 'https://pubmed.ncbi.nlm.nih.gov/'],
        ['/2020.acl-main.1/?doi.org', 'https://aclanthology.org/'],
        ['/hal-01234567/doi/', 'https://hal.science/'],
        ['/abs/2106.09685?arxiv.org', 'https://arxiv.org/list/cs/new'],
      ];
      for (const [h, base] of onSites) expect(counted(h, base), h).toBe(true);

      let checked = 0;
      const all: Array<[string, string]> = [...hrefs, ...onSites];
      for (const [href, base] of all)
        for (const v of variants(href)) {
          if (!counted(v, base)) continue;
          checked++;
          expect(passes(v), `${v} (on ${base})`).toBe(true);
        }
      expect(checked).toBeGreaterThan(1000);
    }, 120_000);

    it('turns away links that only look like ids', () => {
      const misses = [
        'https://arxiv.org/',
        'https://arxiv.org/a/smith_j_1',
        'https://arxiv.org/list/cs.LG/recent',
        'https://info.arxiv.org/help/submit/index.html',
        'https://doi.org/',
        'https://www.semanticscholar.org/',
        'https://www.semanticscholar.org/author/A-Smith/123',
        'https://huggingface.co/papers/trending',
        'https://hf.co/papers?date=2024-05-01',
        'https://dl.acm.org/doi/book',
        '/doi/',
        'https://dblp.org/pid/12/345.html',
        'https://aclanthology.org/venues/acl/',
        'https://hal.science/search/index',
        'https://www.ncbi.nlm.nih.gov/',
        'https://example.com/v2024.01?ref=arxiv.org',
      ];
      for (const h of misses) {
        expect(counted(h, 'https://example.org/'), h).toBe(false);
        expect(passes(h), h).toBe(false);
      }
    });

    it('keeps out a page that only links to paper sites, and opens on one id link', () => {
      const home = fromHtml(
        '<p>Powered by <a href="https://arxiv.org/">arXiv</a> and <a href="https://doi.org/">DOI</a></p>',
        'https://blog.example.com/',
      );
      // The selector finds the links; the stand-in finds no id in them.
      expect(
        hinted(
          home.doc,
          GENERIC_GATES.find((g) => g.id === 'id-links')!,
        ),
      ).toBe(true);
      expect(gate(home.doc, home.url)).toBeNull();
      const cited = fromHtml(
        '<p>Powered by <a href="https://arxiv.org/">arXiv</a>, see <a href="/notes?doi=10.1000/x">this</a> and <a href="https://DOI.org/10.1000/ABC">that</a></p>',
        'https://blog.example.com/',
      );
      expect(gate(cited.doc, cited.url)).toBe('id-links');
    });
  });
});
