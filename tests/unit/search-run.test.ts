import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDb, type PaperdexDb, type StoredPaper } from '../../utils/library/db';
import { addSightings } from '../../utils/library/sightings';
import { parseQuery, type ParsedQuery } from '../../utils/search/query';
import {
  knownSites,
  lastSighting,
  papersOnPage,
  PLANNER,
  runSearch,
  SearchCache,
  searchAbstracts,
  SORT_KEYS,
  type SearchOptions,
  type SortKey,
} from '../../utils/search/run';
import { tokenize } from '../../utils/search/tokenize';
import { addPapers, DAY, generatePapers, makePaper, T0 } from './search-papers';

// A reference implementation written independently of the planner: filter everything, sort.
function tokensOf(p: StoredPaper): string[] {
  return [p.title, ...p.authors, p.venue ?? '', ...p.tags, p.note].flatMap((f) => tokenize(f));
}

function containsRun(hay: string[], needle: string[]): boolean {
  for (let i = 0; i + needle.length <= hay.length; i++) {
    if (
      needle.every((t, j) =>
        j === needle.length - 1 ? hay[i + j]!.startsWith(t) : hay[i + j] === t,
      )
    ) {
      return true;
    }
  }
  return false;
}

function oracle(all: StoredPaper[], q: ParsedQuery, opts: SearchOptions): StoredPaper[] {
  const sort: SortKey = opts.sort ?? 'lastSeen';
  const hits = all.filter((p) => {
    const toks = tokensOf(p);
    if (!q.words.every((w) => toks.some((t) => t.startsWith(w)))) return false;
    const fields = [p.title, ...p.authors, p.venue ?? '', ...p.tags, p.note].map((f) =>
      tokenize(f),
    );
    if (!q.phrases.every((ph) => fields.some((f) => containsRun(f, ph)))) return false;
    if (!q.authors.every((a) => p.authors.some((n) => containsRun(tokenize(n), a)))) return false;
    if (q.starred !== undefined && p.starred !== (q.starred ? 1 : 0)) return false;
    if (q.state && p.state !== q.state) return false;
    if (q.yearMin !== undefined && (p.year === undefined || p.year < q.yearMin)) return false;
    if (q.yearMax !== undefined && (p.year === undefined || p.year > q.yearMax)) return false;
    if (!q.tags.every((t) => p.tags.some((x) => x.toLowerCase().startsWith(t)))) return false;
    if (
      !q.sites.every((s) =>
        p.sources.some((x) => x.startsWith(s) || x.split('-').some((y) => y.startsWith(s))),
      )
    ) {
      return false;
    }
    if (q.ids.length && !p.ids.some((i) => q.ids.includes(i))) return false;
    if (opts.since !== undefined && p.lastSeen < opts.since) return false;
    if (opts.onlyIds && !opts.onlyIds.includes(p.id)) return false;
    if (opts.sources && !p.sources.some((x) => opts.sources!.includes(x))) return false;
    return true;
  });
  const key = (p: StoredPaper): number | string | undefined =>
    sort === 'title' ? p.titleKey : sort === 'year' ? p.year : p[sort];
  const desc = sort !== 'title';
  return hits.sort((a, b) => {
    const va = key(a);
    const vb = key(b);
    if (va !== vb) {
      if (va === undefined) return 1;
      if (vb === undefined) return -1;
      return (va < vb ? -1 : 1) * (desc ? -1 : 1);
    }
    return (a.id < b.id ? -1 : 1) * (desc ? -1 : 1);
  });
}

const N = 400;
let db: PaperdexDb;
let all: StoredPaper[];
const defaults = { ...PLANNER };

