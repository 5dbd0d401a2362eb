/** IEEE Xplore document pages (reconstructed fixture of the served, unrendered page, 2024). */
import { describe, expect, it } from 'vitest';
import { detectPage, detectPapers, SITE_ADAPTERS } from '../../utils/detect/index';
import { ieeeXplore } from '../../utils/detect/sites/ieee-xplore';
import { LIMITS } from '../../utils/paper';
import { fromHtml, loadPage } from './helpers/page';

const FILE = 'reconstructed/ieee-xplore/document_9056993.html';
const HOME = 'https://ieeexplore.ieee.org/document/9056993';

const TITLE =
  'Control algorithm based on limit cycle oscillator-FLL for UPQC-S with optimized PI gains';

/** A document page whose metadata script holds `json` as its text, set through the DOM. */
function withMetadata(json: string, url = HOME) {
  const page = fromHtml(
    '<!doctype html><html><head></head><body><xpl-root></xpl-root></body></html>',
    url,
  );
  const s = page.doc.createElement('script');
  s.textContent = `var xplGlobal = {document: {}};\n\txplGlobal.document.metadata=${json};\n`;
  page.doc.body.appendChild(s);
  return page;
}

describe('ieee-xplore: URL claims', () => {
  it('claims its test URLs, and no other site adapter does', () => {
    for (const t of ieeeXplore.testUrls) {
      const u = new URL(t);
      expect(
        SITE_ADAPTERS.filter((a) => a.matches(u)).map((a) => a.id),
        t,
      ).toEqual(['ieee-xplore']);
    }
  });
  it('leaves alone listings, PDFs and other hosts', () => {
    for (const t of [
      'https://ieeexplore.ieee.org/search/searchresult.jsp?queryText=wind%20farms',
      'https://ieeexplore.ieee.org/xpl/conhome/7048058/proceeding',
      'https://ieeexplore.ieee.org/xpl/tocresult.jsp?isnumber=9160441&punumber=7054730',
      'https://ieeexplore.ieee.org/author/37089206339',
      'https://ieeexplore.ieee.org/stamp/stamp.jsp?tp=&arnumber=9056993',
      'https://ieeexplore.ieee.org/document/',
      'https://ieeexplore.ieee.org/documents/9056993',
      'https://ieeexplore.ieee.org.evil.example/document/9056993',
      'https://www.ieee.org/document/9056993',
    ])
      expect(ieeeXplore.matches(new URL(t)), t).toBe(false);
  });
});

describe('ieee-xplore: document page', () => {
  it('reads the one paper from the metadata script', () => {
    const { doc, url } = loadPage(FILE, `${HOME}/`);
    expect(ieeeXplore.detect(doc, url)).toBe('single');
    const papers = ieeeXplore.extract(doc, url);
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({
      id: 'doi:10.17775/cseejpes.2019.01030',
      aliases: [],
      title: TITLE,
      authors: ['Sabha Raj Arya', 'Sayed Javed Alam', 'Papia Ray'],
      year: 2020,
      venue: 'CSEE Journal of Power and Energy Systems',
      url: HOME,
      pdfUrl: 'https://ieeexplore.ieee.org/stamp/stamp.jsp?tp=&arnumber=9056993',
      source: 'ieee-xplore',
      kind: 'single',
    });
    expect(papers[0]!.abstract).toMatch(/^This paper involves a limit cycle oscillator/);
    expect(detectPapers(doc, url)).toMatchObject({ kind: 'single', sources: ['ieee-xplore'] });
  });

  it('gives the same record on every tab of the document', () => {
    for (const u of [
      `${HOME}/authors#authors`,
      `${HOME}/references`,
      'https://ieeexplore.ieee.org/abstract/document/9056993/',
    ]) {
      const { doc, url } = loadPage(FILE, u);
      const [p, ...rest] = detectPapers(doc, url).papers;
      expect(rest, u).toEqual([]);
      expect(p, u).toMatchObject({ id: 'doi:10.17775/cseejpes.2019.01030', url: HOME });
    }
  });

  it('falls back to the title, the dates and pdfPath', () => {
    const { doc, url } = withMetadata(
      JSON.stringify({
        title: 'Fuzzy Turing Machines: Variants and <i>Universality</i>',
        authors: [{ name: 'Yongming Li' }, { firstName: 'No', lastName: 'Name' }, 'x', null],
        publicationDate: 'Dec. 2008',
        displayPublicationTitle: 'IEEE Transactions on Fuzzy Systems',
        pdfPath: '/iel5/91/4689343/04607247.pdf',
        abstract: 'In this paper, we study <i>FTMs</i> &amp; universal FTM.<p>Second.</p>',
      }),
      'https://ieeexplore.ieee.org/document/4607247/?tp=&arnumber=4607247',
    );
    expect(ieeeXplore.extract(doc, url)).toEqual([
      expect.objectContaining({
        id: 'title:fuzzy turing machines variants and universality',
        title: 'Fuzzy Turing Machines: Variants and Universality',
        authors: ['Yongming Li'],
        year: 2008,
        venue: 'IEEE Transactions on Fuzzy Systems',
        abstract: 'In this paper, we study FTMs & universal FTM. Second.',
        url: 'https://ieeexplore.ieee.org/document/4607247',
        pdfUrl: 'https://ieeexplore.ieee.org/iel5/91/4689343/04607247.pdf',
      }),
    ]);
  });
});

