/**
 * Stored papers for the exporter tests: real papers as the library would hold them after meeting
 * them on arXiv, a publisher, the ACL Anthology, PubMed, OpenReview, plus the awkward ones (TeX
 * specials, a hostile title, spreadsheet formulas, a mononym, name particles and suffixes).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoredPaper } from '../../utils/library/db';
import { normalizeTitle } from '../../utils/identity';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'formats');

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

const T0 = Date.UTC(2024, 0, 10, 12, 0, 0);

/** A stored row with every required field, the way merge.createPaper fills a new one. */
export function stored(p: Partial<StoredPaper> & Pick<StoredPaper, 'id' | 'title'>): StoredPaper {
  const row: StoredPaper = {
    ids: [p.id],
    titleKey: normalizeTitle(p.title),
    authors: [],
    sources: ['arxiv'],
    state: 'seen',
    starred: 0,
    tags: [],
    note: '',
    firstSeen: T0,
    lastSeen: T0 + 3_600_000,
    seenCount: 1,
    firstSite: 'arxiv',
    firstPageUrl: 'https://arxiv.org/list/cs.CL/recent',
    firstVisit: 'v-1',
    words: [],
    possible: [],
    ...p,
  };
  if (!row.ids.includes(row.id)) row.ids = [row.id, ...row.ids];
  return row;
}

export const attention = stored({
  id: 'arxiv:1706.03762',
  ids: ['arxiv:1706.03762', 'doi:10.48550/arxiv.1706.03762'],
  title: 'Attention Is All You Need',
  authors: [
    'Ashish Vaswani',
    'Noam Shazeer',
    'Niki Parmar',
    'Jakob Uszkoreit',
    'Llion Jones',
    'Aidan N. Gomez',
    'Lukasz Kaiser',
    'Illia Polosukhin',
  ],
  year: 2017,
  venue: 'arXiv',
  abstract:
    'The dominant sequence transduction models are based on complex recurrent or convolutional neural networks.',
  url: 'https://arxiv.org/abs/1706.03762',
  pdfUrl: 'https://arxiv.org/pdf/1706.03762',
  starred: 1,
  tags: ['transformers', 'to read'],
  note: 'Read twice.\nSection 3.2 explains multi-head attention.\n\nCompare with LSTM.',
  seenCount: 4,
  state: 'opened',
});

export const godel = stored({
  id: 'doi:10.1007/bf01700692',
  title: 'Über formal unentscheidbare Sätze der Principia Mathematica und verwandter Systeme I',
  authors: ['Kurt Gödel'],
  year: 1931,
  venue: 'Monatshefte für Mathematik und Physik',
  url: 'https://link.springer.com/article/10.1007/BF01700692',
  sources: ['springer'],
});

/** Every TeX special character, angle brackets and a script tag: must stay plain text. */
export const specials = stored({
  id: 'doi:10.1137/050623280',
  title:
    'The $25,000,000,000 Eigenvector: 100% {Linear} Algebra & Google_Rank #1 ~ ^ \\relax -- "quoted" `` <script>alert(1)</script>',
  authors: ['Kurt Bryan', 'Tanya Leise'],
  year: 2006,
  venue: 'SIAM Review',
  tags: ['linear algebra', 'PageRank'],
  sources: ['meta-tags'],
});

export const bert = stored({
  id: 'doi:10.18653/v1/n19-1423',
  ids: ['doi:10.18653/v1/n19-1423', 'acl:N19-1423'],
  title: 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding',
  authors: ['Jacob Devlin', 'Ming-Wei Chang', 'Kenton Lee', 'Kristina Toutanova'],
  year: 2019,
  venue:
    'Proceedings of the 2019 Conference of the North American Chapter of the Association for Computational Linguistics',
  url: 'https://aclanthology.org/N19-1423/',
  pdfUrl: 'https://aclanthology.org/N19-1423.pdf',
  sources: ['acl-anthology'],
});

export const deepLearning = stored({
  id: 'doi:10.1038/nature14539',
  ids: ['doi:10.1038/nature14539', 'pmid:26017442'],
  title: 'Deep learning',
  authors: ['Yann LeCun', 'Yoshua Bengio', 'Geoffrey Hinton'],
  year: 2015,
  venue: 'Nature',
  url: 'https://pubmed.ncbi.nlm.nih.gov/26017442/',
  sources: ['pubmed'],
});

/** Known by title only; a name with a particle. */
export const tsne = stored({
  id: 'title:visualizing data using t sne',
  title: 'Visualizing Data using t-SNE',
  authors: ['Laurens van der Maaten', 'Geoffrey Hinton'],
  year: 2008,
  venue: 'Journal of Machine Learning Research',
  url: 'http://jmlr.org/papers/v9/vandermaaten08a.html',
  sources: ['google-scholar'],
});

export const maldacena = stored({
  id: 'arxiv:hep-th/9711200',
  ids: ['arxiv:hep-th/9711200', 'doi:10.1023/a:1026654312961'],
  title: 'The Large N limit of superconformal field theories and supergravity',
  authors: ['Juan Martin Maldacena'],
  year: 1998,
  venue: 'Adv. Theor. Math. Phys.',
});

/** Its only id is OpenReview's, and its stored URL is a page that does not name it. */
export const vit = stored({
  id: 'openreview:YicbFdNTTy',
  title: 'An Image is Worth 16x16 Words: Transformers for Image Recognition at Scale',
  authors: ['Alexey Dosovitskiy', 'Lucas Beyer'],
  year: 2021,
  venue: 'ICLR 2021',
  url: 'https://paperswithcode.com/paper/an-image-is-worth-16x16-words-transformers-1',
  sources: ['openreview'],
});

/** An organization, a suffix, a mononym. */
export const atlas = stored({
  id: 'arxiv:1207.7214',
  ids: ['arxiv:1207.7214', 'doi:10.1016/j.physletb.2012.08.020'],
  title:
    'Observation of a new particle in the search for the Standard Model Higgs boson with the ATLAS detector at the LHC',
  authors: ['ATLAS Collaboration', 'John Smith Jr.', 'Aristotle'],
  year: 2012,
  venue: 'Physics Letters B',
});

/** Cells a spreadsheet would execute. */
export const formulas = stored({
  id: 'title:hyperlink http evil example x',
  title: '=HYPERLINK("http://evil.example","x")',
  authors: ['@attacker', '+Plus Sign'],
  tags: ['-2+3', '=cmd|calc'],
  note: '@SUM(1,2)\nsecond line, with comma',
  venue: '\tTab Journal',
});

export const library: StoredPaper[] = [
  attention,
  godel,
  specials,
  bert,
  deepLearning,
  tsne,
  maldacena,
  vit,
  atlas,
];
