/** Turns what an adapter read off the page into a bounded, canonical FoundPaper. */
import { buildIdentity } from '../identity';
import { LIMITS, type FoundPaper, type PageKind } from '../paper';
import { absUrl, clean } from './dom';

export interface RawPaper {
  /** Ids in the scheme, any spelling canonicalId accepts (`arxiv:2106.09608v2`, `doi:10.X/Y`). */
  ids: Array<string | null | undefined>;
  title: string | null | undefined;
  authors?: Array<string | null | undefined>;
  year?: number | undefined;
  venue?: string | null | undefined;
  abstract?: string | null | undefined;
  url?: string | null | undefined;
  pdfUrl?: string | null | undefined;
  element?: Element | null | undefined;
}

/** Null when the row has neither a title nor an id: such rows are not papers we can name. */
export function makePaper(
  raw: RawPaper,
  source: string,
  kind: PageKind,
  base: string | URL,
): FoundPaper | null {
  const title = clean(raw.title, LIMITS.title);
  const identity = buildIdentity(raw.ids, title);
  if (!identity) return null;
  // One pass, stopping at the bound: map, filter and slice built three arrays per row.
  const authors: string[] = [];
  const names = raw.authors ?? [];
  for (let i = 0; i < names.length; i++) {
    const c = clean(names[i], LIMITS.author);
    if (c) authors.push(c);
    if (authors.length >= LIMITS.authors) break;
  }
  const p: FoundPaper = {
    id: identity.id,
    aliases: identity.aliases,
    title,
    authors,
    source,
    kind,
  };
  if (raw.year && Number.isInteger(raw.year)) p.year = raw.year;
  const venue = clean(raw.venue, LIMITS.venue);
  if (venue) p.venue = venue;
  const abstract = clean(raw.abstract, LIMITS.abstract);
  if (abstract) p.abstract = abstract;
  const url = absUrl(raw.url, base);
  if (url) p.url = url;
  const pdfUrl = absUrl(raw.pdfUrl, base);
  if (pdfUrl) p.pdfUrl = pdfUrl;
  if (raw.element) p.element = raw.element;
  return p;
}
