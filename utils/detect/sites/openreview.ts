/**
 * OpenReview (openreview.net), from the site's own frontend (openreview-web, 2026-08; see
 * tests/fixtures/MARKUP-NOTES.md §3). Forum pages carry citation_* meta and the forum id in
 * `?id=`; venue tabs, search and profile pages list notes as `div.note > h4 > a[href*="/forum?id="]`.
 * The `citation_title`, `note-authors`, `note-meta-info` and `forum-*` class names are the app's
 * component hooks (Note.js, ForumNote.js), not styling, which is why they are used here.
 */
import { LIMITS, type FoundPaper } from '../../paper';
import type { Adapter } from '../adapter';
import { absUrl, attr, splitAuthors, text, yearOf } from '../dom';
import { readMetaPaper, plain } from '../generic/meta-tags';
import { makePaper } from '../make-paper';

const HOSTS = new Set(['openreview.net', 'www.openreview.net']);
const NOTE_LINK = 'a[href*="/forum?id="]';
const FORUM_ID = /^[\w-]{5,40}$/;

function forumIdOf(href: string | null | undefined, base: URL): string | null {
  const u = href ? absUrl(href, base) : undefined;
  if (!u) return null;
  const p = new URL(u);
  if (!HOSTS.has(p.hostname)) return null;
  const id = p.searchParams.get('id');
  return id && FORUM_ID.test(id) ? id : null;
}

function isForum(url: URL): boolean {
  return url.pathname === '/forum' || url.pathname === '/forum/';
}

/** Profile links when authors have profiles, else the plain comma-separated line. */
function forumAuthors(doc: Document): string[] {
  const links = Array.from(doc.querySelectorAll('.forum-authors a[href*="/profile"]')).slice(
    0,
    LIMITS.authors,
  );
  if (links.length) return links.map((a) => text(a, LIMITS.author));
  return splitAuthors(text(doc.querySelector('.forum-authors'), LIMITS.author * LIMITS.authors));
}

function extractForum(doc: Document, url: URL): FoundPaper[] {
  const meta = readMetaPaper(doc, url);
  const heading = doc.querySelector('.forum-title h2, h2.citation_title');
  const title =
    meta?.title || text(heading) || plain(doc.title.replace(/\s*\|\s*OpenReview\s*$/, ''));
  // A reply's page names its forum in `id`; `/forum?arxivid=` pages name it only in their PDF link.
  const pdfLink = attr(
    doc.querySelector('a.citation_pdf_url, .forum-content-link a[href*="id="]'),
    'href',
  );
  const forum = forumIdOf(url.href, url) ?? forumIdOf(meta?.pdfUrl, url) ?? forumIdOf(pdfLink, url);
  const arxiv = url.searchParams.get('arxivid');
  const authors = meta?.authors?.length ? meta.authors : forumAuthors(doc);
  const p = makePaper(
    {
      ...meta,
      ids: [...(meta?.ids ?? []), forum && `openreview:${forum}`, arxiv && `arxiv:${arxiv}`],
      title,
      authors,
      year: meta?.year ?? yearOf(text(doc.querySelector('.forum-meta .date'), 200)),
      url: forum ? `https://openreview.net/forum?id=${forum}` : url.href,
      pdfUrl: meta?.pdfUrl || pdfLink,
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
    const links = scope.querySelectorAll(`.note h4 ${NOTE_LINK}, h4 > ${NOTE_LINK}`);
    for (let i = 0; i < links.length && out.length < LIMITS.rowsPerPage; i++) {
      const a = links[i]!;
      const row = a.closest('.note') ?? a.closest('li') ?? a;
      if (seen.has(row)) continue;
      seen.add(row);
      const id = forumIdOf(a.getAttribute('href'), url);
      const authorsEl = row.querySelector('.note-authors');
      const metaItems = row.querySelectorAll('.note-meta-info > li');
      const date = metaItems[0];
      const venue = metaItems.length > 2 ? text(metaItems[1], LIMITS.venue) : '';
      const pdf = row.querySelector('a.pdf-link, a[href*="/pdf?id="], a[href*="/attachment?id="]');
      const p = makePaper(
        {
          ids: [id && `openreview:${id}`],
          title: text(a),
          authors: splitAuthors(text(authorsEl, LIMITS.author * LIMITS.authors)),
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
    return doc.querySelector(`.note h4 ${NOTE_LINK}, h4 > ${NOTE_LINK}`) ? 'listing' : null;
  },
  extract: (doc, url) => (isForum(url) ? extractForum(doc, url) : extractNotes(doc, url)),
};
