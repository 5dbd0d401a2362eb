/**
 * Data for the bench: a library of realistic papers (arXiv-like titles, author lists and abstract
 * lengths, a mix of the sites Paperdex reads) and arXiv listings of any length built from the rows
 * of the real saved listing in tests/fixtures, each row given a distinct id.
 *
 * Everything is deterministic (a seeded generator), so two runs store the same library.
 */
import { buildIdentity } from '../../utils/identity';
import type { Sighting, StoredPaper } from '../../utils/library/db';
import { createPaper, finalize, toIncoming } from '../../utils/library/merge';
import type { WirePaper } from '../../utils/protocol';

/** Small, fast, seeded PRNG (mulberry32): the same seed gives the same library. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;

const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

/** Roughly normal (sum of uniforms), for lengths and counts. */
function normal(r: Rand, mean: number, sd: number): number {
  return mean + sd * (r() + r() + r() + r() + r() + r() - 3) * Math.SQRT2;
}

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

const ADJECTIVES = [
  'Efficient',
  'Scalable',
  'Robust',
  'Adaptive',
  'Sparse',
  'Hierarchical',
  'Self-Supervised',
  'Contrastive',
  'Generalized',
  'Unified',
  'Latent',
  'Bayesian',
  'Topological',
  'Nonlinear',
  'Anisotropic',
  'Quantum',
  'Stochastic',
  'Differentiable',
  'Multimodal',
  'Equivariant',
  'Autoregressive',
  'Lightweight',
  'Interpretable',
  'Federated',
  'Causal',
  'Ab Initio',
  'High-Throughput',
  'Low-Rank',
  'Data-Driven',
  'Physics-Informed',
  'Long-Context',
  'Open-Vocabulary',
] as const;

const NOUNS = [
  'Transformers',
  'Diffusion Models',
  'Graph Neural Networks',
  'Language Models',
  'Spin Chains',
  'Phonon Transport',
  'Thin Films',
  'Perovskites',
  'Superconductors',
  'Policy Optimization',
  'Attention',
  'Representations',
  'Tensor Networks',
  'Kernel Methods',
  'Neural Operators',
  'Vision Encoders',
  'Reward Models',
  'Mixture of Experts',
  'State Space Models',
  'Retrieval',
  'Molecular Dynamics',
  'Density Functional Theory',
  'Magnetic Skyrmions',
  'Moiré Heterostructures',
  'Point Clouds',
  'Speech Recognition',
  'Protein Folding',
  'Dark Matter Halos',
  'Gravitational Waves',
  'Elliptic Curves',
  'Random Matrices',
  'Markov Chains',
  'Optimal Transport',
  'Sparse Autoencoders',
] as const;

const TASKS = [
  'Image Segmentation',
  'Question Answering',
  'Code Generation',
  'Weather Forecasting',
  'Drug Discovery',
  'Anomaly Detection',
  'Machine Translation',
  'Crystal Structure Prediction',
  'Reinforcement Learning',
  'Video Understanding',
  'Time Series Forecasting',
  'Theorem Proving',
  'Semantic Parsing',
  'Object Detection',
  'Text-to-Image Generation',
  'Battery Materials Design',
  'Mathematical Reasoning',
  'Robot Manipulation',
  'Medical Imaging',
  'Recommendation',
] as const;

const CONTEXTS = [
  'at Scale',
  'in the Wild',
  'under Distribution Shift',
  'with Limited Data',
  'in Finite Domains',
  'at Low Temperature',
  'on Edge Devices',
  'without Labels',
  'in Two Dimensions',
  'from First Principles',
  'for Long Sequences',
  'with Noisy Labels',
  'in Strongly Correlated Systems',
  'beyond Mean Field',
] as const;

const TECHNIQUES = [
  'Contrastive Pretraining',
  'Spectral Galerkin Methods',
  'Variational Inference',
  'Token Merging',
  'Knowledge Distillation',
  'Monte Carlo Sampling',
  'Curriculum Learning',
  'Low-Rank Adaptation',
  'Flow Matching',
  'Speculative Decoding',
  'Renormalization Group',
  'Machine-Learned Potentials',
  'Chain-of-Thought Prompting',
  'Active Learning',
  'Mixed Precision',
  'Neural Architecture Search',
] as const;

