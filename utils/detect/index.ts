/**
 * The ordered adapter registry and the one entry point, detectPapers(doc, url).
 * Site adapters come first; the first one that claims the URL and detects papers wins. A site
 * adapter that claims the URL is authoritative for it: generic fallbacks run only on pages no site
 * adapter claims, or that a claiming adapter found nothing on and that carry single-paper metadata.
 */
import { LIMITS, type FoundPaper, type PageKind } from '../paper';
import type { Adapter, RowPicker } from './adapter';
import { aaai } from './sites/aaai';
import { aclAnthology } from './sites/acl-anthology';
import { alphaxiv } from './sites/alphaxiv';
import { arxiv } from './sites/arxiv';
import { biorxiv } from './sites/biorxiv';
import { cvf } from './sites/cvf';
import { dblp } from './sites/dblp';
import { ecva } from './sites/ecva';
import { googleScholar } from './sites/google-scholar';
import { huggingfacePapers } from './sites/huggingface-papers';
import { ieeeXplore } from './sites/ieee-xplore';
import { ijcai } from './sites/ijcai';
import { jmlr } from './sites/jmlr';
import { nature } from './sites/nature';
import { neurips } from './sites/neurips';
import { openreview } from './sites/openreview';
import { pmc } from './sites/pmc';
import { pmlr } from './sites/pmlr';
import { pubmed } from './sites/pubmed';
import { sciencedirect } from './sites/sciencedirect';
import { semanticScholar } from './sites/semantic-scholar';
import { usenix } from './sites/usenix';
import { coins } from './generic/coins';
import { idLinks } from './generic/id-links';
import { jsonLd } from './generic/json-ld';
import { metaTags } from './generic/meta-tags';

export const SITE_ADAPTERS: readonly Adapter[] = [
  huggingfacePapers,
  alphaxiv,
  arxiv,
  googleScholar,
  semanticScholar,
  openreview,
  aclAnthology,
  dblp,
  pubmed,
  pmc,
  biorxiv,
  pmlr,
  neurips,
  cvf,
  ieeeXplore,
  nature,
  sciencedirect,
  aaai,
  ijcai,
  jmlr,
  usenix,
  ecva,
];

/** Single-paper metadata first, then listings built from COinS and from links carrying ids. */
export const GENERIC_ADAPTERS: readonly Adapter[] = [metaTags, jsonLd, coins, idLinks];

export const ADAPTERS: readonly Adapter[] = [...SITE_ADAPTERS, ...GENERIC_ADAPTERS];

export interface Detection {
  kind: PageKind | null;
  /** Adapter ids that produced papers. */
  sources: string[];
  papers: FoundPaper[];
}

function safeDetect(a: Adapter, doc: Document, url: URL): PageKind | null {
  try {
    return a.detect(doc, url);
  } catch {
    return null;
  }
}

function safeExtract(a: Adapter, doc: Document, url: URL): FoundPaper[] {
  try {
    return a.extract(doc, url).slice(0, LIMITS.rowsPerPage);
  } catch {
    return [];
  }
}

/** Cheap check, no extraction: which adapter would handle this page, and as what kind? */
export function detectPage(doc: Document, url: URL): { adapter: Adapter; kind: PageKind } | null {
  let claimed = false;
  for (const a of SITE_ADAPTERS) {
    if (!a.matches(url)) continue;
    claimed = true;
    const kind = safeDetect(a, doc, url);
    if (kind) return { adapter: a, kind };
  }
  for (const a of GENERIC_ADAPTERS) {
    if (claimed && a.id !== metaTags.id && a.id !== jsonLd.id) continue;
    const kind = safeDetect(a, doc, url);
    if (kind) return { adapter: a, kind };
  }
  return null;
}

/** Every paper on the page. Never throws; bounded by LIMITS.rowsPerPage. */
export function detectPapers(doc: Document, url: URL): Detection {
  let claimed = false;
  for (const a of SITE_ADAPTERS) {
    if (!a.matches(url)) continue;
    claimed = true;
    const kind = safeDetect(a, doc, url);
    if (!kind) continue;
    const papers = safeExtract(a, doc, url);
    if (papers.length) return { kind, sources: [a.id], papers };
  }
  // Single-paper metadata describes the page itself: when present, links on the page are
  // references or related work, not the page's papers.
  for (const a of [metaTags, jsonLd]) {
    if (!safeDetect(a, doc, url)) continue;
    const papers = safeExtract(a, doc, url);
    if (papers.length) return { kind: 'single', sources: [a.id], papers };
  }
  if (claimed) return { kind: null, sources: [], papers: [] };
  const papers: FoundPaper[] = [];
  const sources: string[] = [];
  const seen = new Set<string>();
  for (const a of [coins, idLinks]) {
    if (!safeDetect(a, doc, url)) continue;
    let added = 0;
    for (const p of safeExtract(a, doc, url)) {
      if ([p.id, ...p.aliases].some((id) => seen.has(id))) continue;
      seen.add(p.id);
      for (const x of p.aliases) seen.add(x);
      papers.push(p);
      added++;
      if (papers.length >= LIMITS.rowsPerPage) break;
    }
    if (added) sources.push(a.id);
  }
  return { kind: papers.length ? 'listing' : null, sources, papers };
}

/**
 * The papers of the rows `pick` chooses on a long listing, as detectPapers would give them, when
 * the adapter that detectPapers would use can read part of its listing (Adapter.slice); otherwise
 * null, and the caller detects the whole page. Never throws.
 */
export function detectSlice(doc: Document, url: URL, pick: RowPicker): FoundPaper[] | null {
  for (const a of SITE_ADAPTERS) {
    if (!a.matches(url)) continue;
    const kind = safeDetect(a, doc, url);
    if (!kind) continue;
    if (kind !== 'listing' || !a.slice) return null;
    try {
      const papers = a.slice(doc, url, pick);
      return papers?.length ? papers : null;
    } catch {
      return null;
    }
  }
  return null;
}

/** One entry per paper (first row wins), for recording and for the detect command. */
export function uniquePapers<T extends FoundPaper>(papers: readonly T[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const p of papers) {
    if (seen.has(p.id) || p.aliases.some((x) => seen.has(x))) continue;
    seen.add(p.id);
    for (const x of p.aliases) seen.add(x);
    out.push(p);
  }
  return out;
}
