/**
 * Small citation strings for a row's copy menu: a Markdown link and the id. Its BibTeX is the
 * library export's own entry (formats/bibtex-out.ts), so a copied entry and an exported one agree.
 */
import type { StoredPaper } from '../library/db';

export type CitablePaper = Pick<StoredPaper, 'id' | 'title' | 'url'>;

/** Percent-encodes the characters that would end a Markdown URL early. */
function encodeChars(url: string, chars: RegExp): string {
  return url.replace(
    chars,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'),
  );
}

function httpOnly(url: string | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

/** `[Title](url)`, with the title's brackets escaped; the bare title when there is no http(s) URL. */
export function markdownLink(p: CitablePaper, url?: string): string {
  const title = p.title
    .replace(/[\\[\]]/g, '\\$&')
    .replace(/\s+/g, ' ')
    .trim();
  const href = httpOnly(url ?? p.url);
  if (!href) return title;
  return `[${title}](${encodeChars(href, /[()\s]/g)})`;
}

export function idText(p: Pick<StoredPaper, 'id'>): string {
  return p.id;
}