const PROPERTIES = [
  'Stability',
  'Expressivity',
  'Generalization',
  'Convergence',
  'Sample Complexity',
  'Emergence',
  'Thermal Conductivity',
  'Phase Diagram',
  'Robustness',
  'Scaling Laws',
  'Calibration',
  'Hardness',
] as const;

const ACRONYM_LETTERS = 'ABCDEFGHIKLMNOPRSTVXZ';

function acronym(r: Rand): string {
  const n = 3 + Math.floor(r() * 4);
  let s = '';
  for (let i = 0; i < n; i++) s += pick(r, ACRONYM_LETTERS.split(''));
  return r() < 0.5
    ? s
    : s[0] + s.slice(1).toLowerCase() + pick(r, ['Net', 'Former', 'GPT', 'Bench', '']);
}

const TITLE_TEMPLATES: ReadonlyArray<(r: Rand) => string> = [
  (r) => `${pick(r, ADJECTIVES)} ${pick(r, NOUNS)} for ${pick(r, TASKS)}`,
  (r) => `${acronym(r)}: ${pick(r, ADJECTIVES)} ${pick(r, NOUNS)} via ${pick(r, TECHNIQUES)}`,
  (r) => `On the ${pick(r, PROPERTIES)} of ${pick(r, ADJECTIVES)} ${pick(r, NOUNS)}`,
  (r) => `Towards ${pick(r, ADJECTIVES)} ${pick(r, TASKS)} with ${pick(r, NOUNS)}`,
  (r) => `${pick(r, TECHNIQUES)} for ${pick(r, ADJECTIVES)} ${pick(r, NOUNS)} ${pick(r, CONTEXTS)}`,
  (r) => `${pick(r, PROPERTIES)} of ${pick(r, NOUNS)} ${pick(r, CONTEXTS)}`,
  (r) => `${pick(r, ADJECTIVES)} ${pick(r, TECHNIQUES)} Improves ${pick(r, TASKS)}`,
  (r) =>
    `${acronym(r)}: A Benchmark for ${pick(r, ADJECTIVES)} ${pick(r, TASKS)} ${pick(r, CONTEXTS)}`,
];

export function title(r: Rand): string {
  return pick(r, TITLE_TEMPLATES)(r);
}

const FIRST = [
  'Wei',
  'Yuki',
  'Maria',
  'Ahmed',
  'Priya',
  'Lukas',
  'Sofia',
  'Chen',
  'Olga',
  'Kwame',
  'Hiroshi',
  'Ana',
  'James',
  'Fatima',
  'Jonas',
  'Mei',
  'Ravi',
  'Elena',
  'Tomás',
  'Ngozi',
  'Pierre',
  'Min-jun',
  'Sara',
  'Igor',
  'Aisha',
  'David',
  'Lin',
  'Giulia',
  'Omar',
  'Hannah',
  'Arjun',
  'Zhen',
  'Théo',
  'Manas',
  'Andreas',
  'Ingrid',
  'Kenji',
  'Laura',
  'Mohammed',
  'Xiaoyu',
] as const;

const LAST = [
  'Zhang',
  'Wang',
  'Li',
  'Liu',
  'Chen',
  'Yang',
  'Huang',
  'Kim',
  'Park',
  'Nguyen',
  'Tanaka',
  'Sato',
  'Müller',
  'Schmidt',
  'Rossi',
  'Bianchi',
  'García',
  'Martínez',
  'Silva',
  'Santos',
  'Kowalski',
  'Novak',
  'Ivanov',
  'Petrov',
  'Smith',
  'Johnson',
  'Brown',
  'Okafor',
  'Mensah',
  'Haddad',
  'Khan',
  'Patel',
  'Sharma',
  'Gupta',
  'Dubois',
  'Lefebvre',
  'Andersson',
  'Nielsen',
  'Cohen',
  'Levi',
  'Upadhyay',
  'Andrieux',
  'Ntinos',
  "O'Brien",
  'van der Berg',
  'Yilmaz',
  'Demir',
  'Singh',
  'Costa',
] as const;

