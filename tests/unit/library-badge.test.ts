import { describe, expect, it } from 'vitest';
import { BADGE_COLORS, badgeFor, TabTally } from '../../utils/library/badge';
import type { PaperStateInfo, StateName } from '../../utils/protocol';

const s = (id: string, state: StateName): PaperStateInfo => ({ id, state });

describe('badgeFor', () => {
  it('shows nothing for a page without papers', () => {
    expect(badgeFor([]).text).toBe('');
  });

  it('counts papers met before, in the seen colour', () => {
    const b = badgeFor([
      s('a', 'seen'),
      s('b', 'opened'),
      s('c', 'starred'),
      s('d', 'new'),
      s('e', 'possible'),
    ]);
    expect(b).toMatchObject({ text: '3', color: BADGE_COLORS.seen });
    expect(b.title).toContain('5 papers on this page');
    expect(b.title).toContain('3 seen before, 1 new, 1 possibly seen');
  });

  it('marks an all-new page with a plus sign, in another colour', () => {
    expect(badgeFor([s('a', 'new'), s('b', 'new')])).toMatchObject({
      text: '+2',
      color: BADGE_COLORS.new,
    });
    expect(badgeFor([s('a', 'possible')]).text).toBe('+1');
    expect(BADGE_COLORS.new).not.toBe(BADGE_COLORS.seen);
  });

  it('fits four characters', () => {
    const many = Array.from({ length: 1500 }, (_, i) => s(`p${i}`, 'seen'));
    expect(badgeFor(many).text).toBe('1k');
    expect(badgeFor(many.map((x) => ({ ...x, state: 'new' as const }))).text).toBe('+1k');
    expect(badgeFor(many.slice(0, 999)).text).toBe('999');
  });
});

describe('TabTally', () => {
  it('accumulates one page load, counts a paper once, starts over on a new load or tab', () => {
    const t = new TabTally();
    expect(
      t.add(1, 'v1', { 'arxiv:1': s('arxiv:1', 'new'), 'doi:10.1/x': s('arxiv:1', 'new') }).text,
    ).toBe('+1');
    expect(t.add(1, 'v1', { 'arxiv:2': s('arxiv:2', 'seen') }).text).toBe('1');
    expect(t.add(2, 'w1', { 'arxiv:3': s('arxiv:3', 'new') }).text).toBe('+1');
    expect(t.add(1, 'v2', { 'arxiv:4': s('arxiv:4', 'new') }).text).toBe('+1');
    t.forget(1);
    expect(t.add(1, 'v2', {}).text).toBe('');
  });
});
