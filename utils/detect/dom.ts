/** Small DOM helpers shared by adapters: bounded text, attribute reads, absolute URLs. */
import { LIMITS } from '../paper';

/** Text content with whitespace collapsed, cut to `max` characters. */
export function text(el: Element | null | undefined, max: number = LIMITS.title): string {
  if (!el) return '';
  const raw = el.textContent ?? '';
  // Cut before collapsing so a megabyte text node costs little.
  return clean(raw.length > max * 4 ? raw.slice(0, max * 4) : raw, max);
}

const NEEDS_COLLAPSE =
  /[\t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| {2}/;
// The runs that change when every run of \s becomes one space: all but a lone space. Matching
// lone spaces too rebuilt every word of every title (most of a long listing's garbage).
const COLLAPSE =
  /\s{2,}|[\t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/g;

export function clean(s: string | null | undefined, max: number = LIMITS.title): string {
  if (!s) return '';
  const t = s.trim();
  // Same result as collapsing every run, but most text is already single-spaced, and testing for
  // that (every \s but the space, spelled out: much faster than [^\S ]) is several times cheaper
  // than rewriting every space, the largest cost of a 2,000-row listing.
  return (NEEDS_COLLAPSE.test(t) ? t.replace(COLLAPSE, ' ') : t).slice(0, max);
}

export function attr(el: Element | null | undefined, name: string): string {
  return el?.getAttribute(name)?.trim() ?? '';
}

/** Absolute http(s) URL, or undefined for anything else (javascript:, data:, junk). */
export function absUrl(href: string | null | undefined, base: string | URL): string | undefined {
  if (!href) return undefined;
  try {
    const h = href.trim();
    // An absolute link needs no base, and parsing the base again for every row is a large part
    // of a long listing's cost in the browser.
    const u = /^https?:\/\//i.test(h) ? new URL(h) : new URL(h, base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    const s = u.href;
    return s.length <= LIMITS.url ? s : undefined;
  } catch {
    return undefined;
  }
}

export function metaContent(doc: Document, name: string): string {
  const el = doc.querySelector(`meta[name="${name}" i], meta[property="${name}" i]`);
  return attr(el, 'content');
}

export function metaContents(doc: Document, name: string): string[] {
  return Array.from(doc.querySelectorAll(`meta[name="${name}" i], meta[property="${name}" i]`))
    .map((m) => attr(m, 'content'))
    .filter(Boolean);
}

/** Four-digit year between 1600 and next year found in the string, else undefined. */
export function yearOf(s: string | null | undefined): number | undefined {
  if (!s) return undefined;
  const m = /\b(1[6-9]\d\d|20\d\d)\b/.exec(s);
  if (!m) return undefined;
  const y = Number(m[1]);
  return y <= new Date().getFullYear() + 1 ? y : undefined;
}

/** Splits an author line ("A, B and C") into names, bounded. */
export function splitAuthors(s: string): string[] {
  return s
    .split(/\s*(?:,|;|\band\b|&)\s*/)
    .map((a) => clean(a, LIMITS.author))
    .filter((a) => a && a !== '…' && a !== '...')
    .slice(0, LIMITS.authors);
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/**
 * Character references left in text that was escaped twice (a NeurIPS author line) or that comes
 * as an HTML fragment inside JSON (an IEEE record). Decoded by table, never by handing page text
 * to an HTML parser; unknown names and impossible code points stay as written.
 */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#(\d{1,7})|#x([\da-f]{1,6})|([a-z]{2,6}));/gi, (m, dec, hex, name) => {
    if (name) return ENTITIES[(name as string).toLowerCase()] ?? m;
    const cp = dec ? Number(dec) : parseInt(hex as string, 16);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}

/** The `dd` elements after a `dt`, up to the next `dt` (a definition list's row), at most `max`. */
export function ddsOf(dt: Element, max = 4): Element[] {
  const out: Element[] = [];
  for (
    let e = dt.nextElementSibling;
    e && e.localName !== 'dt' && out.length < max;
    e = e.nextElementSibling
  )
    if (e.localName === 'dd') out.push(e);
  return out;
}
