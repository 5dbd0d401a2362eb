/**
 * The ECVA's ECCV papers list (www.ecva.net/papers.php): every edition on one page, each in a
 * collapsible section, each paper a `dt.ptitle > a[href=papers/eccv_<YYYY>/…/html/…_paper.php]`
 * followed by `dd` siblings (authors, then pdf and supplementary links). The list shows no DOI, so
 * rows are named by title.
 */
import { LIMITS, type FoundPaper } from '../../paper';
import type { Adapter } from '../adapter';
import { attr, ddsOf, splitAuthors, text } from '../dom';
import { makePaper } from '../make-paper';

const ROW_LINK = 'dt.ptitle a[href*="eccv_"]';

function extractList(
  url: URL,
  links: ArrayLike<Element>,
  from = 0,
  to: number = links.length,
): FoundPaper[] {
  const out: FoundPaper[] = [];
  const end = Math.min(to, links.length);
  for (let i = from; i < end && out.length < LIMITS.rowsPerPage; i++) {
    const a = links[i]!;
    const dt = a.closest('dt') ?? a;
    const href = attr(a, 'href');
    const year = /eccv_((?:19|20)\d\d)\//i.exec(href)?.[1];
    const dds = ddsOf(dt);
    let pdfUrl = '';
    for (const dd of dds.slice(1)) {
      const pdf = Array.from(dd.querySelectorAll('a[href]')).find(
        (l) =>
          /\/papers\/[^/]+\.pdf$/i.test(attr(l, 'href')) && !/-supp\.pdf$/i.test(attr(l, 'href')),
      );
      if (pdf) {
        pdfUrl = attr(pdf, 'href');
        break;
      }
    }
    const p = makePaper(
      {
        ids: [],
        title: text(a),
        authors: dds[0] ? splitAuthors(text(dds[0], 5000)) : [],
        year: year ? Number(year) : undefined,
        venue: /\/workshops\//.test(href) ? 'ECCV Workshops' : 'ECCV',
        url: href,
        pdfUrl,
        element: dt,
      },
      'ecva',
      'listing',
      url,
    );
    if (p) out.push(p);
  }
  return out;
}

/** The URL check alone: the every-page gate (utils/detect/gate.ts) imports it without extract. */
export const ecvaMatches = (u: URL): boolean =>
  (u.hostname === 'www.ecva.net' || u.hostname === 'ecva.net') && u.pathname === '/papers.php';

export const ecva: Adapter = {
  id: 'ecva',
  matches: ecvaMatches,
  testUrls: ['https://www.ecva.net/papers.php', 'https://ecva.net/papers.php'],
  detect: (doc) => (doc.querySelector(ROW_LINK) ? 'listing' : null),
  extract: (doc, url) => extractList(url, doc.querySelectorAll(ROW_LINK)),
  // Every edition on one page: thousands of rows, so the rows on screen are read first.
  slice(doc, url, pick) {
    const links = doc.querySelectorAll(ROW_LINK);
    const range = pick(links);
    return range ? extractList(url, links, range[0], range[1]) : null;
  },
};
