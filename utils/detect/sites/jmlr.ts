/**
 * JMLR volume pages (jmlr.org/papers/v<N>/). Each paper is a `dl`: `dt` holds the title, `dd`
 * the authors in `b` ("; (2):1−86, 2024.") and links labelled abs, pdf, bib (and code). JMLR
 * papers have no DOI, so rows are named by title; paper pages carry citation_* meta and are left to
 * the generic meta-tags adapter.
 */
import { LIMITS, type FoundPaper } from '../../paper';
import type { Adapter } from '../adapter';
import { attr, splitAuthors, text } from '../dom';
import { makePaper } from '../make-paper';

const VOLUME_PATH = /^\/papers\/v\d+\/?$/;
const ABS_HREF = /\/papers\/v\d+\/[^/]+\.html$/;

function extractVolume(doc: Document, url: URL): FoundPaper[] {
  const out: FoundPaper[] = [];
  const titles = doc.querySelectorAll('dl > dt');
  for (let i = 0; i < titles.length && out.length < LIMITS.rowsPerPage; i++) {
    const dt = titles[i]!;
    const dd = dt.nextElementSibling?.localName === 'dd' ? dt.nextElementSibling : null;
    if (!dd) continue;
    const links = Array.from(dd.querySelectorAll('a[href]')).slice(0, 10);
    const abs = links.find((a) => ABS_HREF.test(attr(a, 'href')));
    const pdf = links.find((a) => /\.pdf$/i.test(attr(a, 'href')));
    // Every paper links its abstract page or its PDF; other definition lists are not papers.
    if (!abs && !pdf) continue;
    const info = text(dd, 2000);
    const year = /,\s*((?:19|20)\d\d)\.?(?:\s|\[|$)/.exec(info)?.[1];
    const p = makePaper(
      {
        ids: [],
        title: text(dt),
        authors: splitAuthors(text(dd.querySelector('b'), 5000)),
        year: year ? Number(year) : undefined,
        venue: 'JMLR',
        url: attr(abs, 'href'),
        pdfUrl: attr(pdf, 'href'),
        element: dt.parentElement ?? dt,
      },
      'jmlr',
      'listing',
      url,
    );
    if (p) out.push(p);
  }
  return out;
}

/** The URL check alone: the every-page gate (utils/detect/gate.ts) imports it without extract. */
export const jmlrMatches = (u: URL): boolean =>
  (u.hostname === 'jmlr.org' || u.hostname === 'www.jmlr.org') && VOLUME_PATH.test(u.pathname);

export const jmlr: Adapter = {
  id: 'jmlr',
  matches: jmlrMatches,
  testUrls: ['https://jmlr.org/papers/v24/', 'https://www.jmlr.org/papers/v3/'],
  detect: (doc) => (doc.querySelector('dl > dt + dd a[href$=".html"]') ? 'listing' : null),
  extract: extractVolume,
};
