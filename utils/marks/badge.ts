/**
 * In-page marks: a small branded badge beside each detected paper's title. The badge lives in an
 * open shadow root so the site's CSS cannot reach inside it and its CSS cannot leak out; the host
 * element carries the stable hooks `data-paperdex-id` and `data-paperdex-state` for tests and for
 * users' own styles. Page text only ever reaches the badge through textContent and attributes.
 */
import { normalizeTitle } from '../identity';
import type { FoundPaper } from '../paper';
import { whereOf } from '../protocol-packed';

export type MarkState = 'new' | 'seen' | 'opened' | 'starred' | 'possible';

export interface MarkInfo {
  /** The stored paper's primary id (the detected id when the paper is new). */
  id: string;
  state: MarkState;
  starred?: boolean;
  seenCount?: number;
  firstSeen?: number;
  firstSite?: string;
  firstPageUrl?: string;
  /** Where it was first met, already reduced to a host (packed answers). */
  firstWhere?: string;
}

export const HOST_TAG = 'paperdex-mark';
const HOST_ATTR = 'data-paperdex-id';

const LABEL: Record<MarkState, string> = {
  new: 'new',
  seen: 'seen',
  opened: 'opened',
  starred: 'starred',
  possible: 'possibly seen',
};

// The host's negative block margins keep it from ever making its line taller: as an inline box it
// is placed by its margin box, which is only a few pixels high, while the badge itself still draws
// centred on the line. A badge one pixel taller than arXiv's line pushed every row below it down:
// the site's content moved, and each mark made the browser place the whole rest of the listing
// again.
const CSS = `
:host { all: initial; display: inline-flex !important; vertical-align: middle; margin: -6px 0 -6px 6px;
  font: 600 11px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; }
.b { display: inline-flex; align-items: center; gap: 3px; border-radius: 9px; padding: 0 6px 0 4px;
  border: 1px solid transparent; white-space: nowrap; cursor: default; user-select: none; }
.logo { width: 12px; height: 12px; border-radius: 3px; background: #3b3fb6; color: #fff;
  font-size: 9px; line-height: 12px; text-align: center; font-weight: 800; }
.star { all: unset; cursor: pointer; font-size: 12px; line-height: 1; padding: 0 1px; color: #8a8fa8; }
.star:hover, .star:focus-visible { color: #f5b400; outline: 1px solid #3b3fb6; outline-offset: 1px; border-radius: 3px; }
.star[aria-pressed="true"] { color: #f5b400; }
.s-new { opacity: .35; border-color: #c9cbf2; color: #3b3fb6; background: transparent; }
.s-new:hover, .s-new:focus-within { opacity: 1; }
.s-seen { background: #e8e9fb; color: #2b2f8f; border-color: #c9cbf2; }
.s-opened { background: #3b3fb6; color: #fff; }
.s-opened .star { color: #d8dafc; }
.s-starred { background: #fff4cc; color: #5c4500; border-color: #f5b400; }
.s-possible { background: #fff; color: #555; border: 1px dashed #8a8fa8; }
.fixed { position: fixed; top: 10px; right: 10px; z-index: 2147483647; box-shadow: 0 1px 4px rgba(0,0,0,.25); font-size: 12px; padding: 2px 8px 2px 5px; }
@media (prefers-color-scheme: dark) {
  .s-seen { background: #2b2f6f; color: #e8e9fb; border-color: #4b4fc6; }
  .s-possible { background: #222; color: #ccc; }
}`;

