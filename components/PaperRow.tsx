import { Component } from 'preact';
import type { StoredPaper } from '../utils/library/db';
import { openUrl } from './actions';
import { CopyMenu } from './CopyMenu';
import {
  httpUrl,
  paperUrl,
  relativeTime,
  shortAuthors,
  siteLabel,
  siteLabels,
  venueYear,
} from './format';
import { StarButton } from './StarButton';
import { useLastSighting } from './useLastSighting';

export interface PaperRowProps {
  paper: StoredPaper;
  index: number;
  setSize: number;
  top: number;
  height: number;
  selected: boolean;
  starred: boolean;
  /** Found only through its abstract (the slow pass). */
  viaAbstract?: boolean;
  now: number;
  onSelect: (index: number) => void;
  onStar: (paper: StoredPaper, starred: boolean) => void;
  onStatus: (message: string) => void;
  /** Library page: a checkbox for bulk actions. */
  checked?: boolean;
  onCheck?: (paper: StoredPaper, checked: boolean) => void;
}

/** Opens in a new tab through the tabs API (popups close on navigation); href stays for middle-click. */
function openFromLink(e: MouseEvent, url: string, onStatus: (m: string) => void) {
  if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return;
  e.preventDefault();
  void openUrl(url).then((err) => err && onStatus(err));
}

/**
 * The first Date#toLocaleString of a page builds ICU's date formatter: 30–40 ms in the popup's
 * first render (a third of its budget), for a tooltip nobody has asked for yet. It is written when
 * the pointer first reaches the date instead.
 */
function lastSeenTooltip(e: PointerEvent, lastSeen: number) {
  const el = e.currentTarget as HTMLElement;
  el.title = new Date(lastSeen).toLocaleString();
}

/**
 * Rows re-render only when their own props change: the list re-renders on every keystroke, star
 * and page of results, and most of its rows (a paper, its star, its place) are the same as before.
 * The list keeps the callbacks stable for this.
 */
export class MemoPaperRow extends Component<PaperRowProps> {
  override shouldComponentUpdate(next: PaperRowProps): boolean {
    const now = this.props as unknown as Record<string, unknown>;
    const then = next as unknown as Record<string, unknown>;
    for (const k in then) if (then[k] !== now[k]) return true;
    for (const k in now) if (!(k in then)) return true;
    return false;
  }

  override render() {
    return <PaperRow {...this.props} />;
  }
}

export function PaperRow(props: PaperRowProps) {
  const { paper: p, selected, starred } = props;
  const url = paperUrl(p);
  const last = useLastSighting(p.id, p.lastSeen);
  const revisit = httpUrl(last?.pageUrl);
  const meta = [shortAuthors(p.authors), venueYear(p)].filter(Boolean).join(' · ');
  const seen = `seen ${p.seenCount}× · ${relativeTime(p.lastSeen, props.now)}`;
  return (
    <div
      role="listitem"
      class={`row${selected ? ' selected' : ''}${props.checked ? ' checked' : ''}`}
      data-paperdex-id={p.id}
      data-index={props.index}
      aria-posinset={props.index + 1}
      aria-setsize={props.setSize}
      aria-current={selected ? 'true' : undefined}
      tabIndex={selected ? 0 : -1}
      style={{ transform: `translateY(${props.top}px)`, height: `${props.height}px` }}
      onClick={() => props.onSelect(props.index)}
    >
      {props.onCheck && (
        <input
          type="checkbox"
          class="row-check"
          checked={!!props.checked}
          aria-label={`Select “${p.title}”`}
          onClick={(e) => e.stopPropagation()}
          onChange={(e) => props.onCheck?.(p, e.currentTarget.checked)}
        />
      )}
      <div class="row-main">
        <div class="row-title">
          {url ? (
            <a
              href={url}
              target="_blank"
              rel="noopener noreferrer"
              onClick={(e) => openFromLink(e, url, props.onStatus)}
            >
              {p.title}
            </a>
          ) : (
            <span>{p.title}</span>
          )}
        </div>
        {meta && <div class="row-meta">{meta}</div>}
        <div class="row-meta row-where">
          {siteLabels(p.sources).map((s) => (
            <span key={s} class="site">
              {s}
            </span>
          ))}
          <span class="seen" onPointerEnter={(e) => lastSeenTooltip(e, p.lastSeen)}>
            {seen}
          </span>
          {p.state === 'opened' && <span class="badge">opened</span>}
          {props.viaAbstract && <span class="badge">in abstract</span>}
          {p.tags.map((t) => (
            <span key={t} class="tag">
              #{t}
            </span>
          ))}
        </div>
      </div>
      <div class="row-actions">
        <StarButton starred={starred} title={p.title} onToggle={() => props.onStar(p, !starred)} />
        {revisit && (
          <a
            class="text-button"
            href={revisit}
            target="_blank"
            rel="noopener noreferrer"
            title={`Last seen on ${last?.pageTitle || revisit}`}
            aria-label={`Revisit the page where “${p.title}” was last seen (${siteLabel(last?.site ?? '')})`}
            onClick={(e) => openFromLink(e, revisit, props.onStatus)}
          >
            Revisit
          </a>
        )}
        <CopyMenu paper={p} onDone={props.onStatus} />
      </div>
    </div>
  );
}