const planted = [
  makePaper({
    id: 'arxiv:2106.09608',
    title: 'Diffusion Caching for Fast Sampling',
    authors: ['Laurens van der Maaten', 'Zoë Quill'],
    year: 2021,
    venue: 'NeurIPS',
    abstract: 'We cache zebrafish activations in diffusion models.',
    sources: ['huggingface-papers', 'arxiv'],
    starred: 1,
    state: 'opened',
    tags: ['toread', 'Caching'],
    note: 'ask Ada about this',
    firstSeen: T0 - 400 * DAY,
    lastSeen: T0 + 300 * DAY,
    seenCount: 42,
  }),
  makePaper({
    id: 'doi:10.1000/xyz',
    ids: ['doi:10.1000/xyz', 'pmid:123456'],
    title: 'Un modèle élégant',
    authors: ['Émile Zola'],
    abstract: 'Une étude des zèbres.',
    sources: ['pubmed'],
    firstSeen: T0 - 500 * DAY,
    lastSeen: T0 - 500 * DAY,
  }),
];

beforeAll(async () => {
  db = openDb('search-run-test');
  all = [...generatePapers(N, 7), ...planted];
  await addPapers(db, all);
  await addSightings(db, [
    {
      paperId: 'arxiv:2106.09608',
      pageUrl: 'https://huggingface.co/papers',
      site: 'huggingface-papers',
      pageTitle: 'HF',
      time: T0,
      how: 'listed',
      visit: 'v',
    },
    {
      paperId: 'arxiv:2106.09608',
      pageUrl: 'https://arxiv.org/abs/2106.09608',
      site: 'arxiv',
      pageTitle: 'arXiv',
      time: T0 + DAY,
      how: 'opened',
      visit: 'v',
    },
    {
      paperId: all[0]!.id,
      pageUrl: 'https://huggingface.co/papers#top',
      site: 'huggingface-papers',
      pageTitle: 'HF',
      time: T0 + 2 * DAY,
      how: 'listed',
      visit: 'v',
    },
    {
      paperId: all[1]!.id,
      pageUrl: 'https://elsewhere.example/',
      site: 'arxiv',
      pageTitle: 'x',
      time: T0 + 3 * DAY,
      how: 'listed',
      visit: 'v',
    },
  ]);
});

afterAll(async () => {
  db.close();
  await db.delete();
});

afterEach(() => Object.assign(PLANNER, defaults));

async function check(query: string, opts: SearchOptions = {}, cache?: SearchCache) {
  const q = parseQuery(query);
  const want = oracle(all, q, opts);
  const limit = opts.limit ?? 200;
  const got = await runSearch(db, q, opts, undefined, cache);
  expect(
    got.papers.map((p) => p.id),
    `${query} ${JSON.stringify(opts)}`,
  ).toEqual(want.slice(0, limit).map((p) => p.id));
  expect(got.more).toBe(want.length > limit);
  if (got.total !== undefined) expect(got.total).toBe(want.length);
  return { got, want };
}

const QUERIES = [
  '',
  'graph',
  'gr',
  'g',
  'neural net',
  'transformer robust learning',
  'diffusion cach',
  'DIFFUSION',
  'elegant',
  'modele',
  'zola',
  '"diffusion caching"',
  '"caching diffusion"',
  '"neural network"',
  'author:wang',
  'author:"van der maaten"',
  'author:"maaten van"',
  'author:tanaka graph',
  'year:2020',
  'year:2018..2020',
  'year:2023..',
  'tag:toread',
  'tag:cach',
  'site:hf',
  'site:scholar',
  'site:semantic',
  'site:arxiv site:google-scholar',
  'site:nowhere',
  'is:starred',
  'is:unstarred graph',
  'is:opened',
  'is:seen year:..2017',
  'is:starred is:opened tag:toread',
  'arxiv:2106.09608',
  'pmid:123456',
  'ada',
  'zzzz',
  'zebrafish',
];

