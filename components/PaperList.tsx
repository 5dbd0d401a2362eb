/**
 * The virtualized list: only the rows in view (plus a few) exist in the DOM, so 50,000 matches
 * cost the same to show as 10. Rows have a fixed height (titles clamp to two lines), which keeps
 * the virtualizer free of measuring and the scroll position stable while results stream in.
 */
import type { Ref } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { StoredPaper } from '../utils/library/db';
import { INITIAL_RECT, OVERSCAN } from './list-geometry';
import { MemoPaperRow } from './PaperRow';
import { useVirtualizer } from './useVirtualizer';

export interface PaperListProps {
  papers: readonly StoredPaper[];
  rowHeight: number;
  selected: number;
  /** Focus the selected row after it renders (keyboard moves), not on every update. */
  focusSelected: boolean;
  onFocused: () => void;
  onSelect: (index: number) => void;
  starOverrides: ReadonlyMap<string, boolean>;
  onStar: (paper: StoredPaper, starred: boolean) => void;
  onStatus: (message: string) => void;
  /** Ids found only through their abstract. */
  viaAbstract: ReadonlySet<string>;
  /** Called when the user nears the end, to load more. */
  onEndReached?: () => void;
  checked?: ReadonlySet<string>;
  onCheck?: (paper: StoredPaper, checked: boolean) => void;
  label: string;
  scrollRef?: Ref<HTMLDivElement>;
  onKeyDown?: (e: KeyboardEvent) => void;
}

export function PaperList(props: PaperListProps) {
  const { papers, rowHeight, selected } = props;
  const scroller = useRef<HTMLDivElement | null>(null);
  const v = useVirtualizer({
    count: papers.length,
    estimateSize: () => rowHeight,
    getScrollElement: () => scroller.current,
    getItemKey: (i) => papers[i]?.id ?? i,
    overscan: OVERSCAN,
    // Rows on the first render, before the scroller has been measured: first paint shows papers.
    initialRect: INITIAL_RECT,
  });
  const items = v.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1]!.index : -1;
  // Coarse, so that rows (memoized) do not all re-render for a clock that moved a few ms; the
  // relative times they show count minutes.
  const now = Math.floor(Date.now() / 10_000) * 10_000;

  useEffect(() => {
    if (props.onEndReached && lastIndex >= papers.length - 10) props.onEndReached();
  }, [lastIndex, papers.length]);

  useEffect(() => {
    if (selected >= 0 && selected < papers.length) v.scrollToIndex(selected, { align: 'auto' });
  }, [selected]);

  useEffect(() => {
    if (!props.focusSelected) return;
    const el = scroller.current?.querySelector<HTMLElement>(`[data-index="${selected}"]`);
    if (el) {
      el.focus({ preventScroll: true });
      props.onFocused();
    }
  });

  return (
    <div
      class="list"
      ref={(el) => {
        scroller.current = el;
        const r = props.scrollRef;
        if (typeof r === 'function') r(el);
        else if (r) r.current = el;
      }}
      onKeyDown={props.onKeyDown}
    >
      <div
        role="list"
        aria-label={props.label}
        class="list-inner"
        style={{ height: `${v.getTotalSize()}px` }}
      >
        {items.map((it) => {
          const p = papers[it.index];
          if (!p) return null;
          return (
            <MemoPaperRow
              key={p.id}
              paper={p}
              index={it.index}
              setSize={papers.length}
              top={it.start}
              height={rowHeight}
              selected={it.index === selected}
              starred={props.starOverrides.get(p.id) ?? p.starred === 1}
              viaAbstract={props.viaAbstract.has(p.id)}
              now={now}
              onSelect={props.onSelect}
              onStar={props.onStar}
              onStatus={props.onStatus}
              checked={props.checked?.has(p.id)}
              onCheck={props.onCheck}
            />
          );
        })}
      </div>
    </div>
  );
}
