/**
 * IJCAI proceedings (www.ijcai.org). A year's list `/proceedings/<YYYY>/` gives each paper as
 * `div.paper_wrapper` (`div.title`, `div.authors`, `div.details` with its PDF `0001.pdf` and its
 * page `/proceedings/<YYYY>/1`), under track and topic headings that are not papers. The list
 * shows no DOI, so rows are named by title; paper pages carry citation_* meta with the DOI and are
 * left to the generic meta-tags adapter.
 */
import { LIMITS, type FoundPaper } from '../../paper';
import type { Adapter } from '../adapter';
import { attr, splitAuthors, text } from '../dom';
import { makePaper } from '../make-paper';

const LIST_PATH = /^\/proceedings\/((?:19|20)\d\d)\/?$/;
const PAPER_HREF = /\/proceedings\/(?:19|20)\d\d\/\d+\/?$/;

function extractList(doc: Document, url: URL): FoundPaper[] {
  const year = Number(LIST_PATH.exec(url.pathname)?.[1]) || undefined;
  const out: FoundPaper[] = [];
  const rows = doc.querySelectorAll('div.paper_wrapper');
  for (let i = 0; i < rows.length && out.length < LIMITS.rowsPerPage; i++) {
    const row = rows[i]!;
    const links = Array.from(row.querySelectorAll('.details a[href]')).slice(0, 10);
    const page = links.find((a) => PAPER_HREF.test(attr(a, 'href')));
    const pdf = links.find((a) => /\.pdf$/i.test(attr(a, 'href')));
    // A paper has its PDF or its page; a wrapper with neither is not one we can name.
    if (!page && !pdf) continue;
    const p = makePaper(
      {
        ids: [],
        title: text(row.querySelector('div.title')),
        authors: splitAuthors(text(row.querySelector('div.authors'), 5000)),
        year,
        venue: 'IJCAI',
        url: attr(page, 'href'),
        pdfUrl: attr(pdf, 'href'),
        element: row,
      },
      'ijcai',
      'listing',
      url,
    );
    if (p) out.push(p);
  }
  return out;
}

/** The URL check alone: the every-page gate (utils/detect/gate.ts) imports it without extract. */
export const ijcaiMatches = (u: URL): boolean =>
  (u.hostname === 'www.ijcai.org' || u.hostname === 'ijcai.org') && LIST_PATH.test(u.pathname);

export const ijcai: Adapter = {
  id: 'ijcai',
  matches: ijcaiMatches,
  testUrls: ['https://www.ijcai.org/proceedings/2023/', 'https://ijcai.org/proceedings/2019'],
  detect: (doc) => (doc.querySelector('div.paper_wrapper div.title') ? 'listing' : null),
  extract: extractList,
};
