/** Display helpers shared by the popup and the library page: pure, so tests can pin them. */
import type { StoredPaper } from '../utils/library/db';
import type { SortKey } from '../utils/search/run';

const SITE_LABELS: Readonly<Record<string, string>> = {
  arxiv: 'arXiv',
  alphaxiv: 'alphaXiv',
  'huggingface-papers': 'HF Papers',
  'google-scholar': 'Scholar',
  'semantic-scholar': 'Semantic Scholar',
  'acl-anthology': 'ACL Anthology',
  biorxiv: 'bioRxiv',
  cvf: 'CVF',
  dblp: 'DBLP',
  neurips: 'NeurIPS',
  openreview: 'OpenReview',
  pmc: 'PMC',
  pmlr: 'PMLR',
  pubmed: 'PubMed',
  saved: 'Saved',
  // Generic adapters: the page was some publisher's or author's page.
  'meta-tags': 'Web',
  'json-ld': 'Web',
  coins: 'Web',
  'id-links': 'Web',
};

export function siteLabel(site: string): string {
  return SITE_LABELS[site] ?? site;
}

/** Unique labels, in the order the paper met them (generic adapters collapse into one "Web"). */
export function siteLabels(sources: readonly string[]): string[] {
  return [...new Set(sources.map(siteLabel))];
}

/** Site ids grouped by their label (the generic adapters all read "Web"). */
export function siteGroups(sites: readonly string[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const s of sites) {
    const label = siteLabel(s);
    m.set(label, [...(m.get(label) ?? []), s]);
  }
  return m;
}

/** "A, B, … Z": enough to recognize a paper without a wall of names. */
export function shortAuthors(authors: readonly string[]): string {
  if (authors.length <= 3) return authors.join(', ');
  return `${authors[0]!}, ${authors[1]!}, … ${authors[authors.length - 1]!}`;
}

export function venueYear(p: Pick<StoredPaper, 'venue' | 'year'>): string {
  return [p.venue, p.year].filter((x) => x !== undefined && x !== '').join(' ');
}

const UNITS: Array<[number, string]> = [
  [60_000, 'min'],
  [3_600_000, 'h'],
  [86_400_000, 'd'],
  [7 * 86_400_000, 'w'],
  [30 * 86_400_000, 'mo'],
  [365 * 86_400_000, 'y'],
];

/** "just now", "5 min ago", "3 d ago", "2 y ago". */
export function relativeTime(t: number, now: number = Date.now()): string {
  const d = Math.max(0, now - t);
  if (d < 60_000) return 'just now';
  let label = 'min';
  let size = 60_000;
  for (const [ms, name] of UNITS) {
    if (d >= ms) {
      size = ms;
      label = name;
    }
  }
  return `${Math.floor(d / size)} ${label} ago`;
}

/** The URL itself when it is http(s), else undefined: page-provided links never run script. */
export function httpUrl(url: string | undefined | null): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Where a paper lives: its stored URL, else one derived from its id. */
export function paperUrl(p: Pick<StoredPaper, 'url' | 'id'>): string | undefined {
  const own = httpUrl(p.url);
  if (own) return own;
  const i = p.id.indexOf(':');
  const kind = p.id.slice(0, i);
  const v = p.id.slice(i + 1);
  switch (kind) {
    case 'arxiv':
      return `https://arxiv.org/abs/${v}`;
    case 'doi':
      return `https://doi.org/${v}`;
    case 'pmid':
      return `https://pubmed.ncbi.nlm.nih.gov/${v}/`;
    case 'pmcid':
      return `https://pmc.ncbi.nlm.nih.gov/articles/${v}/`;
    case 'openreview':
      return `https://openreview.net/forum?id=${encodeURIComponent(v)}`;
    case 'acl':
      return `https://aclanthology.org/${v}/`;
    case 'dblp':
      return `https://dblp.org/rec/${v}.html`;
    case 's2':
      return `https://www.semanticscholar.org/paper/${v}`;
    case 'hal':
      return `https://hal.science/${v}`;
    default:
      return undefined;
  }
}

/** Start of the day / week (Monday) / month, local time: the time-range chips. */
export type TimeRange = 'today' | 'week' | 'month';

/** The time-range chips, in their order. */
export const RANGE_LABELS: ReadonlyArray<readonly [TimeRange, string]> = [
  ['today', 'Today'],
  ['week', 'This week'],
  ['month', 'This month'],
];

/** The toggle chips' labels and titles (Chips.tsx, and the popup's first frame). */
export const CHIP_TEXT = {
  starred: { label: 'Starred', title: undefined },
  seen: { label: 'Seen', title: 'Met in lists, never opened' },
  opened: { label: 'Opened', title: "You visited the paper's own page" },
  onTab: { label: 'On this tab', title: 'Papers met on the page in the current tab' },
} as const;

export const SEARCH_PLACEHOLDER = 'Search title, author, tag…  author: year: tag: site: is:starred';

export function rangeStart(range: TimeRange, now: Date = new Date()): number {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  if (range === 'week') d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  if (range === 'month') d.setDate(1);
  return d.getTime();
}

let numbers: Intl.NumberFormat | undefined;

/** One formatter for the page: Number#toLocaleString builds a new one per call (~0.5 ms each). */
function formatCount(n: number): string {
  numbers ??= new Intl.NumberFormat();
  return numbers.format(n);
}

/** The list's "1,234 papers" / "12+ matches" line. */
export function countLabel(
  total: number | undefined,
  shown: number,
  more: boolean,
  filtered: boolean,
): string {
  if (total === undefined && shown === 0 && more) return 'Searching older papers…';
  const noun = filtered ? (total === 1 ? 'match' : 'matches') : total === 1 ? 'paper' : 'papers';
  if (total !== undefined) return `${formatCount(total)} ${noun}`;
  return `${formatCount(shown)}${more ? '+' : ''} ${noun}`;
}

/** The sort menu's choices, in its order. */
export const SORT_LABELS: Record<SortKey, string> = {
  lastSeen: 'Last seen',
  firstSeen: 'First seen',
  seenCount: 'Times seen',
  year: 'Year',
  title: 'Title',
};
