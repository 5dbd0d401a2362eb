/**
 * CVF Open Access (openaccess.thecvf.com): CVPR, ICCV, WACV, ECCV and workshops. MARKUP-NOTES §6:
 * list pages (`/CVPR2024?day=all`) give each paper as `dt.ptitle > a` followed by two sibling `dd`
 * (authors, then pdf/supp/arXiv links); paper pages (`/content/…/html/…_paper.html`) have
 * `#papertitle`, `#authors`, `#abstract` and citation_* meta. `ptitle` is the site's one row hook.
 */
import { idsFromUrl } from '../../identity';
import { LIMITS, type FoundPaper } from '../../paper';
import type { Adapter } from '../adapter';
import { attr, ddsOf, splitAuthors, text } from '../dom';
import { readMetaPaper } from '../generic/meta-tags';
import { makePaper } from '../make-paper';

const PAPER_PAGE = /\/html\/[^/]+_paper\.html$/;

/** `…/Li_Foo_Bar_CVPR_2024_paper.html` → venue CVPR, year 2024 (workshops: CVPRW). */
function venueOfHref(href: string): { venue?: string; year?: number } {
  const m = /_([A-Z][A-Za-z]*)_((?:19|20)\d\d)_paper\.(?:html|pdf)$/.exec(href);
  return m ? { venue: m[1]!, year: Number(m[2]) } : {};
}

function extractPaper(doc: Document, url: URL): FoundPaper[] {
  const meta = readMetaPaper(doc, url);
  const heading = doc.querySelector('#papertitle');
  const ids = [...(meta?.ids ?? [])];
  const links = doc.querySelectorAll('a[href*="arxiv.org/" i], a[href*="doi.org/" i]');
  for (let i = 0; i < links.length && i < 5; i++)
    ids.push(...idsFromUrl(attr(links[i], 'href'), url.href));
  const v = venueOfHref(url.pathname);
  const pdf = doc.querySelector('a[href$="_paper.pdf"]');
  const p = makePaper(
    {
      ...meta,
      ids,
      title: meta?.title || text(heading),
      authors: meta?.authors?.length
        ? meta.authors
        : splitAuthors(text(doc.querySelector('#authors b, #authors i'), 5000)),
      year: meta?.year ?? v.year,
      venue: meta?.venue || v.venue,
      abstract: meta?.abstract || text(doc.querySelector('#abstract'), LIMITS.abstract),
      url: url.href,
      pdfUrl: meta?.pdfUrl || attr(pdf, 'href'),
      element: heading ?? meta?.element,
    },
    'cvf',
    'single',
    url,
  );
  return p ? [p] : [];
}

function authorsOf(dd: Element | undefined): string[] {
  if (!dd) return [];
  // Each author is a search form whose hidden input holds the exact name; older pages use <i>.
  const inputs = dd.querySelectorAll('input[name="query_author"][value]');
  if (inputs.length) return Array.from(inputs, (i) => attr(i, 'value')).slice(0, LIMITS.authors);
  return splitAuthors(text(dd.querySelector('i') ?? dd, 5000));
}

const LIST_ROWS = 'dt.ptitle';

function extractList(
  url: URL,
  rows: ArrayLike<Element>,
  from = 0,
  to: number = rows.length,
): FoundPaper[] {
  const out: FoundPaper[] = [];
  for (let i = from; i < Math.min(to, rows.length) && out.length < LIMITS.rowsPerPage; i++) {
    const dt = rows[i]!;
    const a = dt.querySelector('a[href]');
    const dds = ddsOf(dt);
    const ids: string[] = [];
    let pdfUrl = '';
    for (const dd of dds) {
      // The bibtex block sits in the links dd too; only the links matter.
      const links = dd.querySelectorAll('a[href]');
      for (let k = 0; k < links.length && k < 20; k++) {
        const href = attr(links[k], 'href');
        ids.push(...idsFromUrl(href, url.href));
        if (!pdfUrl && /_paper\.pdf$/.test(href)) pdfUrl = href;
      }
    }
    const href = attr(a, 'href');
    const v = venueOfHref(href);
    const p = makePaper(
      {
        ids,
        title: text(a ?? dt),
        authors: authorsOf(dds[0]),
        year: v.year,
        venue: v.venue,
        url: href,
        pdfUrl,
        element: dt,
      },
      'cvf',
      'listing',
      url,
    );
    if (p) out.push(p);
  }
  return out;
}

/** The URL check alone: the every-page gate (utils/detect/gate.ts) imports it without extract. */
export const cvfMatches = (u: URL): boolean => u.hostname === 'openaccess.thecvf.com';

export const cvf: Adapter = {
  id: 'cvf',
  matches: cvfMatches,
  testUrls: [
    'https://openaccess.thecvf.com/CVPR2024?day=all',
    'https://openaccess.thecvf.com/CVPR2024',
    'https://openaccess.thecvf.com/ICCV2023?day=2023-10-04',
    'https://openaccess.thecvf.com/content/CVPR2024/html/Li_Foo_Bar_CVPR_2024_paper.html',
    'https://openaccess.thecvf.com/content_cvpr_2016/html/He_Deep_Residual_Learning_CVPR_2016_paper.html',
    'https://openaccess.thecvf.com/CVPR2018.py',
    'https://openaccess.thecvf.com/CVPR2024_workshops/menu',
  ],
  detect(doc, url) {
    if (PAPER_PAGE.test(url.pathname))
      return doc.querySelector('meta[name="citation_title" i], #papertitle') ? 'single' : null;
    return doc.querySelector('dt.ptitle a[href]') ? 'listing' : null;
  },
  extract: (doc, url) =>
    PAPER_PAGE.test(url.pathname)
      ? extractPaper(doc, url)
      : extractList(url, doc.querySelectorAll(LIST_ROWS)),
  // A conference's "all days" page lists thousands of papers.
  slice(doc, url, pick) {
    if (PAPER_PAGE.test(url.pathname)) return null;
    const rows = doc.querySelectorAll(LIST_ROWS);
    const range = pick(rows);
    return range ? extractList(url, rows, range[0], range[1]) : null;
  },
};
