/**
 * OpenReview (openreview.net), from the site's own frontend (openreview-web, 2026-08; see
 * tests/fixtures/MARKUP-NOTES.md §3). Forum pages carry citation_* meta and the forum id in
 * `?id=` (or, at `/forum/<paperhash>`, only in their links); venue tabs, search and profile pages
 * list notes as `div.note > h4 > a[href*="/forum?id="]`.
 * The `citation_title`, `note-authors`, `note-meta-info`, `note-parent-title`, `html-link`,
 * `show-all` and `forum-*` class names are the app's component hooks (Note.js, NoteTitle.js,
 * NoteAuthors.js, ExpandableList.js, ForumNote.js), not styling, which is why they are used here.
 */
import { idsFromUrl } from '../../identity';
import { LIMITS, type FoundPaper } from '../../paper';
import type { Adapter } from '../adapter';
import { absUrl, attr, splitAuthors, text, yearOf } from '../dom';
import { readMetaPaper, plain } from '../generic/meta-tags';
import { makePaper } from '../make-paper';

const HOSTS = new Set(['openreview.net', 'www.openreview.net']);
const NOTE_LINK = 'a[href*="/forum?id="]';
// A reply (review, comment, decision) links to its forum with its own id in `noteId` (NoteTitle.js):
// it is not a paper, and taking the forum id from it would name the forum's paper by the reply.
const PAPER_LINK = `${NOTE_LINK}:not([href*="noteId="])`;
const LIST_LINKS = `.note h4 ${PAPER_LINK}, h4 > ${PAPER_LINK}`;
const FORUM_ID = /^[\w-]{5,40}$/;
// The catch-all route app/forum/[...paperhash] serves the same forum page as `/forum?id=`.
const PAPERHASH_PATH = /^\/forum\/[^/]/;

function forumIdOf(href: string | null | undefined, base: URL): string | null {
  const u = href ? absUrl(href, base) : undefined;
  if (!u) return null;
  const p = new URL(u);
  if (!HOSTS.has(p.hostname)) return null;
  const id = p.searchParams.get('id');
  return id && FORUM_ID.test(id) ? id : null;
}

function isForum(url: URL): boolean {
  return (
    url.pathname === '/forum' || url.pathname === '/forum/' || PAPERHASH_PATH.test(url.pathname)
  );
}

/** The ids an outbound link names; a doi.org link also raw, so an arXiv DataCite DOI stays an alias. */
function linkIds(href: string | undefined, out: string[]): void {
  if (!href) return;
  out.push(...idsFromUrl(href));
  const doi = /^https?:\/\/(?:dx\.)?doi\.org\/(10\..+)$/i.exec(href)?.[1];
  if (doi) out.push(`doi:${doi}`);
}

/**
 * Author names as NoteAuthors.js renders them: a link per author with a profile (or a DBLP page),
 * a bare span per author without one, joined by ", ". The list's expander (a.show-all, "et al. (N
 * additional authors not shown)"), institution numbers (sup) and the institution list under the
 * names are not names. Falls back to the comma-separated text when there are no such elements.
 */
function authorNames(box: Element | null): string[] {
  if (!box) return [];
  const out: string[] = [];
  const items = box.querySelectorAll('a, span');
  const n = Math.min(items.length, LIMITS.authors * 4);
  for (let i = 0; i < n && out.length < LIMITS.authors; i++) {
    const el = items[i]!;
    if (el.localName === 'a') {
      if (el.classList.contains('show-all') || attr(el, 'role') === 'button') continue;
    } else if (el.childElementCount > 0 || el.hasAttribute('class') || el.closest('a')) {
      // Wrappers, icons and labels (private-author-label), and text inside a name link.
      continue;
    }
    if (el.closest('sup, .note-authors-institutions')) continue;
    const name = text(el, LIMITS.author);
    if (name && !out.includes(name)) out.push(name);
  }
  return out.length ? out : splitAuthors(text(box, LIMITS.author * LIMITS.authors));
}

