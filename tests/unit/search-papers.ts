/**
 * Generated library rows for the search tests: deterministic, arXiv-like, with a few planted papers
 * whose expected matches are known exactly.
 */
import { normalizeTitle } from '../../utils/identity';
import type { PaperdexDb, StoredPaper } from '../../utils/library/db';
import { writeTerms } from '../../utils/library/terms';
import { wordsOf } from '../../utils/search/tokenize';

/** Small deterministic PRNG (mulberry32), so failures reproduce. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOPICS = [
  'graph',
  'neural',
  'network',
  'learning',
  'robust',
  'efficient',
  'sparse',
  'quantum',
  'protein',
  'language',
  'model',
  'vision',
  'transformer',
  'reinforcement',
  'bayesian',
  'optimization',
  'kernel',
  'causal',
  'federated',
  'contrastive',
  'generative',
  'adversarial',
  'segmentation',
];
const FIRST = ['Ada', 'Bo', 'Chen', 'Dana', 'Emil', 'Fatima', 'Goran', 'Hiro', 'Ines', 'Jun'];
const LAST = ['Smith', 'Wang', 'Garcia', 'Novak', 'Okafor', 'Tanaka', 'Müller', 'Rossi', 'Kim'];
export const SITES = [
  'arxiv',
  'huggingface-papers',
  'google-scholar',
  'semantic-scholar',
  'openreview',
];
const VENUES = ['NeurIPS', 'ICML', 'ICLR', 'ACL', 'CVPR', undefined];

export const T0 = Date.UTC(2025, 0, 1);
export const DAY = 86_400_000;

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

export function makePaper(
  fields: Partial<StoredPaper> & { id: string; title: string },
): StoredPaper {
  const p: StoredPaper = {
    ids: [fields.id],
    titleKey: normalizeTitle(fields.title),
    authors: [],
    sources: ['arxiv'],
    state: 'seen',
    starred: 0,
    tags: [],
    note: '',
    firstSeen: T0,
    lastSeen: T0,
    seenCount: 1,
    words: [],
    firstSite: 'arxiv',
    firstPageUrl: 'https://arxiv.org/list/cs.LG/new',
    firstVisit: 'v0',
    possible: [],
    ...fields,
  };
  p.words = wordsOf(p.title, p.authors, p.venue, p.tags, p.note);
  return p;
}

export function generatePapers(n: number, seed = 1): StoredPaper[] {
  const r = rng(seed);
  const out: StoredPaper[] = [];
  for (let i = 0; i < n; i++) {
    const words = Array.from({ length: 3 + Math.floor(r() * 5) }, () => pick(r, TOPICS));
    const title = words.map((w, j) => (j === 0 ? w[0]!.toUpperCase() + w.slice(1) : w)).join(' ');
    const authors = Array.from(
      { length: 1 + Math.floor(r() * 6) },
      () => `${pick(r, FIRST)} ${pick(r, LAST)}`,
    );
    const firstSeen = T0 + Math.floor(r() * 200) * DAY;
    const year = r() < 0.1 ? undefined : 2015 + Math.floor(r() * 11);
    const sources = [...new Set([pick(r, SITES), ...(r() < 0.3 ? [pick(r, SITES)] : [])])];
    out.push(
      makePaper({
        id: `arxiv:${2400 + (i % 100)}.${String(10000 + i).padStart(5, '0')}`,
        title,
        authors,
        year,
        venue: pick(r, VENUES),
        abstract: `We study ${pick(r, TOPICS)} methods for ${pick(r, TOPICS)} problems. ${'Filler text. '.repeat(5)}`,
        sources,
        state: r() < 0.3 ? 'opened' : 'seen',
        starred: r() < 0.1 ? 1 : 0,
        tags: r() < 0.1 ? ['ToRead'] : [],
        firstSeen,
        lastSeen: firstSeen + Math.floor(r() * 30) * DAY + i,
        seenCount: 1 + Math.floor(r() * 9),
      }),
    );
  }
  return out;
}

/** Stores ready rows as the background would: the paper and its search words (schema v2). */
export async function addPapers(db: PaperdexDb, rows: StoredPaper[]): Promise<void> {
  await db.papers.bulkAdd(rows);
  await writeTerms(db, rows, []);
}
