// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { HOST_TAG, renderBadge, updateBadge } from '../../utils/marks/badge';

const parts = (host: HTMLElement) => {
  const root = host.shadowRoot!;
  return {
    box: root.querySelector('[part="badge"]')!,
    label: root.querySelector('.label')!,
    star: root.querySelector<HTMLButtonElement>('.star')!,
  };
};

describe('in-page badge', () => {
  it('shows the state, count, first sighting and a star toggle', () => {
    const stars: Array<[string, boolean]> = [];
    const first = Date.UTC(2026, 10, 2);
    const host = renderBadge(
      document,
      {
        id: 'arxiv:2106.09608',
        state: 'seen',
        seenCount: 3,
        firstSeen: first,
        firstPageUrl: 'https://huggingface.co/papers?date=2026-11-02',
      },
      { onStar: (id, s) => stars.push([id, s]) },
    );
    document.body.append(host);
    expect(host.tagName.toLowerCase()).toBe(HOST_TAG);
    expect(host.getAttribute('data-paperdex-id')).toBe('arxiv:2106.09608');
    expect(host.getAttribute('data-paperdex-state')).toBe('seen');
    const { box, label, star } = parts(host);
    expect(label.textContent).toBe('seen 3×');
    expect(box.getAttribute('title')).toContain('seen 3 times');
    const d = new Date(first);
    const iso = [d.getFullYear(), d.getMonth() + 1, d.getDate()]
      .map((n) => String(n).padStart(2, '0'))
      .join('-');
    expect(box.getAttribute('title')).toContain(`first seen ${iso} on huggingface.co`);
    expect(box.getAttribute('title')).toContain('on huggingface.co');
    expect(star.getAttribute('aria-pressed')).toBe('false');

    let reachedPage = false;
    document.body.addEventListener('click', () => (reachedPage = true));
    star.click();
    expect(stars).toEqual([['arxiv:2106.09608', true]]);
    expect(reachedPage).toBe(false);

    updateBadge(host, { id: 'arxiv:2106.09608', state: 'seen', starred: true, seenCount: 3 });
    expect(host.getAttribute('data-paperdex-state')).toBe('starred');
    expect(star.getAttribute('aria-pressed')).toBe('true');
    star.click();
    expect(stars.at(-1)).toEqual(['arxiv:2106.09608', false]);
  });

  it('badges are independent copies, and page text stays text', () => {
    const a = renderBadge(document, { id: 'doi:10.1/a', state: 'new' }, { onStar: () => {} });
    const b = renderBadge(
      document,
      {
        id: 'doi:10.1/b',
        state: 'possible',
        firstSeen: 1,
        firstPageUrl: 'javascript:alert(1)',
        firstSite: '<img src=x onerror=alert(1)>',
      },
      { onStar: () => {} },
    );
    expect(parts(a).label.textContent).toBe('new');
    expect(parts(b).label.textContent).toBe('possibly seen');
    expect(parts(a).box).not.toBe(parts(b).box);
    expect(b.shadowRoot!.querySelector('img')).toBeNull();
    expect(parts(b).box.className).toContain('s-possible');
    expect(parts(a).box.className).toContain('s-new');
  });
});
