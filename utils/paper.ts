/** What a page tells us about one paper. Shared by detection, the protocol, the library and exports. */
export type PageKind = 'listing' | 'single';

export interface DetectedPaper {
  /** Primary id in the identity scheme (see utils/identity.ts). */
  id: string;
  /** Every other id the page gives for this paper (never includes `id`). */
  aliases: string[];
  title: string;
  authors: string[];
  year?: number;
  venue?: string;
  abstract?: string;
  /** The paper's own page, absolute http(s) URL. */
  url?: string;
  pdfUrl?: string;
  /** Adapter id that found it. */
  source: string;
  kind: PageKind;
}

/** A detected paper plus, in the content script, the element the badge goes beside. */
export interface FoundPaper extends DetectedPaper {
  element?: Element;
}

/** Bounds that keep hostile pages cheap: rows per page and characters per field. */
export const LIMITS = {
  rowsPerPage: 5000,
  title: 1000,
  author: 200,
  authors: 100,
  venue: 300,
  abstract: 5000,
  url: 2048,
  aliases: 20,
  id: 300,
} as const;
