/**
 * A tiny Preact binding for @tanstack/virtual-core.
 *
 * Why virtual-core and not virtua: virtua ships React, Vue, Solid, Svelte and Angular builds but no
 * Preact one; its React build would need preact/compat aliased as react and react-dom (plus React's
 * types) only for this list, and its framework-free core is published as `unstable_core`.
 * virtual-core is framework-free by design with a stable API, so the binding is the few lines
 * below: one Virtualizer per component, options refreshed every render, re-render on its onChange.
 */
import {
  elementScroll,
  observeElementOffset,
  observeElementRect,
  Virtualizer,
  type VirtualizerOptions,
} from '@tanstack/virtual-core';
import { useLayoutEffect, useReducer, useState } from 'preact/hooks';

export type ListOptions = Pick<
  VirtualizerOptions<HTMLElement, HTMLElement>,
  | 'count'
  | 'estimateSize'
  | 'getScrollElement'
  | 'overscan'
  | 'getItemKey'
  | 'initialRect'
  | 'paddingEnd'
>;

export function useVirtualizer(options: ListOptions): Virtualizer<HTMLElement, HTMLElement> {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const full: VirtualizerOptions<HTMLElement, HTMLElement> = {
    observeElementRect,
    observeElementOffset,
    scrollToFn: elementScroll,
    ...options,
    onChange: () => rerender(undefined),
  };
  const [v] = useState(() => new Virtualizer(full));
  v.setOptions(full);
  useLayoutEffect(() => v._didMount(), [v]);
  useLayoutEffect(() => {
    v._willUpdate();
  });
  return v;
}
