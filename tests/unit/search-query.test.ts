import { describe, expect, it } from 'vitest';
import { isEmptyQuery, parseQuery } from '../../utils/search/query';

describe('search query parser', () => {
  it('splits free words through the shared tokenizer', () => {
    const q = parseQuery('  Diffusion  Caching, Über-fast ');
    expect(q.words).toEqual(['diffusion', 'caching', 'uber', 'fast']);
    expect(q.problems).toEqual([]);
    expect(isEmptyQuery(q)).toBe(false);
  });

  it('treats an empty or blank query as the default view', () => {
    expect(isEmptyQuery(parseQuery(''))).toBe(true);
    expect(isEmptyQuery(parseQuery('   \t '))).toBe(true);
    expect(isEmptyQuery(parseQuery('!!! ,,,'))).toBe(true);
  });

  it('de-duplicates words', () => {
    expect(parseQuery('attention attention ATTENTION').words).toEqual(['attention']);
  });

  it('keeps quoted phrases together, closed or not', () => {
    const q = parseQuery('"attention is all" you');
    expect(q.phrases).toEqual([['attention', 'is', 'all']]);
    expect(q.words).toEqual(['you']);
    const open = parseQuery('"diffusion cach');
    expect(open.phrases).toEqual([['diffusion', 'cach']]);
    expect(open.problems.length).toBe(1);
  });

  it('turns a one-word phrase into a word', () => {
    expect(parseQuery('"bert"').words).toEqual(['bert']);
    expect(parseQuery('"bert"').phrases).toEqual([]);
  });

  it('parses author filters, quoted or not', () => {
    const q = parseQuery('author:LeCun author:"Van der Maaten" by:hinton');
    expect(q.authors).toEqual([['lecun'], ['van', 'der', 'maaten'], ['hinton']]);
    expect(q.words).toEqual([]);
  });

  it('parses single years and ranges in both orders, open or closed', () => {
    expect(parseQuery('year:2024')).toMatchObject({ yearMin: 2024, yearMax: 2024 });
    expect(parseQuery('year:2023..2025')).toMatchObject({ yearMin: 2023, yearMax: 2025 });
    expect(parseQuery('year:2025..2023')).toMatchObject({ yearMin: 2023, yearMax: 2025 });
    expect(parseQuery('year:2023-2025')).toMatchObject({ yearMin: 2023, yearMax: 2025 });
    const from = parseQuery('year:2020..');
    expect(from.yearMin).toBe(2020);
    expect(from.yearMax).toBeUndefined();
    const upTo = parseQuery('year:..2019');
    expect(upTo.yearMin).toBeUndefined();
    expect(upTo.yearMax).toBe(2019);
  });

  it('intersects several year filters', () => {
    expect(parseQuery('year:2015..2025 year:2020..2030')).toMatchObject({
      yearMin: 2020,
      yearMax: 2025,
    });
  });

  it('reports junk years and keeps the rest of the query', () => {
    for (const junk of ['year:soon', 'year:', 'year:..', 'year:20', 'year:99999', 'year:2020..x']) {
      const q = parseQuery(`${junk} graph`);
      expect(q.yearMin, junk).toBeUndefined();
      expect(q.yearMax, junk).toBeUndefined();
      expect(q.problems.length, junk).toBe(1);
      expect(q.words, junk).toEqual(['graph']);
    }
  });

  it('parses tags and sites (with aliases), lower case', () => {
    const q = parseQuery('tag:ToRead site:arXiv site:hf site:scholar');
    expect(q.tags).toEqual(['toread']);
    expect(q.sites).toEqual(['arxiv', 'huggingface-papers', 'google-scholar']);
  });

  it('parses is: flags and reports unknown ones', () => {
    expect(parseQuery('is:starred')).toMatchObject({ starred: true });
    expect(parseQuery('is:unstarred')).toMatchObject({ starred: false });
    expect(parseQuery('is:opened')).toMatchObject({ state: 'opened' });
    expect(parseQuery('is:seen')).toMatchObject({ state: 'seen' });
    const bad = parseQuery('is:lunch');
    expect(bad.starred).toBeUndefined();
    expect(bad.state).toBeUndefined();
    expect(bad.problems.length).toBe(1);
  });

  it('reads id filters through the identity scheme', () => {
    const q = parseQuery('arxiv:2106.09608v2 doi:10.1000/ABC');
    expect(q.ids).toEqual(['arxiv:2106.09608', 'doi:10.1000/abc']);
    expect(q.words).toEqual([]);
  });

  it('keeps unknown or invalid key:value pairs as free text', () => {
    expect(parseQuery('Transformers: a survey').words).toEqual(['transformers', 'a', 'survey']);
    expect(parseQuery('foo:bar').words).toEqual(['foo', 'bar']);
    expect(parseQuery('arxiv:notanid').words).toEqual(['arxiv', 'notanid']);
    expect(parseQuery('http://example.org/x').words).toEqual(['http', 'example', 'org', 'x']);
  });

  it('reports empty filters', () => {
    const q = parseQuery('author: tag: site:');
    expect(q.problems.length).toBe(3);
    expect(isEmptyQuery(q)).toBe(true);
  });

  it('survives hostile input', () => {
    const long = 'a'.repeat(100_000);
    expect(() => parseQuery(long)).not.toThrow();
    const many = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');
    const q = parseQuery(many);
    expect(q.words.length).toBeLessThanOrEqual(32);
    expect(q.problems.length).toBe(1);
    for (const junk of [
      '"',
      '""',
      ':',
      '::::',
      'year:"2024"',
      '"""a"""',
      '\u0000\uffff',
      'is:',
      '..',
    ]) {
      expect(() => parseQuery(junk), junk).not.toThrow();
    }
    expect(parseQuery('year:"2024"')).toMatchObject({ yearMin: 2024, yearMax: 2024 });
  });
});
