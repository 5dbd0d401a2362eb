/**
 * User settings, kept in extension storage so every content script sees changes live.
 * Only what a feature needs: highlighting, per-site disable list, pause capture, incognito.
 */
export interface Settings {
  /** Show badges on pages. */
  highlight: boolean;
  /** Host names (exact, or a parent domain) where Paperdex does nothing. */
  disabledSites: string[];
  /** Stop recording papers; marks still show what is already known. */
  paused: boolean;
  /** Capture in private windows (only when the browser lets the extension run there). */
  incognito: boolean;
}

export const SETTINGS_KEY = 'settings';
/** A change notice (star toggled, paper deleted) that open tabs apply to their badges. */
export const EVENT_KEY = 'paperdex:event';

export const DEFAULT_SETTINGS: Settings = {
  highlight: true,
  disabledSites: [],
  paused: false,
  incognito: false,
};

/** Accepts anything from storage and returns valid settings (unknown keys dropped). */
export function parseSettings(raw: unknown): Settings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const bool = (k: keyof Settings, d: boolean) =>
    typeof s[k] === 'boolean' ? (s[k] as boolean) : d;
  const sites = Array.isArray(s.disabledSites)
    ? s.disabledSites
        .filter((x): x is string => typeof x === 'string')
        .map(normalizeHost)
        .filter(Boolean)
        .slice(0, 1000)
    : [];
  return {
    highlight: bool('highlight', DEFAULT_SETTINGS.highlight),
    disabledSites: [...new Set(sites)],
    paused: bool('paused', DEFAULT_SETTINGS.paused),
    incognito: bool('incognito', DEFAULT_SETTINGS.incognito),
  };
}

/** "https://www.Example.org/x" or "example.org" → "example.org". */
export function normalizeHost(s: string): string {
  let h = s.trim().toLowerCase();
  try {
    if (/^[a-z]+:\/\//.test(h)) h = new URL(h).hostname;
  } catch {
    return '';
  }
  h = h.replace(/^www\./, '').replace(/\/.*$/, '');
  return /^[a-z0-9.-]{1,253}$/.test(h) ? h : '';
}

export function siteDisabled(settings: Settings, hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^www\./, '');
  return settings.disabledSites.some((d) => h === d || h.endsWith(`.${d}`));
}

/**
 * Whether Paperdex has anything to do on a page: not a disabled site, not a private window it may
 * not capture in, and either marks to show or papers to record.
 */
export function pageWanted(settings: Settings, hostname: string, incognito: boolean): boolean {
  if (incognito && !settings.incognito) return false;
  if (siteDisabled(settings, hostname)) return false;
  return settings.highlight || !settings.paused;
}

export type PaperdexEvent =
  | { type: 'star'; id: string; starred: boolean; t: number }
  | { type: 'delete'; id: string; t: number };