function author(r: Rand): string {
  const first = pick(r, FIRST);
  const initial = r() < 0.3 ? ` ${pick(r, ACRONYM_LETTERS.split(''))}.` : '';
  return `${r() < 0.2 ? `${first[0]}.` : first}${initial} ${pick(r, LAST)}`;
}

/** arXiv author counts: mostly 2–8, a long tail, now and then a large collaboration. */
export function authors(r: Rand): string[] {
  const n =
    r() < 0.02
      ? 30 + Math.floor(r() * 70)
      : clamp(Math.round(Math.exp(normal(r, 1.4, 0.6))), 1, 25);
  return Array.from({ length: n }, () => author(r));
}

const OPENERS = [
  'We study',
  'We introduce',
  'We propose',
  'This paper presents',
  'We investigate',
  'Recent work has shown',
  'Understanding',
  'Accurately modelling',
  'We revisit',
  'We develop',
] as const;

const CLAIMS = [
  'achieves state-of-the-art results on standard benchmarks',
  'reduces the computational cost by an order of magnitude',
  'reproduces high-fidelity simulations with less than 1% relative error',
  'generalizes to unseen domains without retraining',
  'reveals a previously unreported phase transition',
  'outperforms strong baselines while using fewer parameters',
  'provides tight bounds that match the lower bound up to logarithmic factors',
  'is stable across a wide range of hyperparameters',
] as const;

const FILLERS = [
  'arising from temperature-dependent material properties',
  'in the presence of strong nonlinearities',
  'when only a small labelled set is available',
  'using a linear reference problem with residual forcing terms',
  'through a combination of theory and large-scale experiments',
  'across twelve datasets and three model families',
  'and we release code and data to support reproducibility',
  'at a fraction of the memory footprint of previous approaches',
] as const;

function sentence(r: Rand): string {
  switch (Math.floor(r() * 4)) {
    case 0:
      return `${pick(r, OPENERS)} ${pick(r, ADJECTIVES).toLowerCase()} ${pick(r, NOUNS).toLowerCase()} ${pick(r, FILLERS)}.`;
    case 1:
      return `Our method, based on ${pick(r, TECHNIQUES).toLowerCase()}, ${pick(r, CLAIMS)}.`;
    case 2:
      return `Applied to ${pick(r, TASKS).toLowerCase()}, the approach ${pick(r, CLAIMS)} ${pick(r, FILLERS)}.`;
    default:
      return `We further analyse the ${pick(r, PROPERTIES).toLowerCase()} of ${pick(r, NOUNS).toLowerCase()} ${pick(r, CONTEXTS).toLowerCase()}.`;
  }
}

/** arXiv abstracts: ~1,100 characters on average, capped by arXiv at 1,920. */
export function abstract(r: Rand): string {
  const target = clamp(Math.round(normal(r, 1100, 350)), 250, 1920);
  let s = '';
  while (s.length < target) s += (s ? ' ' : '') + sentence(r);
  return s.length > 1920 ? s.slice(0, 1919).replace(/\s+\S*$/, '') + '.' : s;
}

const JOURNALS: ReadonlyArray<{ venue: string; doi: (r: Rand, n: number) => string }> = [
  {
    venue: 'Physical Review B',
    doi: (r, n) => `10.1103/PhysRevB.${100 + Math.floor(r() * 12)}.${n}`,
  },
  {
    venue: 'Nature Communications',
    doi: (r, n) => `10.1038/s41467-0${19 + Math.floor(r() * 7)}-${n}-x`,
  },
  { venue: 'Journal of the American Chemical Society', doi: (_r, n) => `10.1021/jacs.${n}` },
  { venue: 'Acta Materialia', doi: (_r, n) => `10.1016/j.actamat.2024.${n}` },
  { venue: 'PLOS ONE', doi: (_r, n) => `10.1371/journal.pone.0${n}` },
  {
    venue: 'IEEE Transactions on Pattern Analysis and Machine Intelligence',
    doi: (_r, n) => `10.1109/TPAMI.2025.${n}`,
  },
];

const CONFERENCES = [
  'NeurIPS 2024',
  'ICML 2025',
  'ICLR 2025',
  'CVPR 2024',
  'ACL 2025',
  'EMNLP 2024',
];

