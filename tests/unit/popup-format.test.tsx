import { describe, expect, it } from 'vitest';
import {
  httpUrl,
  paperUrl,
  rangeStart,
  relativeTime,
  shortAuthors,
  siteLabels,
  venueYear,
} from '../../components/format';
import { markdownLink } from '../../utils/format/cite';
import { attention } from './formats-samples';
import { makePaper } from './search-papers';

describe('row formatting', () => {
  it('shortens author lists as "A, B, … Z"', () => {
    expect(shortAuthors([])).toBe('');
    expect(shortAuthors(['A'])).toBe('A');
    expect(shortAuthors(['A', 'B', 'C'])).toBe('A, B, C');
    expect(shortAuthors(['A', 'B', 'C', 'D', 'E'])).toBe('A, B, … E');
  });

  it('joins venue and year, either may be missing', () => {
    expect(venueYear({ venue: 'ICML', year: 2024 })).toBe('ICML 2024');
    expect(venueYear({ year: 2024 })).toBe('2024');
    expect(venueYear({})).toBe('');
  });

  it('labels sites, collapsing generic adapters into one "Web"', () => {
    expect(
      siteLabels(['arxiv', 'huggingface-papers', 'meta-tags', 'json-ld', 'unknown-site']),
    ).toEqual(['arXiv', 'HF Papers', 'Web', 'unknown-site']);
  });

  it('says how long ago', () => {
    const now = Date.UTC(2025, 5, 1);
    expect(relativeTime(now - 5_000, now)).toBe('just now');
    expect(relativeTime(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(relativeTime(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(relativeTime(now - 2 * 86_400_000, now)).toBe('2 d ago');
    expect(relativeTime(now - 400 * 86_400_000, now)).toBe('1 y ago');
    expect(relativeTime(now + 10_000, now)).toBe('just now');
  });

  it('links only http(s) and derives addresses from ids', () => {
    expect(httpUrl('javascript:alert(1)')).toBeUndefined();
    expect(httpUrl('data:text/html,x')).toBeUndefined();
    expect(httpUrl('not a url')).toBeUndefined();
    expect(httpUrl('https://example.org/a b')).toBe('https://example.org/a%20b');
    expect(paperUrl({ id: 'arxiv:1706.03762', url: 'javascript:x' })).toBe(
      'https://arxiv.org/abs/1706.03762',
    );
    expect(paperUrl({ id: 'doi:10.1000/x' })).toBe('https://doi.org/10.1000/x');
    expect(paperUrl({ id: 'title:some title' })).toBeUndefined();
  });

  it('starts time ranges at local midnight, Monday and the 1st', () => {
    const wed = new Date(2025, 5, 11, 15, 30); // a Wednesday
    expect(new Date(rangeStart('today', wed))).toEqual(new Date(2025, 5, 11));
    expect(new Date(rangeStart('week', wed))).toEqual(new Date(2025, 5, 9));
    expect(new Date(rangeStart('month', wed))).toEqual(new Date(2025, 5, 1));
    const sun = new Date(2025, 5, 15, 1);
    expect(new Date(rangeStart('week', sun))).toEqual(new Date(2025, 5, 9));
  });
});

describe('copy formats', () => {
  it('writes Markdown links with escaped titles and http(s) targets only', () => {
    expect(markdownLink(attention, 'https://arxiv.org/abs/1706.03762')).toBe(
      '[Attention Is All You Need](https://arxiv.org/abs/1706.03762)',
    );
    const odd = makePaper({
      id: 'doi:10.1/y',
      title: 'A [bracketed]\n title',
      url: 'https://x.org/a(b)',
    });
    expect(markdownLink(odd)).toBe('[A \\[bracketed\\] title](https://x.org/a%28b%29)');
    expect(markdownLink({ ...odd, url: 'javascript:alert(1)' })).toBe('A \\[bracketed\\] title');
  });
});
