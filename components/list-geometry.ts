/**
 * The list's fixed geometry, in a module without Preact: the popup's first-frame script
 * (components/first-view.ts) lays out the same rows as the virtualized list (PaperList.tsx).
 */

/** Rows have a fixed height: titles clamp to two lines (paperdex.css). */
export const ROW_HEIGHT = 92;

/** Rows rendered beyond the visible ones. */
export const OVERSCAN = 6;

/** The scroller's size before it has been measured: the popup's (style.css). */
export const INITIAL_RECT = { width: 460, height: 600 };

/**
 * How many rows the list renders before its scroller is measured: those that start inside
 * INITIAL_RECT, plus OVERSCAN. This is what virtual-core renders at scroll position 0.
 */
export function firstRowCount(count: number): number {
  const visible = Math.ceil(INITIAL_RECT.height / ROW_HEIGHT);
  return Math.min(count, visible + OVERSCAN);
}