describe('ieee-xplore: pages without a record', () => {
  it('finds nothing on a shell without the metadata script, and does not throw', () => {
    const { doc, url } = fromHtml(
      '<!doctype html><html><head><title>IEEE Xplore Search Results</title></head><body>' +
        '<script>var xplGlobal = {document: {}}; if (xplGlobal.document.metadata) {}</script>' +
        '<xpl-root><div class="Spinner"></div></xpl-root></body></html>',
      HOME,
    );
    expect(ieeeXplore.detect(doc, url)).toBeNull();
    expect(ieeeXplore.extract(doc, url)).toEqual([]);
    expect(detectPapers(doc, url)).toEqual({ kind: null, sources: [], papers: [] });
    const search = fromHtml(
      '<!doctype html><title>IEEE Xplore Search Results</title><xpl-root></xpl-root>',
      'https://ieeexplore.ieee.org/search/searchresult.jsp?queryText=turing',
    );
    expect(detectPage(search.doc, search.url)).toBeNull();
    expect(detectPapers(search.doc, search.url).papers).toEqual([]);
  });

  it('finds nothing when the record is cut off, malformed or not an object', () => {
    for (const json of ['{"title": "Cut', '{"title": undefined}', '[{"title":"A"}]', '"A"', '{}']) {
      const { doc, url } = withMetadata(json);
      expect(detectPapers(doc, url).papers, json).toEqual([]);
      expect(ieeeXplore.extract(withMetadata(json).doc, new URL(HOME)), json).toEqual([]);
    }
  });
});

describe('ieee-xplore: hostile record', () => {
  it('stays bounded and text-only', () => {
    // Large in every field, yet under the cap on the whole record (about 700 kB).
    const huge = 'x'.repeat(100_000);
    const { doc, url } = withMetadata(
      JSON.stringify({
        title: `</script><img src=x onerror=alert(1)>Real <b>title</b> ${huge}`,
        authors: [
          ...Array.from({ length: 1000 }, (_, i) => ({
            name: `Author ${i} ${huge.slice(0, 250)}`,
          })),
        ],
        abstract: `<script>alert(1)</script><p onclick="x()">Text</p>${'<i>a</i>'.repeat(40_000)}`,
        publicationTitle: { evil: true },
        displayPublicationTitle: 42,
        publicationYear: ['2020'],
        doi: { toString: 'x' },
        pdfUrl: 'javascript:alert(1)',
      }),
    );
    const before = doc.documentElement.outerHTML;
    const papers = ieeeXplore.extract(doc, url);
    expect(doc.documentElement.outerHTML).toBe(before);
    expect(papers).toHaveLength(1);
    const p = papers[0]!;
    expect(p.id.startsWith('title:')).toBe(true);
    expect(p.title).toMatch(/^alert\(1\)>Real title x+$|^Real title x+$/);
    expect(p.title).not.toMatch(/[<>]script|<img|<b>/);
    expect(p.title.length).toBeLessThanOrEqual(LIMITS.title);
    expect(p.authors).toHaveLength(LIMITS.authors);
    for (const a of p.authors) expect(a.length).toBeLessThanOrEqual(LIMITS.author);
    expect(p.abstract!.length).toBeLessThanOrEqual(LIMITS.abstract);
    expect(p.abstract).not.toMatch(/[<>]/);
    expect(p.abstract).toMatch(/^alert\(1\) Text a+$/);
    expect(p.venue).toBeUndefined();
    expect(p.year).toBeUndefined();
    expect(p.pdfUrl).toBeUndefined();
    expect(p.element).toBeUndefined();
    for (const v of [p.title, p.abstract, ...p.authors]) expect(typeof v).toBe('string');
  });

  it('gives up on a record larger than the cap without scanning on', () => {
    const big = `{"title":"T","pad":"${'y'.repeat(1_100_000)}"}`;
    expect(ieeeXplore.extract(withMetadata(big).doc, new URL(HOME))).toEqual([]);
  });

  it('reads a record whose strings hold braces, quotes and the marker itself', () => {
    const json = JSON.stringify({
      title: 'On {sets} and "quotes} \\ xplGlobal.document.metadata={',
      doi: '10.1109/TFUZZ.2008.2004990',
    });
    const [p] = ieeeXplore.extract(withMetadata(json).doc, new URL(HOME));
    expect(p).toMatchObject({
      id: 'doi:10.1109/tfuzz.2008.2004990',
      title: 'On {sets} and "quotes} \\ xplGlobal.document.metadata={',
    });
  });
});
