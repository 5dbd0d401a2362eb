/**
 * The toolbar badge for a tab: how many papers of this page you have met before.
 *
 * Choice: the number tells what is worth knowing at a glance — "you have met N of these papers".
 * - some met before → that count, indigo (the in-page "seen" colour);
 * - all new         → "+N" (N new papers), green: the plus sign keeps it readable without colour;
 * - no papers       → no badge.
 * 'possible' (known only by a title twin) counts as new in the text and is spelled out in the title.
 */
import type { PaperStateInfo, StateMap } from '../protocol';

export interface BadgeView {
  text: string;
  color: string;
  /** Tooltip of the toolbar button. */
  title: string;
}

export const BADGE_COLORS = { seen: '#3b3fb6', new: '#15803d' } as const;

/** Badges show about four characters: 1,500 becomes "1k" (pages hold at most 5,000 papers). */
function short(n: number): string {
  return n <= 999 ? String(n) : `${Math.min(9, Math.floor(n / 1000))}k`;
}

export function badgeFor(states: Iterable<PaperStateInfo>): BadgeView {
  let known = 0;
  let fresh = 0;
  let possible = 0;
  for (const s of states) {
    if (s.state === 'new') fresh++;
    else if (s.state === 'possible') possible++;
    else known++;
  }
  const total = known + fresh + possible;
  if (total === 0) return { text: '', color: BADGE_COLORS.new, title: 'Paperdex' };
  const parts = [`${known} seen before`, `${fresh} new`];
  if (possible) parts.push(`${possible} possibly seen under another id`);
  const title = `Paperdex: ${total} paper${total === 1 ? '' : 's'} on this page — ${parts.join(', ')}`;
  if (known > 0) return { text: short(known), color: BADGE_COLORS.seen, title };
  return { text: `+${short(fresh + possible)}`, color: BADGE_COLORS.new, title };
}

/**
 * What each tab's current page load has shown: recordPage may come several times per load (rows
 * added by "show more"), so states accumulate per visit, keyed by stored paper, and a new visit
 * starts over.
 */
export class TabTally {
  private tabs = new Map<number, { visit: string; states: Map<string, PaperStateInfo> }>();

  add(tabId: number, visit: string, states: StateMap): BadgeView {
    let t = this.tabs.get(tabId);
    if (!t || t.visit !== visit) {
      t = { visit, states: new Map() };
      this.tabs.set(tabId, t);
    }
    for (const s of Object.values(states)) t.states.set(s.id, s);
    return badgeFor(t.states.values());
  }

  forget(tabId: number): void {
    this.tabs.delete(tabId);
  }
}
