/**
 * The compact wire form of the marks lookup (`lookupPacked`). Chrome's extension messaging costs
 * about 0.2 ms per KB each way on these machines, whatever the shape: 2,000 papers as objects with
 * titles and full answers with first-page URLs were ~230 KB out and ~400 KB back. Marks need only
 * ids out, and state, count, first day and first host back, so both directions are one string of
 * lines, aligned with the papers asked about (about 35 KB out and 25 KB back for 2,000 papers).
 *
 * Request `ids`: one line per paper, its ids separated by tabs (canonical ids hold neither tab nor
 * newline; one that did would be refused by the validator, so the encoder leaves it out). An empty
 * line asks about nothing and answers 'new'. Optional `titles`: the normalized title of each paper,
 * one per line, for the title-only ("possible") match.
 *
 * Answer `states`: one line per paper, tab-separated: state code, then (for stored papers) times
 * seen and first-seen time in base 36, the index of its first host in `places`, and the stored
 * primary id when it differs from the asked one.
 */
import type { LookupPaper, PaperStateInfo, StateMap, StateName } from './protocol';

const CODE: Record<StateName, string> = {
  new: 'n',
  seen: 's',
  opened: 'o',
  starred: '*',
  possible: 'p',
};
const STATE: Record<string, StateName> = {
  n: 'new',
  s: 'seen',
  o: 'opened',
  '*': 'starred',
  p: 'possible',
};

/**
 * The arXiv DataCite DOI of an arXiv id: a stored paper that holds it holds the arXiv id too (the
 * identity scheme makes that its primary id), so asking by the arXiv id alone finds it.
 */
function derived(primary: string, alias: string): boolean {
  return primary.startsWith('arxiv:') && alias === `doi:10.48550/arxiv.${primary.slice(6)}`;
}

function clean(id: string): boolean {
  return !id.includes('\n') && !id.includes('\t');
}

export function packIds(papers: readonly Pick<LookupPaper, 'id' | 'aliases'>[]): string {
  const lines: string[] = new Array<string>(papers.length);
  for (let i = 0; i < papers.length; i++) {
    const p = papers[i]!;
    if (!clean(p.id)) {
      lines[i] = '';
      continue;
    }
    let line = p.id;
    for (const a of p.aliases) if (clean(a) && !derived(p.id, a)) line += `\t${a}`;
    lines[i] = line;
  }
  return lines.join('\n');
}

/** Splits a packed request; checking each id is the validator's job. */
export function unpackIds(ids: string): string[][] {
  return ids.split('\n').map((line) => (line === '' ? [] : line.split('\t')));
}

// Thousands of papers share a handful of first pages: one URL parse per page.
const hosts = new Map<string, string>();

/**
 * Where a paper was first met, as the marks' tooltip names it: the first page's host, else the
 * adapter id. Shared by the packed answer (background) and the badge (structured answers).
 */
export function whereOf(s: Pick<PaperStateInfo, 'firstPageUrl' | 'firstSite'>): string {
  const url = s.firstPageUrl;
  if (url) {
    let h = hosts.get(url);
    if (h === undefined) {
      try {
        h = new URL(url).hostname;
      } catch {
        h = '';
      }
      if (hosts.size > 500) hosts.clear();
      hosts.set(url, h);
    }
    if (h) return h;
  }
  return s.firstSite ?? '';
}

export function packStates(
  asked: readonly string[],
  states: StateMap,
): { states: string; places: string } {
  const places: string[] = [];
  const placeIndex = new Map<string, number>();
  const lines = new Array<string>(asked.length);
  for (let i = 0; i < asked.length; i++) {
    const id = asked[i]!;
    const s = states[id];
    if (!s || (s.state === 'new' && (!s.id || s.id === id))) {
      lines[i] = 'n';
      continue;
    }
    let line = CODE[s.state];
    line += `\t${(s.seenCount ?? 0).toString(36)}\t${(s.firstSeen ?? 0).toString(36)}`;
    const where = whereOf(s);
    let k = placeIndex.get(where);
    if (k === undefined) {
      k = places.length;
      places.push(where);
      placeIndex.set(where, k);
    }
    line += `\t${k.toString(36)}`;
    if (s.id && s.id !== id) line += `\t${s.id}`;
    lines[i] = line;
  }
  return { states: lines.join('\n'), places: places.join('\n') };
}

/**
 * The answer keyed by each paper's asked id, as `lookup` would give it, with `firstWhere` in
 * place of the first page's URL. Lines that do not parse answer nothing for that paper.
 */
export function unpackStates(
  asked: readonly Pick<LookupPaper, 'id'>[],
  states: string,
  places: string,
): StateMap {
  const where = places.split('\n');
  const lines = states.split('\n');
  const out: StateMap = {};
  const n = Math.min(asked.length, lines.length);
  for (let i = 0; i < n; i++) {
    const id = asked[i]!.id;
    const f = lines[i]!.split('\t');
    const state = Object.prototype.hasOwnProperty.call(STATE, f[0]!) ? STATE[f[0]!] : undefined;
    if (!state) continue;
    if (state === 'new' && f.length === 1) {
      out[id] = { id, state };
      continue;
    }
    const info: PaperStateInfo = { id: f[4] || id, state };
    const count = parseInt(f[1] ?? '', 36);
    if (count > 0) info.seenCount = count;
    const first = parseInt(f[2] ?? '', 36);
    if (first > 0) info.firstSeen = first;
    const w = where[parseInt(f[3] ?? '', 36)];
    if (w) info.firstWhere = w;
    out[id] = info;
  }
  return out;
}