function extractForum(doc: Document, url: URL): FoundPaper[] {
  const meta = readMetaPaper(doc, url);
  const heading = doc.querySelector('.forum-title h2, h2.citation_title');
  const title =
    meta?.title || text(heading) || plain(doc.title.replace(/\s*\|\s*OpenReview\s*$/, ''));
  // A reply's page names its forum in `id`; `/forum?arxivid=` pages name it only in their PDF link;
  // `/forum/<paperhash>` pages in their PDF link or, for a note without a PDF, the Revisions link.
  const pdfLink = attr(
    doc.querySelector('a.citation_pdf_url, .forum-content-link a[href*="id="]'),
    'href',
  );
  const forum =
    forumIdOf(url.href, url) ??
    forumIdOf(meta?.pdfUrl, url) ??
    forumIdOf(pdfLink, url) ??
    (PAPERHASH_PATH.test(url.pathname)
      ? forumIdOf(attr(doc.querySelector('.forum-meta a[href*="/revisions?id="]'), 'href'), url)
      : null);
  const arxiv = url.searchParams.get('arxivid');
  // Notes imported from DBLP or arXiv have no citation tags; their PDF and website links (arXiv,
  // doi.org) name the paper. An external PDF link has no class; its icon says which link it is.
  const ids: string[] = [];
  let externalPdf: string | undefined;
  const links = doc.querySelectorAll('.forum-content-link a[href]');
  for (let i = 0; i < links.length && i < 4; i++) {
    const href = absUrl(links[i]!.getAttribute('href'), url);
    linkIds(href, ids);
    if (!externalPdf && links[i]!.querySelector('img[src*="pdf"]')) externalPdf = href;
  }
  const authors = meta?.authors?.length
    ? meta.authors
    : authorNames(doc.querySelector('.forum-authors h3') ?? doc.querySelector('.forum-authors'));
  const p = makePaper(
    {
      ...meta,
      ids: [
        ...(meta?.ids ?? []),
        forum && `openreview:${forum}`,
        arxiv && `arxiv:${arxiv}`,
        ...ids,
      ],
      title,
      authors,
      year: meta?.year ?? yearOf(text(doc.querySelector('.forum-meta .date'), 200)),
      url: forum ? `https://openreview.net/forum?id=${forum}` : url.href,
      pdfUrl: meta?.pdfUrl || pdfLink || externalPdf,
      element: heading ?? meta?.element,
    },
    'openreview',
    'single',
    url,
  );
  return p ? [p] : [];
}

/**
 * Venue pages keep every tab's notes in the DOM; only the visible tab's notes are the ones the
 * reader met, so a page with tab panes is read from its active panes only.
 */
function noteScopes(doc: Document): ParentNode[] {
  const panes = doc.querySelectorAll('.tab-content > .tab-pane');
  if (panes.length === 0) return [doc];
  const active = Array.from(panes).filter((p) => p.classList.contains('active'));
  return active.length ? active : [panes[0]!];
}

function extractNotes(doc: Document, url: URL): FoundPaper[] {
  const out: FoundPaper[] = [];
  const seen = new Set<Element>();
  for (const scope of noteScopes(doc)) {
    const links = scope.querySelectorAll(LIST_LINKS);
    for (let i = 0; i < links.length && out.length < LIMITS.rowsPerPage; i++) {
      const a = links[i]!;
      const row = a.closest('.note') ?? a.closest('li') ?? a;
      if (seen.has(row)) continue;
      seen.add(row);
      // Note.js shows the forum's title above a reply; a reply is not a paper.
      if (row.querySelector('.note-parent-title')) continue;
      const id = forumIdOf(a.getAttribute('href'), url);
      const ids: string[] = id ? [`openreview:${id}`] : [];
      // The note's website (NoteTitle.js: content.html, or a legacy note's `ee`): arXiv, doi.org…
      const sites = row.querySelectorAll('a.html-link[href]');
      for (let j = 0; j < sites.length && j < 2; j++)
        linkIds(absUrl(sites[j]!.getAttribute('href'), url), ids);
      const metaItems = row.querySelectorAll('.note-meta-info > li');
      const date = metaItems[0];
      const venue = metaItems.length > 2 ? text(metaItems[1], LIMITS.venue) : '';
      const pdf = row.querySelector('a.pdf-link, a[href*="/pdf?id="], a[href*="/attachment?id="]');
      const p = makePaper(
        {
          ids,
          title: text(a),
          authors: authorNames(row.querySelector('.note-authors')),
          year: yearOf(text(date, 200)),
          venue,
          url: id ? `https://openreview.net/forum?id=${id}` : a.getAttribute('href'),
          pdfUrl: attr(pdf, 'href'),
          element: row,
        },
        'openreview',
        'listing',
        url,
      );
      if (p) out.push(p);
    }
  }
  return out;
}

/** The URL check alone: the every-page gate (utils/detect/gate.ts) imports it without extract. */
export const openreviewMatches = (u: URL): boolean => HOSTS.has(u.hostname);

export const openreview: Adapter = {
  id: 'openreview',
  matches: openreviewMatches,
  testUrls: [
    'https://openreview.net/forum?id=2dnO3LLiJ1',
    'https://openreview.net/forum?id=2dnO3LLiJ1&noteId=xyzNoteId12',
    'https://openreview.net/forum?arxivid=2309.16588',
    'https://openreview.net/forum/darcet|vision_transformers_need_registers',
    'https://openreview.net/group?id=ICLR.cc/2024/Conference#tab-accept-oral',
    'https://openreview.net/profile?id=~Timothee_Darcet1',
    'https://openreview.net/search?term=vision+transformer&group=all&content=all&source=all',
    'https://openreview.net/venue?id=NeurIPS.cc/2023/Conference',
  ],
  detect(doc, url) {
    if (isForum(url)) {
      return doc.querySelector('meta[name="citation_title" i], .forum-title h2, h2.citation_title')
        ? 'single'
        : null;
    }
    // The visible tab only, as extract reads it: a Recent Activity tab of replies lists no paper.
    return noteScopes(doc).some((s) => s.querySelector(LIST_LINKS)) ? 'listing' : null;
  },
  extract: (doc, url) => (isForum(url) ? extractForum(doc, url) : extractNotes(doc, url)),
};