/** YYMM of the n-th month from January 2015 (arXiv ids have five digits since then). */
function yymm(month: number): string {
  const y = 15 + Math.floor(month / 12);
  const m = (month % 12) + 1;
  return `${String(y).padStart(2, '0')}${String(m).padStart(2, '0')}`;
}

/** Months the generated library spans: 2015-01 … 2026-08 (the bench listing uses later months). */
export const LIBRARY_MONTHS = 140;

/** The i-th generated arXiv id: spread over the library's months, distinct for every i. */
export function libraryArxivId(i: number): string {
  const month = i % LIBRARY_MONTHS;
  const seq = Math.floor(i / LIBRARY_MONTHS) + 1;
  return `${yymm(month)}.${String(seq).padStart(5, '0')}`;
}

/** arXiv ids that no generated library paper has: `YYMM.NNNNN` of a month after the library's. */
export function freshArxivId(month: number, seq: number): string {
  return `${yymm(LIBRARY_MONTHS + month)}.${String(seq).padStart(5, '0')}`;
}

type Kind = 'arxiv' | 'hf' | 'journal' | 'scholar' | 'pubmed';

function kindOf(r: Rand): Kind {
  const x = r();
  if (x < 0.55) return 'arxiv';
  if (x < 0.7) return 'hf';
  if (x < 0.85) return 'journal';
  if (x < 0.95) return 'scholar';
  return 'pubmed';
}

function yearOf(arxivId: string): number {
  return 2000 + Number(arxivId.slice(0, 2));
}

/** One generated paper as a content script would send it. */
export function paper(r: Rand, i: number, arxivId = libraryArxivId(i)): WirePaper {
  const kind = kindOf(r);
  const t = title(r);
  const a = authors(r);
  const base = { title: t, authors: a, kind: 'listing' as const };
  if (kind === 'arxiv' || kind === 'hf') {
    const id = buildIdentity([`arxiv:${arxivId}`], t)!;
    const p: WirePaper = {
      ...id,
      ...base,
      year: yearOf(arxivId),
      abstract: abstract(r),
      url:
        kind === 'hf'
          ? `https://huggingface.co/papers/${arxivId}`
          : `https://arxiv.org/abs/${arxivId}`,
      pdfUrl: `https://arxiv.org/pdf/${arxivId}`,
      source: kind === 'hf' ? 'huggingface-papers' : 'arxiv',
    };
    if (r() < 0.15) p.venue = pick(r, CONFERENCES);
    return p;
  }
  const j = pick(r, JOURNALS);
  const year = 2015 + Math.floor(r() * 12);
  if (kind === 'scholar' && r() < 0.4) {
    // Scholar rows without any id: the normalized title is the identity.
    return { ...buildIdentity([], t)!, ...base, year, venue: j.venue, source: 'google-scholar' };
  }
  const doi = j.doi(r, 10000 + i);
  const id = buildIdentity([`doi:${doi}`, kind === 'pubmed' ? `pmid:${30000000 + i}` : null], t)!;
  const p: WirePaper = {
    ...id,
    ...base,
    year,
    venue: j.venue,
    url: `https://doi.org/${doi}`,
    source: kind === 'scholar' ? 'google-scholar' : kind === 'pubmed' ? 'pubmed' : 'meta-tags',
  };
  if (kind !== 'scholar') p.abstract = abstract(r);
  return p;
}

/**
 * `count` papers numbered from `from`, with distinct titles (a collision would make them
 * "possible" duplicates, which a real library rarely has).
 */
export function library(count: number, from = 0, seed = 7): WirePaper[] {
  const r = rng(seed + from);
  const titles = new Set<string>();
  const out: WirePaper[] = [];
  for (let i = from; i < from + count; i++) {
    let p = paper(r, i);
    while (titles.has(p.title.toLowerCase())) p = paper(r, i);
    titles.add(p.title.toLowerCase());
    out.push(p);
  }
  return out;
}

/** Papers with ids no library paper has (for "record 2,000 new papers"). */
export function freshPapers(count: number, month: number, seed = 11): WirePaper[] {
  const r = rng(seed + month);
  return Array.from({ length: count }, (_, k) => paper(r, k, freshArxivId(month, k + 1)));
}