// Dates are written as ISO 8601 days by hand: the first Intl.DateTimeFormat in a page's
// content-script world loads locale data, measured at 200 ms of main thread per page.
function day(t: number): string {
  const d = new Date(t);
  const two = (n: number) => (n < 10 ? `0${n}` : String(n));
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

function tooltip(info: MarkInfo): string {
  if (info.state === 'new') return 'Paperdex: first time you meet this paper';
  const parts: string[] = [];
  const times = info.seenCount ?? 0;
  if (info.state === 'possible') parts.push('Paperdex: a paper with the same title was seen');
  else parts.push(`Paperdex: ${LABEL[info.state]}, seen ${times} time${times === 1 ? '' : 's'}`);
  if (info.firstSeen) {
    const where = info.firstWhere ?? whereOf(info);
    parts.push(`first seen ${day(info.firstSeen)}${where ? ` on ${where}` : ''}`);
  }
  return parts.join('; ');
}

/** The element the badge goes after: the title link or heading inside the row. */
export function titleElement(row: Element, title: string): Element {
  const want = normalizeTitle(title);
  if (!want) return row;
  const links = row.querySelectorAll('a[href], h1, h2, h3, h4');
  const n = Math.min(links.length, 40);
  for (let i = 0; i < n; i++) {
    const el = links[i]!;
    const got = normalizeTitle((el.textContent ?? '').slice(0, 2000));
    if (got && (got === want || (got.length > 10 && want.startsWith(got)))) return el;
  }
  return row;
}

let shared: CSSStyleSheet | null | undefined;

/**
 * One constructed stylesheet shared by every badge: a listing of thousands of rows would otherwise
 * parse the same CSS thousands of times. Where constructed sheets are unavailable (some content
 * script worlds, JSDOM), each badge gets its own <style>.
 */
function adoptStyles(doc: Document, root: ShadowRoot): void {
  if (shared === undefined) {
    try {
      const Sheet = doc.defaultView?.CSSStyleSheet;
      shared = Sheet ? new Sheet() : null;
      shared?.replaceSync(CSS);
    } catch {
      shared = null;
    }
  }
  if (shared) {
    try {
      root.adoptedStyleSheets = [shared];
      return;
    } catch {
      shared = null;
    }
  }
  const style = doc.createElement('style');
  style.textContent = CSS;
  root.append(style);
}

export interface BadgeHandlers {
  onStar(id: string, starred: boolean): void;
}

export function renderBadge(
  doc: Document,
  info: MarkInfo,
  handlers: BadgeHandlers,
  fixed = false,
): HTMLElement {
  const host = doc.createElement(HOST_TAG);
  const root = host.attachShadow({ mode: 'open' });
  // Cloning one prepared tree is cheaper than building each badge node by node.
  const box = badgeTemplate(doc).cloneNode(true) as HTMLElement;
  const label = box.childNodes[1] as HTMLElement;
  const star = box.childNodes[2] as HTMLButtonElement;
  star.addEventListener('click', (e) => {
    // The badge sits inside the site's rows: keep the click from reaching the site's handlers.
    e.preventDefault();
    e.stopPropagation();
    const current = host.getAttribute('data-paperdex-state') === 'starred';
    handlers.onStar(host.getAttribute(HOST_ATTR) ?? info.id, !current);
  });
  adoptStyles(doc, root);
  root.append(box);
  paint(host, { box, label, star }, info, fixed);
  return host;
}

let template: { doc: Document; box: HTMLElement } | undefined;

function badgeTemplate(doc: Document): HTMLElement {
  if (template?.doc === doc) return template.box;
  const box = doc.createElement('span');
  box.setAttribute('part', 'badge');
  const logo = doc.createElement('span');
  logo.className = 'logo';
  logo.textContent = 'P';
  logo.setAttribute('aria-hidden', 'true');
  const label = doc.createElement('span');
  label.className = 'label';
  const star = doc.createElement('button');
  star.className = 'star';
  star.type = 'button';
  box.append(logo, label, star);
  template = { doc, box };
  return box;
}

interface BadgeParts {
  box: Element;
  label: Element;
  star: Element;
}

export function updateBadge(host: HTMLElement, info: MarkInfo): void {
  const root = host.shadowRoot;
  const box = root?.querySelector('[part="badge"]');
  const label = root?.querySelector('.label');
  const star = root?.querySelector('.star');
  if (!box || !label || !star) {
    host.setAttribute(HOST_ATTR, info.id);
    host.setAttribute('data-paperdex-state', info.starred ? 'starred' : info.state);
    return;
  }
  paint(host, { box, label, star }, info, box.classList.contains('fixed'));
}

function paint(host: HTMLElement, parts: BadgeParts, info: MarkInfo, fixed: boolean): void {
  const { box, label, star } = parts;
  const state: MarkState = info.starred ? 'starred' : info.state;
  host.setAttribute(HOST_ATTR, info.id);
  host.setAttribute('data-paperdex-state', state);
  box.className = `b s-${state}${fixed ? ' fixed' : ''}`;
  const count = info.seenCount && state !== 'new' ? ` ${info.seenCount}×` : '';
  label.textContent = state === 'new' ? 'new' : `${LABEL[state]}${count}`;
  box.setAttribute('title', tooltip({ ...info, state }));
  const starred = state === 'starred';
  star.textContent = starred ? '★' : '☆';
  star.setAttribute('aria-pressed', String(starred));
  star.setAttribute('aria-label', starred ? 'Unstar in Paperdex' : 'Star in Paperdex');
}

/**
 * Puts a badge beside the paper's title (after a title link, so clicks never follow the link), or
 * fixed in the corner for a single-paper page without a row. Returns the host, or the existing one
 * when the row is already marked.
 */
export function placeBadge(
  doc: Document,
  paper: FoundPaper,
  info: MarkInfo,
  handlers: BadgeHandlers,
): HTMLElement {
  const row = paper.element;
  if (!row || !row.isConnected) {
    const existing = doc.querySelector<HTMLElement>(`${HOST_TAG}[data-paperdex-fixed]`);
    if (existing) {
      updateBadge(existing, info);
      return existing;
    }
    const host = renderBadge(doc, info, handlers, true);
    host.setAttribute('data-paperdex-fixed', '');
    (doc.body ?? doc.documentElement).append(host);
    return host;
  }
  const at = titleElement(row, paper.title);
  const next = at.tagName === 'A' ? at.nextElementSibling : at.lastElementChild;
  if (next && next.tagName.toLowerCase() === HOST_TAG) {
    updateBadge(next as HTMLElement, info);
    return next as HTMLElement;
  }
  const host = renderBadge(doc, info, handlers);
  if (at.tagName === 'A') at.after(host);
  else at.append(host);
  return host;
}

export function allBadges(doc: Document): HTMLElement[] {
  return Array.from(doc.querySelectorAll<HTMLElement>(HOST_TAG));
}

export function removeBadges(doc: Document): void {
  for (const b of allBadges(doc)) b.remove();
}
