/**
 * The adapter contract (after Zotero's detectWeb/doWeb). `matches` and `detect` are cheap and
 * synchronous; `extract` is a pure function of (document, url): no storage, messaging, network or
 * page changes.
 */
import type { FoundPaper, PageKind } from '../paper';

export interface Adapter {
  /** Kebab-case, equal to the file name. */
  id: string;
  /** Generic adapters run on every page, after the site adapters, and claim no URL of their own. */
  generic?: boolean;
  /** URL-only check: does this adapter's site serve this URL? Generic adapters return true. */
  matches(url: URL): boolean;
  /** URLs this adapter claims (for the claims test); empty for generic adapters. */
  testUrls: readonly string[];
  /** Cheap: is there at least one paper here, and what kind of page is it? */
  detect(doc: Document, url: URL): PageKind | null;
  /** Every paper on the page, with the row element to mark where there is one. */
  extract(doc: Document, url: URL): FoundPaper[];
  /**
   * Optional, for long listings: the papers of the rows `pick` chooses among the listing's rows (in
   * document order), exactly as `extract` would give them; null where the page has no such list.
   * Lets the content script mark the rows on screen before it reads the thousands below them.
   * Pure as `extract` is: `pick` may read the rows' positions, never change the page.
   */
  slice?(doc: Document, url: URL, pick: RowPicker): FoundPaper[] | null;
}

/** Chooses the rows [start, end) of a listing, or none (null). */
export type RowPicker = (rows: ArrayLike<Element>) => readonly [number, number] | null;