describe('runSearch against a reference implementation', () => {
  it.each(QUERIES)('%s: default plans', async (query) => {
    await check(query);
    await check(query, { limit: 7 });
  });

  it.each(QUERIES)('%s: every sort order', async (query) => {
    for (const sort of SORT_KEYS) await check(query, { sort, limit: 25 });
  });

  it.each(QUERIES)('%s: forced to the sort-order scan', async (query) => {
    PLANNER.keyCap = 0;
    PLANNER.firstKeyCap = 0;
    for (const sort of SORT_KEYS) await check(query, { sort, limit: 25 });
  });

  it.each(QUERIES)('%s: forced to walk the sort index over candidates', async (query) => {
    PLANNER.rowCap = 3;
    for (const sort of SORT_KEYS) await check(query, { sort, limit: 25 });
    await check(query, { limit: 2 });
  });

  it.each(['', 'g', 'graph', 'is:seen', 'year:2016..2024 net'])(
    '%s: a capped scan returns a correct prefix and says there is more',
    async (query) => {
      PLANNER.keyCap = 0;
      PLANNER.firstKeyCap = 0;
      PLANNER.scanCapPer100 = 40;
      for (const sort of SORT_KEYS) {
        const q = parseQuery(query);
        const want = oracle(all, q, { sort }).map((p) => p.id);
        const got = await runSearch(db, q, { sort, limit: 100 });
        const ids = got.papers.map((p) => p.id);
        expect(ids, `${query} ${sort}`).toEqual(want.slice(0, ids.length));
        if (ids.length < Math.min(100, want.length)) expect(got.more).toBe(true);
      }
    },
  );

  it('uses the recent plan for the empty query', async () => {
    const { got } = await check('', { limit: 10 });
    expect(got.plan).toBe('recent');
    expect(got.more).toBe(true);
    expect(got.papers[0]!.id).toBe('arxiv:2106.09608');
  });

  it('counts a library that fits in one page with the recent plan itself, and no larger one', async () => {
    const whole = await runSearch(db, parseQuery(''), { limit: all.length + 5 });
    expect(whole.plan).toBe('recent');
    expect(whole.more).toBe(false);
    expect(whole.total).toBe(all.length);
    const page = await runSearch(db, parseQuery(''), { limit: all.length - 1 });
    expect(page.more).toBe(true);
    expect(page.total).toBeUndefined();
  });

  it('reads candidates for a selective word, walks for a medium one and scans for a dense one', async () => {
    expect((await check('diffusion')).got.plan).toBe('candidates');
    PLANNER.rowCap = 20;
    expect((await check('graph', { limit: 5 })).got.plan).toBe('walk');
    PLANNER.keyCap = 50;
    expect((await check('g', { limit: 5 })).got.plan).toBe('scan');
  });

  it('gives the first word of two letters or more the wide key cap, and only that one', async () => {
    PLANNER.rowCap = 20;
    PLANNER.keyCap = 1;
    // Over keyCap but within firstKeyCap: walks the candidates instead of scanning.
    expect((await check('graph', { limit: 5 })).got.plan).toBe('walk');
    expect((await check('gr', { limit: 5 })).got.plan).toBe('walk');
    // A one-letter prefix does not get it.
    expect((await check('g', { limit: 5 })).got.plan).toBe('scan');
    PLANNER.firstKeyCap = 1;
    expect((await check('graph', { limit: 5 })).got.plan).toBe('scan');
  });

  it('narrows a walk by search words when a word too common to intersect holds in few candidates', async () => {
    // The second word's range is over keyCap, so only the first word is intersected.
    PLANNER.keyCap = 1;
    PLANNER.rowCap = 20;
    const bulkGet = db.papers.bulkGet.bind(db.papers);
    let rowsRead = 0;
    db.papers.bulkGet = ((keys: string[]) => {
      rowsRead += keys.length;
      return bulkGet(keys);
    }) as typeof db.papers.bulkGet;
    let walked = 0;
    try {
      for (const query of ['graph n', 'network m', 'learning t', 'neural net']) {
        for (const sort of SORT_KEYS) {
          rowsRead = 0;
          const { got, want } = await check(query, { sort, limit: 5 });
          if (got.plan !== 'walk') continue;
          walked++;
          const first = oracle(all, parseQuery(query.split(' ')[0]!), {}).length;
          // Without the search words, the walk read rows until five matched: here at most its
          // first round and the candidates whose words hold both.
          expect(rowsRead, `${query} ${sort}`).toBeLessThanOrEqual(6 + want.length);
          expect(first).toBeGreaterThan(want.length);
        }
      }
    } finally {
      db.papers.bulkGet = bulkGet;
    }
    expect(walked).toBeGreaterThan(3);
  });

  it('stops when its signal aborts', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(runSearch(db, parseQuery('graph'), { limit: 5 }, ac.signal)).rejects.toThrow();
  });

  it('finds planted papers by prefix, phrase, author, tag, note and id', async () => {
    for (const query of [
      'diffusion cach',
      '"diffusion caching"',
      'author:"van der"',
      'tag:cach',
      'ada about',
      'arxiv:2106.09608v3',
      'quill',
    ]) {
      const { got } = await check(query);
      expect(
        got.papers.map((p) => p.id),
        query,
      ).toContain('arxiv:2106.09608');
    }
    expect((await check('"caching diffusion"')).got.papers.map((p) => p.id)).not.toContain(
      'arxiv:2106.09608',
    );
    expect((await check('author:"maaten van"')).got.papers).toEqual([]);
  });

  it('folds diacritics in queries and papers alike', async () => {
    for (const query of ['élégant', 'elegant', 'modele', 'EMILE']) {
      expect(
        (await check(query)).got.papers.map((p) => p.id),
        query,
      ).toEqual(['doi:10.1000/xyz']);
    }
  });

  it('applies the time range and "on this tab" options', async () => {
    await check('graph', { since: T0 + 100 * DAY });
    await check('', { since: T0 + 150 * DAY, sort: 'year' });
    const ids = await papersOnPage(db, 'https://huggingface.co/papers');
    expect(ids.sort()).toEqual(['arxiv:2106.09608', all[0]!.id].sort());
    await check('', { onlyIds: ids });
    await check('diffusion', { onlyIds: ids });
    expect((await runSearch(db, parseQuery(''), { onlyIds: [] })).papers).toEqual([]);
  });

  it('applies the site-group option with and without other filters', async () => {
    await check('', { sources: ['pubmed', 'openreview'] });
    await check('graph', { sources: ['openreview'], sort: 'title' });
    await check('site:hf', { sources: ['arxiv'] });
    expect((await runSearch(db, parseQuery(''), { sources: [] })).papers).toEqual([]);
  });

  it('pages with limit and reports more', async () => {
    const a = await runSearch(db, parseQuery('graph'), { limit: 3 });
    const b = await runSearch(db, parseQuery('graph'), { limit: 6 });
    expect(a.more).toBe(true);
    expect(b.papers.slice(0, 3)).toEqual(a.papers);
  });
});

