/**
 * PMLR (proceedings.mlr.press), from its own Jekyll theme (mlresearch/jekyll-theme; MARKUP-NOTES
 * §6, high confidence). A volume page `/vNNN/` lists `div.paper` rows (`p.title`, `span.authors`,
 * `p.links` with abs / Download PDF / OpenReview / arXiv links); a paper page `/vNNN/<key>.html`
 * carries citation_* meta. The theme's classes are its only hooks: there are no data attributes.
 */
import { idsFromUrl } from '../../identity';
import { LIMITS, type FoundPaper } from '../../paper';
import type { Adapter } from '../adapter';
import { absUrl, attr, clean, splitAuthors, text, yearOf } from '../dom';
import { readMetaPaper } from '../generic/meta-tags';
import { makePaper } from '../make-paper';

const PAPER_PATH = /^\/v\d+\/[^/]+\.html$/;

/** "Volume 202: International Conference on Machine Learning, 23-29 July 2023, Honolulu, …" */
function volumeInfo(doc: Document): { venue: string; year: number | undefined } {
  const h = text(doc.querySelector('h2'), LIMITS.venue * 2);
  const m = /^Volume\s+\d+\s*:\s*(.+)$/i.exec(h);
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
    const pdf = links.find((a) => /\.pdf(?:$|[?#])/i.test(attr(a, 'href')));
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
  ],
  detect(doc, url) {
    if (PAPER_PATH.test(url.pathname))
      return doc.querySelector('meta[name="citation_title" i], article h1') ? 'single' : null;
    return doc.querySelector('div.paper p.title') ? 'listing' : null;
  },
  extract: (doc, url) =>
    PAPER_PATH.test(url.pathname) ? extractPaper(doc, url) : extractVolume(doc, url),
};
