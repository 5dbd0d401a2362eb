/**
 * PMLR (proceedings.mlr.press), from its own Jekyll theme (mlresearch/jekyll-theme; MARKUP-NOTES
 * §6, high confidence). A volume page `/vNNN/` (a reissue: `/rNN/`) lists `div.paper` rows
 * (`p.title`, `span.authors`, `p.links` with abs / Download PDF / OpenReview / arXiv links); a
 * paper page `/vNNN/<key>.html` carries citation_* meta. The theme's classes are its only hooks:
 * there are no data attributes.
 */
import { idsFromUrl } from '../../identity';
import { LIMITS, type FoundPaper } from '../../paper';
import type { Adapter } from '../adapter';
import { absUrl, attr, clean, splitAuthors, text, yearOf } from '../dom';
import { readMetaPaper } from '../generic/meta-tags';
import { makePaper } from '../make-paper';

// Reissues of older proceedings live beside the volumes as /rNN/ (volume "R12", papers cited as
// proceedings.mlr.press/r5/morin05a.html; mlresearch/r12 _config.yml: baseurl /r12, /:title.html).
const PAPER_PATH = /^\/[vr]\d+\/[^/]+\.html$/;

/**
 * "Volume 202: International Conference on Machine Learning, 23-29 July 2023, Honolulu, …". A
 * reissue's volume is "R12" and its page may call itself a reissue: both wordings are accepted.
 */
function volumeInfo(doc: Document): { venue: string; year: number | undefined } {
  const h = text(doc.querySelector('h2'), LIMITS.venue * 2);
  const m = /^(?:Volume|Reissue)\s+R?\d+\s*:\s*(.+)$/i.exec(h);
  if (!m) return { venue: '', year: undefined };
  return { venue: clean(m[1]!.split(',')[0], LIMITS.venue), year: yearOf(m[1]) };
}

function linkIds(links: ArrayLike<Element>, base: URL): string[] {
  const ids: string[] = [];
  for (let i = 0; i < links.length && i < 20; i++)
    ids.push(...idsFromUrl(attr(links[i], 'href'), base.href));
  return ids;
}

function extractPaper(doc: Document, url: URL): FoundPaper[] {
  const meta = readMetaPaper(doc, url);
  const heading = doc.querySelector('article h1, h1');
  const extras = doc.querySelector('#extras');
  const p = makePaper(
    {
      ...meta,
      // OpenReview and arXiv versions are listed under the abstract and name the same paper.
      ids: [
        ...(meta?.ids ?? []),
        ...(extras ? linkIds(extras.querySelectorAll('a[href]'), url) : []),
      ],
      title: meta?.title || text(heading),
      authors: meta?.authors?.length
        ? meta.authors
        : splitAuthors(text(doc.querySelector('span.authors'), 5000)),
      abstract: meta?.abstract || text(doc.querySelector('#abstract'), LIMITS.abstract),
      url: url.href,
      element: heading ?? meta?.element,
    },
    'pmlr',
    'single',
    url,
  );
  return p ? [p] : [];
}

const PDF_HREF = /\.pdf(?:$|[?#])/i;

/**
 * The paper's PDF among a row's links: the one the theme labels "Download PDF", else the PDF
 * named after the paper's key (`<key>/<key>.pdf`, or `<key>.pdf` in old volumes), else the first
 * PDF. A supplementary PDF (`<key>-supp.pdf`) may come before it.
 */
function pdfLink(links: Element[], absHref: string): Element | undefined {
  const pdfs = links.filter((a) => PDF_HREF.test(attr(a, 'href')));
  const labelled = pdfs.find((a) => /\bdownload\s+pdf\b/i.test(text(a, 100)));
  if (labelled) return labelled;
  const key = /\/([^/]+)\.html$/.exec(absHref)?.[1];
  const own = key
    ? pdfs.find((a) =>
        attr(a, 'href')
          .replace(/[?#].*$/, '')
          .endsWith(`/${key}.pdf`),
      )
    : undefined;
  return own ?? pdfs[0];
}

function extractVolume(doc: Document, url: URL): FoundPaper[] {
  const { venue, year } = volumeInfo(doc);
  const out: FoundPaper[] = [];
  const rows = doc.querySelectorAll('div.paper');
  for (let i = 0; i < rows.length && out.length < LIMITS.rowsPerPage; i++) {
    const row = rows[i]!;
    const links = Array.from(row.querySelectorAll('a[href]')).slice(0, 20);
    // The "abs" link is the paper's own page on this site; OpenReview/arXiv links go elsewhere.
    const abs = links.find((a) => {
      const u = absUrl(attr(a, 'href'), url);
      return !!u && new URL(u).hostname === url.hostname && PAPER_PATH.test(new URL(u).pathname);
    });
    const pdf = pdfLink(links, attr(abs, 'href'));
    const p = makePaper(
      {
        ids: linkIds(links, url),
        title: text(row.querySelector('p.title, .title')),
        authors: splitAuthors(text(row.querySelector('span.authors, .authors'), 5000)),
        year,
        venue,
        url: attr(abs, 'href'),
        pdfUrl: attr(pdf, 'href'),
        element: row,
      },
      'pmlr',
      'listing',
      url,
    );
    if (p) out.push(p);
  }
  return out;
}

/** The URL check alone: the every-page gate (utils/detect/gate.ts) imports it without extract. */
export const pmlrMatches = (u: URL): boolean => u.hostname === 'proceedings.mlr.press';

export const pmlr: Adapter = {
  id: 'pmlr',
  matches: pmlrMatches,
  testUrls: [
    'https://proceedings.mlr.press/v202/',
    'https://proceedings.mlr.press/v235/wu24d.html',
    'https://proceedings.mlr.press/',
    'https://proceedings.mlr.press/r12/',
    'https://proceedings.mlr.press/r5/morin05a.html',
  ],
  detect(doc, url) {
    if (PAPER_PATH.test(url.pathname))
      return doc.querySelector('meta[name="citation_title" i], article h1') ? 'single' : null;
    return doc.querySelector('div.paper p.title') ? 'listing' : null;
  },
  extract: (doc, url) =>
    PAPER_PATH.test(url.pathname) ? extractPaper(doc, url) : extractVolume(doc, url),
};