describe('runSearch with a SearchCache shared by every query', () => {
  // One cache for the whole block, as a page keeps one between writes: answers must not depend on
  // what earlier queries left in it (keys of other ranges, rows, orders of other sorts).
  let cache: SearchCache;
  beforeAll(() => {
    cache = new SearchCache(db);
  });

  it.each(QUERIES)('%s: every sort order, default plans', async (query) => {
    for (const sort of SORT_KEYS) await check(query, { sort, limit: 25 }, cache);
    await check(query, {}, cache);
  });

  it.each(QUERIES)('%s: forced to the sort-order scan', async (query) => {
    PLANNER.keyCap = 0;
    PLANNER.firstKeyCap = 0;
    for (const sort of SORT_KEYS) await check(query, { sort, limit: 25 }, cache);
  });

  it.each(QUERIES)('%s: forced to walk the candidates', async (query) => {
    PLANNER.rowCap = 3;
    for (const sort of SORT_KEYS) await check(query, { sort, limit: 25 }, cache);
    await check(query, { limit: 2 }, cache);
  });

  it('stops warming up once a query has started: the query must not queue behind its reads', async () => {
    const warm = new SearchCache(db);
    const bulkGet = vi.spyOn(db.papers, 'bulkGet');
    try {
      await warm.warm('lastSeen', 300);
      const idle = bulkGet.mock.calls.length;
      expect(idle).toBe(3);
      const stopped = new SearchCache(db);
      await runSearch(db, parseQuery(''), { limit: 5 }, undefined, stopped);
      bulkGet.mockClear();
      await stopped.warm('lastSeen', 300);
      expect(bulkGet).not.toHaveBeenCalled();
    } finally {
      bulkGet.mockRestore();
    }
  });

  it('answers each keystroke of a typed query like a fresh search', async () => {
    PLANNER.rowCap = 20;
    for (const text of ['author:tanaka graph', 'neural net', 'diffusion cach', 'is:unstarred gr']) {
      for (let i = 1; i <= text.length; i++) await check(text.slice(0, i), { limit: 5 }, cache);
    }
  });

  it('answers from remembered rows only where they cover the start of the order', async () => {
    // A fresh cache with scattered rows (a walk reads matches far down the order): a dense query
    // must not take them for the first rows of the order.
    const fresh = new SearchCache(db);
    PLANNER.rowCap = 20;
    await check('', { limit: 5 }, fresh);
    await check('graph', { limit: 5 }, fresh);
    await check('zola', {}, fresh);
    for (const query of ['g', 'gr', 'n', 'is:seen', 'year:2016..2024 net']) {
      await check(query, { limit: 25 }, fresh);
    }
  });

  it('stops a capped scan at its cap and says there is more', async () => {
    PLANNER.keyCap = 0;
    PLANNER.firstKeyCap = 0;
    PLANNER.scanCapPer100 = 40;
    for (const sort of SORT_KEYS) {
      const q = parseQuery('g');
      const want = oracle(all, q, { sort }).map((p) => p.id);
      const got = await runSearch(db, q, { sort, limit: 100 }, undefined, cache);
      const ids = got.papers.map((p) => p.id);
      expect(ids, sort).toEqual(want.slice(0, ids.length));
      if (ids.length < Math.min(100, want.length)) expect(got.more).toBe(true);
    }
  });
});