/** The rows of a real arXiv listing (dt/dd pairs) and the page around them. */
export interface ListingTemplate {
  head: string;
  rows: Array<{ html: string; id: string }>;
  tail: string;
}

export function parseListing(html: string): ListingTemplate {
  const first = html.indexOf("<dl id='articles'>");
  const last = html.lastIndexOf('</dl>');
  if (first < 0 || last < 0) throw new Error('not an arXiv listing: no dl#articles');
  const body = html.slice(first, last);
  const rows: ListingTemplate['rows'] = [];
  for (const m of body.matchAll(/<dt>[\s\S]*?<\/dd>/g)) {
    const id = /href ?="\/abs\/([^"]+)"/.exec(m[0])?.[1];
    if (id) rows.push({ html: m[0], id });
  }
  if (rows.length === 0) throw new Error('not an arXiv listing: no rows');
  return { head: html.slice(0, first), rows, tail: html.slice(last + '</dl>'.length) };
}

/**
 * A listing of `count` rows: the real rows in turn, each given the id `idFor(k)` everywhere the
 * real id appeared (links, anchors, text). Repeated rows get a distinct title too, so no two rows
 * look like the same paper under two ids.
 */
export function buildListing(
  t: ListingTemplate,
  count: number,
  idFor: (k: number) => string,
): string {
  const parts: string[] = [t.head, "<dl id='articles'>\n"];
  parts.push(`<h3>New submissions (showing ${count} of ${count} entries)</h3>\n`);
  for (let k = 0; k < count; k++) {
    const row = t.rows[k % t.rows.length]!;
    const round = Math.floor(k / t.rows.length);
    let html = row.html.split(row.id).join(idFor(k));
    html = html.replace(/name='item\d+'>\[\d+\]/, `name='item${k + 1}'>[${k + 1}]`);
    if (round > 0) {
      html = html.replace(
        /(<div class='list-title mathjax'><span class='descriptor'>Title:<\/span>\s*)([\s\S]*?)(\s*<\/div>)/,
        `$1$2, part ${round + 1}$3`,
      );
    }
    parts.push('    ', html, '\n');
  }
  parts.push('</dl>', t.tail);
  return parts.join('');
}

const PAGES: Record<string, { url: string; title: string }> = {
  arxiv: { url: 'https://arxiv.org/list/cs.LG/new', title: 'Machine Learning' },
  'huggingface-papers': {
    url: 'https://huggingface.co/papers',
    title: 'Daily Papers - Hugging Face',
  },
  'google-scholar': {
    url: 'https://scholar.google.com/scholar?q=graph+neural+networks',
    title: 'graph neural networks - Google Scholar',
  },
  pubmed: {
    url: 'https://pubmed.ncbi.nlm.nih.gov/?term=deep+learning',
    title: 'deep learning - PubMed',
  },
  'meta-tags': { url: 'https://journals.aps.org/prb/', title: 'Physical Review B' },
};

const YEAR_MS = 365 * 24 * 3600 * 1000;

/**
 * The rows recordPage would store for papers met once each over the past year, built with the
 * library's own functions (createPaper, finalize): the same shape, words and ids, written without
 * the per-page reads and merges: the IndexedDB floor under recordPage (what the writes alone cost).
 */
export function storedRows(
  papers: readonly WirePaper[],
  now: number,
  seed = 3,
): { papers: StoredPaper[]; sightings: Sighting[] } {
  const r = rng(seed);
  const rows: StoredPaper[] = [];
  const sightings: Sighting[] = [];
  for (const p of papers) {
    const time = Math.round(now - r() * YEAR_MS);
    const page = PAGES[p.source] ?? PAGES.arxiv!;
    // One page load per site and minute: neighbours in time share a visit, as on a real listing.
    const visit = `fill${p.source.length}x${Math.floor(time / 60_000).toString(36)}`;
    const row = createPaper(toIncoming(p), { time, site: p.source, pageUrl: page.url, visit });
    row.seenCount = 1;
    rows.push(finalize(row));
    sightings.push({
      paperId: row.id,
      pageUrl: page.url,
      site: p.source,
      pageTitle: page.title,
      time,
      how: 'listed',
      visit,
    });
  }
  return { papers: rows, sightings };
}
