/**
 * AAAI proceedings on Open Journal Systems (ojs.aaai.org; AAAI, AIES, ICWSM and HCOMP share it).
 * An issue's table of contents `/index.php/<journal>/issue/view/<id>` lists OJS's default-theme
 * summaries (pkp/ojs templates/frontend/objects/article_summary.tpl): `div.obj_article_summary >
 * .title > a[href=…/article/view/<id>]`, an optional `span.subtitle` inside that link, and
 * `div.authors`. The table of contents shows no DOI, so its rows are named by title. Article pages
 * carry citation_* meta with the DOI: they are not claimed here, so the generic meta-tags adapter
 * reads them.
 */
import { LIMITS, type FoundPaper } from '../../paper';
import type { Adapter } from '../adapter';
import { attr, clean, splitAuthors, text, yearOf } from '../dom';
import { makePaper } from '../make-paper';

const ISSUE_PATH = /^\/index\.php\/([^/]+)\/issue\/(?:view\/\d+|current)\/?$/;
const ROW_LINK = '.title a[href*="/article/view/"]';

/** OJS renders "Title: Subtitle" with the subtitle in its own span inside the title link. */
function titleOf(a: Element): string {
  let main = '';
  let sub = '';
  for (let n = a.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).classList.contains('subtitle'))
      sub += n.textContent ?? '';
    else main += n.textContent ?? '';
  }
  const m = clean(main, LIMITS.title);
  const s = clean(sub, LIMITS.title);
  return s ? `${m}: ${s}` : m;
}

function extractIssue(doc: Document, url: URL): FoundPaper[] {
  const journal = ISSUE_PATH.exec(url.pathname)?.[1] ?? '';
  // Journal paths are the venues' acronyms (AAAI, ICWSM); others (aimagazine) name no venue.
  const venue = /^[A-Z]{3,}$/.test(journal) ? journal : undefined;
  const year = yearOf(text(doc.querySelector('.obj_issue_toc .published .value'), 40));
  const out: FoundPaper[] = [];
  const rows = doc.querySelectorAll('.obj_article_summary');
  for (let i = 0; i < rows.length && out.length < LIMITS.rowsPerPage; i++) {
    const row = rows[i]!;
    const a = row.querySelector(ROW_LINK);
    if (!a) continue;
    const p = makePaper(
      {
        ids: [],
        title: titleOf(a),
        authors: splitAuthors(text(row.querySelector('.authors'), 5000)),
        year,
        venue,
        url: attr(a, 'href'),
        element: row,
      },
      'aaai',
      'listing',
      url,
    );
    if (p) out.push(p);
  }
  return out;
}

/** The URL check alone: the every-page gate (utils/detect/gate.ts) imports it without extract. */
export const aaaiMatches = (u: URL): boolean =>
  u.hostname === 'ojs.aaai.org' && ISSUE_PATH.test(u.pathname);

export const aaai: Adapter = {
  id: 'aaai',
  matches: aaaiMatches,
  testUrls: [
    'https://ojs.aaai.org/index.php/AAAI/issue/view/548',
    'https://ojs.aaai.org/index.php/AAAI/issue/current',
    'https://ojs.aaai.org/index.php/ICWSM/issue/view/560',
  ],
  detect: (doc) => (doc.querySelector(`.obj_article_summary ${ROW_LINK}`) ? 'listing' : null),
  extract: extractIssue,
};