describe('searchAbstracts', () => {
  it('returns only papers that match because of their abstract', async () => {
    const fast = await runSearch(db, parseQuery('zebrafish'));
    expect(fast.papers).toEqual([]);
    const slow = await searchAbstracts(db, parseQuery('zebrafish'));
    expect(slow.papers.map((p) => p.id)).toEqual(['arxiv:2106.09608']);
    // A word in the title and one in the abstract.
    expect((await searchAbstracts(db, parseQuery('fast zebra'))).papers.map((p) => p.id)).toEqual([
      'arxiv:2106.09608',
    ]);
    // Already found by the fast pass: not repeated.
    expect((await searchAbstracts(db, parseQuery('diffusion'))).papers).toEqual([]);
    // Diacritics in abstracts.
    expect((await searchAbstracts(db, parseQuery('zebres'))).papers.map((p) => p.id)).toEqual([
      'doi:10.1000/xyz',
    ]);
    // Word starts only: "ebrafish" is inside a word.
    expect((await searchAbstracts(db, parseQuery('ebrafish'))).papers).toEqual([]);
  });

  it('keeps applying filters and stops when aborted', async () => {
    PLANNER.abstractChunk = 50;
    expect((await searchAbstracts(db, parseQuery('zebrafish is:seen'))).papers).toEqual([]);
    expect((await searchAbstracts(db, parseQuery('zebrafish is:starred'))).papers.length).toBe(1);
    expect((await searchAbstracts(db, parseQuery('zebrafish'))).papers.length).toBe(1);
    const ac = new AbortController();
    ac.abort();
    expect((await searchAbstracts(db, parseQuery('zebrafish'), {}, ac.signal)).papers).toEqual([]);
    expect((await searchAbstracts(db, parseQuery('is:starred'))).papers).toEqual([]);
  });
});

describe('small reads', () => {
  it('lists known sites', async () => {
    expect(await knownSites(db)).toContain('huggingface-papers');
    expect(await knownSites(db)).toContain('pubmed');
  });

  it('finds the last sighting of a paper', async () => {
    expect((await lastSighting(db, 'arxiv:2106.09608'))?.pageUrl).toBe(
      'https://arxiv.org/abs/2106.09608',
    );
    expect(await lastSighting(db, 'arxiv:0000.00000')).toBeUndefined();
  });
});
