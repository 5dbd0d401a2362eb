/**
 * USENIX conference programs (www.usenix.org/conference/<conf>/technical-sessions, and the
 * accepted-papers pages built the same way). The Drupal theme wraps each paper in `.node-paper`
 * (`article`, `div` in 2016) with `h2 > a[href=…/presentation/<slug>]` and the people in
 * `.field-name-field-paper-people-text` ("Name and Name, <em>Affiliation;</em> Name, …"), inside
 * `.node-session` blocks whose own headings are sessions, not papers. USENIX papers have no DOI,
 * so rows are named by title; presentation pages carry citation_* meta and are left to the generic
 * meta-tags adapter.
 */
import { LIMITS, type FoundPaper } from '../../paper';
import type { Adapter } from '../adapter';
import { attr, splitAuthors, text } from '../dom';
import { makePaper } from '../make-paper';

const PROGRAM_PATH =
  /^\/conference\/([a-z]+?)(\d\d)\/(?:technical-sessions|[a-z-]*accepted-papers)\/?$/;
const ROW_LINK = 'h2 a[href*="/presentation/"]';

/** The people line without its affiliations, which the theme sets in <em> (<i> in 2016). */
function authorsOf(el: Element | null): string[] {
  if (!el) return [];
  let out = '';
  const stack: Node[] = [el];
  for (let steps = 0; stack.length && steps < 2000 && out.length < 5000; steps++) {
    const n = stack.pop()!;
    if (n.nodeType === 3) out += n.nodeValue ?? '';
    else if (n.nodeType === 1) {
      const tag = (n as Element).localName;
      if (tag === 'em' || tag === 'i') {
        out += ',';
        continue;
      }
      for (let c = n.lastChild; c; c = c.previousSibling) stack.push(c);
    }
  }
  return splitAuthors(out);
}

function venueOf(name: string): string {
  if (name === 'usenixsecurity') return 'USENIX Security';
  return name === 'atc' ? 'USENIX ATC' : name.toUpperCase();
}

function extractProgram(doc: Document, url: URL): FoundPaper[] {
  const m = PROGRAM_PATH.exec(url.pathname);
  const venue = m ? venueOf(m[1]!) : undefined;
  const year = m ? 2000 + Number(m[2]) : undefined;
  const out: FoundPaper[] = [];
  const rows = doc.querySelectorAll('.node-paper');
  for (let i = 0; i < rows.length && out.length < LIMITS.rowsPerPage; i++) {
    const row = rows[i]!;
    const a = row.querySelector(ROW_LINK);
    if (!a) continue;
    const p = makePaper(
      {
        ids: [],
        title: text(a),
        authors: authorsOf(row.querySelector('.field-name-field-paper-people-text')),
        year,
        venue,
        url: attr(a, 'href'),
        element: row,
      },
      'usenix',
      'listing',
      url,
    );
    if (p) out.push(p);
  }
  return out;
}

/** The URL check alone: the every-page gate (utils/detect/gate.ts) imports it without extract. */
export const usenixMatches = (u: URL): boolean =>
  (u.hostname === 'www.usenix.org' || u.hostname === 'usenix.org') && PROGRAM_PATH.test(u.pathname);

export const usenix: Adapter = {
  id: 'usenix',
  matches: usenixMatches,
  testUrls: [
    'https://www.usenix.org/conference/osdi23/technical-sessions',
    'https://www.usenix.org/conference/usenixsecurity23/summer-accepted-papers',
    'https://www.usenix.org/conference/nsdi22/technical-sessions',
  ],
  detect: (doc) => (doc.querySelector(`.node-paper ${ROW_LINK}`) ? 'listing' : null),
  extract: extractProgram,
};
