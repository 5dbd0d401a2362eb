/**
 * The popup's first frame, drawn with plain DOM calls from the remembered first view
 * (entrypoints/popup/snapshot.ts) before Preact and the rest of the popup have loaded.
 *
 * Why: measured at 50,000 papers, the popup's own script (Preact, the search, the virtualizer and
 * the components, 87 KB) started running about 50 ms later than a tiny script did, and ran for
 * about 30 ms before its first render was done; the same rows written as static HTML painted
 * 40–60 ms sooner than the popup did (scratch measurements in the stop-18 note). So a script of a
 * few kB paints the remembered rows, and the popup's script loads after that frame.
 *
 * The nodes are exactly those of the app's first render for the same view: Preact's first render
 * into a container that already has children adopts them in order, patching attributes and text
 * and attaching its event handlers, so the handover changes nothing on screen and keeps focus.
 * tests/unit/popup-first-view.test.tsx compares the two DOMs and checks the adoption.
 *
 * Page text arrives here as data from the library: it is only ever set as text or attribute
 * values, and links are only written when they are http(s) (format.ts).
 */
import type { StoredPaper } from '../utils/library/db';
import { ADAPTER_SITES } from '../utils/search/sites';
import type { FirstView } from './PaperBrowser';
import {
  CHIP_TEXT,
  countLabel,
  paperUrl,
  RANGE_LABELS,
  relativeTime,
  SEARCH_PLACEHOLDER,
  shortAuthors,
  siteGroups,
  siteLabels,
  SORT_LABELS,
  venueYear,
} from './format';
import { firstRowCount, ROW_HEIGHT } from './list-geometry';

type Attrs = Record<string, string | undefined>;

function el(tag: string, attrs: Attrs = {}, ...children: Array<Node | string>): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/** The chips' toggles, label and title, in Chips.tsx's order (the popup shows "On this tab"). */
const TOGGLES: ReadonlyArray<{ label: string; title?: string }> = [
  CHIP_TEXT.starred,
  CHIP_TEXT.seen,
  CHIP_TEXT.opened,
  CHIP_TEXT.onTab,
  ...RANGE_LABELS.map(([, label]) => ({ label })),
];

function row(p: StoredPaper, index: number, setSize: number, now: number): HTMLElement {
  const selected = index === 0;
  const url = paperUrl(p);
  const meta = [shortAuthors(p.authors), venueYear(p)].filter(Boolean).join(' · ');
  const starred = p.starred === 1;
  const main = el(
    'div',
    { class: 'row-main' },
    el(
      'div',
      { class: 'row-title' },
      url
        ? el('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, p.title)
        : el('span', {}, p.title),
    ),
  );
  if (meta) main.append(el('div', { class: 'row-meta' }, meta));
  const where = el('div', { class: 'row-meta row-where' });
  for (const s of siteLabels(p.sources)) where.append(el('span', { class: 'site' }, s));
  where.append(
    el('span', { class: 'seen' }, `seen ${p.seenCount}× · ${relativeTime(p.lastSeen, now)}`),
  );
  if (p.state === 'opened') where.append(el('span', { class: 'badge' }, 'opened'));
  for (const t of p.tags) where.append(el('span', { class: 'tag' }, `#${t}`));
  main.append(where);
  const actions = el(
    'div',
    { class: 'row-actions' },
    el(
      'button',
      {
        type: 'button',
        class: `icon-button star${starred ? ' on' : ''}`,
        'aria-pressed': String(starred),
        'aria-label': `Star “${p.title}”`,
        title: starred ? 'Unstar (s)' : 'Star (s)',
      },
      el('span', { 'aria-hidden': 'true' }, starred ? '★' : '☆'),
    ),
    el(
      'span',
      { class: 'copy' },
      el(
        'button',
        {
          type: 'button',
          class: 'text-button',
          'aria-expanded': 'false',
          'aria-label': `Copy “${p.title}”…`,
        },
        'Copy',
      ),
    ),
  );
  const r = el(
    'div',
    {
      role: 'listitem',
      class: `row${selected ? ' selected' : ''}`,
      'data-paperdex-id': p.id,
      'data-index': String(index),
      'aria-posinset': String(index + 1),
      'aria-setsize': String(setSize),
      'aria-current': selected ? 'true' : undefined,
      tabindex: selected ? '0' : '-1',
    },
    main,
    actions,
  );
  r.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
  r.style.height = `${ROW_HEIGHT}px`;
  return r;
}

export interface FirstViewOptions {
  /** The library page's URL (the header's link). */
  libraryUrl: string;
  now?: number;
}

/** Draws the popup's first render for `view` into the empty `root`. */
export function drawFirstView(root: HTMLElement, view: FirstView, opts: FirstViewOptions): void {
  const papers = view.papers;
  // PaperList's clock: coarse, so that its rows' relative times match these.
  const now = Math.floor((opts.now ?? Date.now()) / 10_000) * 10_000;

  const input = el('input', {
    id: 'paperdex-search',
    type: 'search',
    autocomplete: 'off',
    placeholder: SEARCH_PLACEHOLDER,
  }) as HTMLInputElement;
  // A property, as Preact sets it.
  input.spellcheck = false;

  const chips = el('div', { class: 'chips', role: 'group', 'aria-label': 'Filters' });
  for (const { label, title } of TOGGLES)
    chips.append(
      el('button', { type: 'button', class: 'chip', 'aria-pressed': 'false', title }, label),
    );
  const sites = el(
    'select',
    { class: 'chip', 'aria-label': 'Site' },
    el('option', { value: '' }, 'All sites'),
  );
  for (const label of [...siteGroups(ADAPTER_SITES).keys()].sort())
    sites.append(el('option', { value: label }, label));
  chips.append(sites);

  const sort = el('select');
  for (const [key, label] of Object.entries(SORT_LABELS))
    sort.append(el('option', { value: key }, label));

  const list = el('div', { role: 'list', 'aria-label': 'Papers', class: 'list-inner' });
  list.style.height = `${papers.length * ROW_HEIGHT}px`;
  const shown = firstRowCount(papers.length);
  for (let i = 0; i < shown; i++) list.append(row(papers[i]!, i, papers.length, now));

  root.append(
    el(
      'header',
      { class: 'top' },
      el('h1', {}, 'Paperdex'),
      el(
        'a',
        { class: 'text-button', href: opts.libraryUrl, target: '_blank', rel: 'noopener' },
        'Open library',
      ),
    ),
    el(
      'main',
      {},
      el(
        'div',
        { class: 'browser' },
        el(
          'div',
          { class: 'search' },
          el('label', { class: 'visually-hidden', for: 'paperdex-search' }, 'Search'),
          input,
        ),
        el('div', { class: 'controls' }, chips),
        el(
          'div',
          { class: 'summary' },
          el(
            'span',
            { class: 'count', 'aria-live': 'polite' },
            countLabel(view.libraryCount, papers.length, view.more, false),
          ),
          el('label', { class: 'sort' }, el('span', {}, 'Sort'), sort),
        ),
        el('div', { class: 'list' }, list),
        el('p', { class: 'status', role: 'status' }),
      ),
    ),
  );
}
