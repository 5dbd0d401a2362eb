/** Google Scholar: result pages, cluster pages, citations profiles and "show more" rows. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectPapers, SITE_ADAPTERS, uniquePapers } from '../../utils/detect/index';
import { googleScholar } from '../../utils/detect/sites/google-scholar';
import { LIMITS } from '../../utils/paper';
import { FIXTURES, fromHtml, loadPage } from './helpers/page';

const SEARCH = 'https://scholar.google.com/scholar?hl=en&q=attention+mechanism';
const PROFILE = 'https://scholar.google.com/citations?user=amIMrIEAAAAJ&hl=en';

function run(file: string, url: string) {
  const { doc, url: u } = loadPage(file, url);
  return { kind: googleScholar.detect(doc, u), papers: googleScholar.extract(doc, u), doc, u };
}

describe('google-scholar: URL claims', () => {
  it('claims its test URLs, and no other site adapter does', () => {
    for (const t of googleScholar.testUrls) {
      const u = new URL(t);
      expect(
        SITE_ADAPTERS.filter((a) => a.matches(u)).map((a) => a.id),
        t,
      ).toEqual(['google-scholar']);
    }
  });
  it('leaves alone other Google hosts and Scholar pages without papers', () => {
    for (const t of [
      'https://accounts.google.com/v3/signin/identifier?continue=https%3A%2F%2Fscholar.google.com%2Fcitations',
      'https://scholar.googleusercontent.com/scholar.bib?q=info:x',
      'https://www.google.com/scholar?q=x',
      'https://scholar.google.com/',
      'https://scholar.google.com/scholar_settings?hl=en',
      'https://scholar.google.evil.example/scholar?q=x',
    ])
      expect(googleScholar.matches(new URL(t)), t).toBe(false);
  });
});

describe('google-scholar: result pages', () => {
  it('reads every result row, with ids from the result and side links', () => {
    const { kind, papers } = run('google-scholar/search_attention-mechanism_2026-04.html', SEARCH);
    expect(kind).toBe('listing');
    // 12 .gs_r boxes: 10 results, a query-suggestion box and an alert box.
    expect(papers).toHaveLength(10);
    expect(papers.every((p) => p.kind === 'listing' && p.source === 'google-scholar')).toBe(true);

    const first = papers[0]!;
    expect(first.id).toBe('title:a review on the attention mechanism of deep learning');
    expect(first.title).toBe('A review on the attention mechanism of deep learning');
    expect(first.authors).toEqual(['Z Niu', 'G Zhong', 'H Yu']);
    expect(first.year).toBe(2021);
    expect(first.venue).toBe('Neurocomputing');
    expect(first.url).toBe('https://www.sciencedirect.com/science/article/pii/S092523122100477X');
    expect(first.pdfUrl).toBeUndefined();
    expect(first.element?.classList.contains('gs_r')).toBe(true);

    // Springer DOI from the result link; arXiv id from the [PDF] side link.
    const springer = papers[2]!;
    expect(springer.id).toBe('arxiv:2204.13154');
    expect(springer.aliases).toEqual(['doi:10.1007/s00521-022-07366-3']);
    expect(springer.pdfUrl).toBe('https://arxiv.org/pdf/2204.13154');

    // "PT Jiang…": Scholar's cut-off mark is not part of the name; the cut venue stays as shown.
    expect(papers[1]!.authors).toEqual(['MH Guo', 'TX Xu', 'JJ Liu', 'ZN Liu', 'PT Jiang']);
    expect(papers[1]!.venue).toBe('Computational visual …');
    expect(papers[1]!.pdfUrl).toBe(
      'https://ieeexplore.ieee.org/iel8/10750449/10897528/10897531.pdf',
    );

    // IOP's /meta view suffix is not part of the DOI.
    expect(papers[6]!.id).toBe('doi:10.1088/1742-6596/1693/1/012173');
    // [HTML] markers stay out of titles.
    expect(papers[7]!.title).toBe('Attention mechanisms and their applications to complex systems');
  });

  it('keeps [BOOK] markers out of titles and reads DOIs from query strings', () => {
    const { papers } = run(
      'google-scholar/search_forrt-01_2026-06.html',
      'https://scholar.google.com/scholar?hl=en&q=%22The%20FAIR%20Guiding%20Principles%22',
    );
    expect(papers).toHaveLength(10);
    const book = papers[2]!;
    expect(book.title).toBe('Data stewardship for open science: Implementing FAIR principles');
    expect(book.id).toBe('doi:10.1201/9781315380711');
    expect(book.authors).toEqual(['B Mons']);
    expect(book.year).toBe(2018);
    expect(book.venue).toBeUndefined();
    // Titles Scholar cut short keep the ellipsis, as shown.
    expect(papers[5]!.title).toMatch(/interoperability and …$/);
    expect(papers[5]!.id).toBe('doi:10.1177/03400352241270692');
  });

  it('reads rows without a title link ([CITATION]) from the heading', () => {
    const { papers } = run(
      'google-scholar/search_goscholar_case2_2016.html',
      'https://scholar.google.com/scholar?q=%22Unsupervised+feature+learning+and+deep+learning%22',
    );
    expect(papers).toHaveLength(1);
    const p = papers[0]!;
    expect(p.title).toBe(
      'Unsupervised feature learning and deep learning: A review and new perspectives',
    );
    expect(p.id).toBe(
      'title:unsupervised feature learning and deep learning a review and new perspectives',
    );
    expect(p.url).toBeUndefined();
    expect(p.authors).toEqual(['Y Bengio', 'AC Courville', 'P Vincent']);
    expect(p.year).toBe(2012);
  });

  it('reads a cluster page and an old (2016) result on a country host', () => {
    const cluster = run(
      'google-scholar/cluster_goscholar_fetch_2016.html',
      'https://scholar.google.com/scholar?cluster=5362332738201102290&num=1',
    );
    expect(cluster.papers.map((p) => [p.title, p.authors, p.year, p.venue])).toEqual([
      ['Deep learning', ['Y LeCun', 'Y Bengio', 'G Hinton'], 2015, 'Nature'],
    ]);
    const jp = run(
      'google-scholar/search_goscholar_case1_2016.html',
      'https://scholar.google.co.jp/scholar?q=%22Learning+deep+architectures+for+AI%22',
    );
    expect(jp.papers).toHaveLength(1);
    expect(jp.papers[0]!.pdfUrl).toMatch(/^http:\/\/sanghv\.com\/.*\.pdf$/);
  });

  it('skips the "User profiles for …" box: a person, not a paper', () => {
    const { doc, url } = loadPage('google-scholar/search_attention-mechanism_2026-04.html', SEARCH);
    const clean = googleScholar.extract(doc, url).map((p) => p.id);
    const block = readFileSync(
      join(FIXTURES, 'reconstructed/google-scholar/user-profiles-block.html'),
      'utf8',
    );
    const box = fromHtml(block, SEARCH).doc.querySelector('.gs_r')!;
    const first = doc.querySelector('.gs_r.gs_or')!;
    first.parentElement!.insertBefore(doc.importNode(box, true), first);
    const papers = googleScholar.extract(doc, url);
    expect(papers.map((p) => p.id)).toEqual(clean);
    expect(papers.some((p) => /user profiles/i.test(p.title))).toBe(false);
  });

  it('skips rows whose title links to a profile, even with a result body', () => {
    const { doc, url } = fromHtml(
      '<div class="gs_r"><div class="gs_ri"><h3 class="gs_rt"><a href="/citations?user=JicYPdAAAAAJ&amp;hl=en">Geoffrey Hinton</a></h3><div class="gs_a">University of Toronto</div></div></div>' +
        '<div class="gs_r"><div class="gs_ri"><h3 class="gs_rt"><a href="https://scholar.google.de/citations?view_op=search_authors&amp;mauthors=x">User profiles for x</a></h3></div></div>' +
        '<div class="gs_r"><div class="gs_ri"><h3 class="gs_rt"><a href="https://example.org/paper">A Real Paper</a></h3><div class="gs_a">A Author - Venue, 2020 - example.org</div></div></div>',
      SEARCH,
    );
    expect(googleScholar.extract(doc, url).map((p) => p.title)).toEqual(['A Real Paper']);
  });

  it('a box without a result body is no result, and no such box makes a listing', () => {
    const { doc, url } = fromHtml(
      '<div class="gs_r"><h3 class="gs_rt"><a href="https://example.org/x">Not A Result Body</a></h3></div>',
      SEARCH,
    );
    expect(googleScholar.detect(doc, url)).toBeNull();
    expect(googleScholar.extract(doc, url)).toEqual([]);
  });

  it('reads /scholar_lookup (linked from arXiv and reference lists) like /scholar', () => {
    const lookup = 'https://scholar.google.com/scholar_lookup?title=Attention+mechanism&hl=en';
    const { kind, papers } = run('google-scholar/search_attention-mechanism_2026-04.html', lookup);
    expect(kind).toBe('listing');
    expect(papers).toHaveLength(10);
    const { doc, url } = loadPage('google-scholar/search_attention-mechanism_2026-04.html', lookup);
    expect(detectPapers(doc, url).sources).toEqual(['google-scholar']);
  });

  it('finds nothing on a captcha page', () => {
    const { doc, url } = fromHtml(
      '<html><body><div id="gs_captcha_ccl"><h1>Please show you&#39;re not a robot</h1><form id="gs_captcha_f"></form></div></body></html>',
      SEARCH,
    );
    expect(googleScholar.detect(doc, url)).toBeNull();
    expect(googleScholar.extract(doc, url)).toEqual([]);
  });
});

describe('google-scholar: citations profiles', () => {
  it('reads the publication table: title, authors, venue without the repeated year, year column', () => {
    const { kind, papers } = run('google-scholar/profile_amIMrIEAAAAJ_2026-02.html', PROFILE);
    expect(kind).toBe('listing');
    expect(papers).toHaveLength(20);
    const p = papers[0]!;
    expect(p.title).toBe(
      'Optimization of Data Structures and Trade-Offs with Concurrency Control in Multithread Software Structures Using Artificial Intelligence',
    );
    expect(p.authors).toEqual(['BR Cherukuri', 'V Arulkumar']);
    expect(p.venue).toBe(
      '2024 IEEE International Conference on Computing, Power and Communication …',
    );
    expect(p.year).toBe(2024);
    expect(p.url).toBe(
      'https://scholar.google.com/citations?view_op=view_citation&hl=en&user=amIMrIEAAAAJ&citation_for_view=amIMrIEAAAAJ:u5HHmVD_uO8C',
    );
    expect(p.element?.tagName).toBe('TR');
  });

  it('reads the 2020 markup, whose links keep the target in data-href', () => {
    const { papers } = run(
      'google-scholar/profile_susan_shepler_2020.html',
      'https://scholar.google.com/citations?user=A5NhLJkAAAAJ&hl=en',
    );
    expect(papers).toHaveLength(20);
    expect(papers[0]).toMatchObject({
      title:
        'The rites of the child: Global discourses of youth and reintegrating child soldiers in Sierra Leone',
      authors: ['S Shepler'],
      venue: 'Journal of Human Rights 4 (2), 197-211',
      year: 2005,
      url: 'https://scholar.google.com/citations?view_op=view_citation&hl=en&user=A5NhLJkAAAAJ&citation_for_view=A5NhLJkAAAAJ:TQgYirikUcIC',
    });
  });

  it('reads rows appended by "show more" (1,114 rows into a 20-row table)', () => {
    const { doc, url } = loadPage('google-scholar/profile_amIMrIEAAAAJ_2026-02.html', PROFILE);
    const fragment = readFileSync(
      join(FIXTURES, 'google-scholar/profile_aeinstein_gssa.html'),
      'utf8',
    );
    // Rows parse only inside a table, as the page's own script inserts them.
    const { doc: rowsDoc } = fromHtml(`<table><tbody>${fragment}</tbody></table>`, PROFILE);
    const body = doc.querySelector('#gsc_a_b')!;
    const rows = Array.from(rowsDoc.querySelectorAll('tr.gsc_a_tr'));
    expect(rows).toHaveLength(1114);
    for (const r of rows) body.appendChild(doc.importNode(r, true));

    const t0 = performance.now();
    const papers = googleScholar.extract(doc, url);
    const ms = performance.now() - t0;
    expect(papers).toHaveLength(1134);
    expect(ms).toBeLessThan(10_000); // JSDOM on a busy machine; the Chromium budget is checked elsewhere
    const unique = uniquePapers(detectPapers(doc, url).papers);
    expect(unique.length).toBeGreaterThan(1100);
    const epr = papers[20]!;
    expect(epr.title).toBe(
      'Can quantum-mechanical description of physical reality be considered complete?',
    );
    expect(epr.authors).toEqual(['A Einstein', 'B Podolsky', 'N Rosen']);
    expect(epr.venue).toBe('Physical Review 47 (10), 777');
    expect(epr.year).toBe(1935);
  }, 60_000);

  it('stays bounded on a hostile page and does not touch the page', () => {
    const row =
      '<tr class="gsc_a_tr"><td class="gsc_a_t"><a href="/citations?view_op=view_citation&amp;citation_for_view=x:ROW" class="gsc_a_at">Paper ROW</a><div class="gs_gray">A Author</div><div class="gs_gray">Venue<span class="gs_oph">, 2020</span></div></td><td class="gsc_a_y"><span>2020</span></td></tr>';
    const n = LIMITS.rowsPerPage + 500;
    let html = '<table><tbody id="gsc_a_b">';
    for (let i = 0; i < n; i++) html += row.replaceAll('ROW', String(i));
    const { doc, url } = fromHtml(`${html}</tbody></table>`, PROFILE);
    const before = doc.documentElement.outerHTML.length;
    const papers = googleScholar.extract(doc, url);
    expect(papers).toHaveLength(LIMITS.rowsPerPage);
    expect(papers[1]).toMatchObject({
      title: 'Paper 1',
      authors: ['A Author'],
      venue: 'Venue',
      year: 2020,
    });
    expect(doc.documentElement.outerHTML.length).toBe(before);
  }, 60_000);
});

describe('google-scholar: through the registry', () => {
  it('wins on Scholar pages, and the sign-in page yields nothing', () => {
    const { doc, url } = loadPage('google-scholar/search_forrt-03_2026-06.html', SEARCH);
    const d = detectPapers(doc, url);
    expect(d.sources).toEqual(['google-scholar']);
    expect(
      d.papers.find((p) => p.title === 'Transmla: Multi-head latent attention is all you need')?.id,
    ).toBe('arxiv:2502.07864');
    const neg = loadPage(
      'negatives/google_signin_from_scholar_2026-02.html',
      'https://accounts.google.com/v3/signin/identifier?continue=https%3A%2F%2Fscholar.google.com%2Fcitations',
    );
    expect(detectPapers(neg.doc, neg.url).papers).toEqual([]);
  });
});
