// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstView } from '../../components/PaperBrowser';
import { App } from '../../entrypoints/popup/App';
import { readFirstView, writeFirstView } from '../../entrypoints/popup/snapshot';
import { openDb, type PaperdexDb } from '../../utils/library/db';
import { addPapers, DAY, makePaper, T0 } from './search-papers';

Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
  configurable: true,
  get: () => 600,
});
Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 460 });

let db: PaperdexDb;
const N = 40;

beforeAll(async () => {
  db = openDb('popup-snapshot-test');
  await addPapers(
    db,
    Array.from({ length: N }, (_, i) =>
      makePaper({
        id: `arxiv:2401.${String(10000 + i)}`,
        title: `Stored paper ${i}`,
        abstract: 'A long abstract that the snapshot leaves out.',
        lastSeen: T0 + i * DAY,
      }),
    ),
  );
});

afterAll(async () => {
  db.close();
  await db.delete();
});

async function until(fn: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 5000;
  while (!fn()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await act(async () => {
      await new Promise((r) => setTimeout(r, 10));
    });
  }
}

describe('popup first-view snapshot', () => {
  it('keeps the first rows without abstracts or search tokens, and reads them back', () => {
    const papers = Array.from({ length: 30 }, (_, i) =>
      makePaper({ id: `arxiv:2402.${10000 + i}`, title: `T${i}`, abstract: 'Long.' }),
    );
    writeFirstView({ papers, more: false, libraryCount: 30 });
    const back = readFirstView()!;
    expect(back.papers.length).toBeLessThan(30);
    expect(back.papers.length).toBeGreaterThanOrEqual(12);
    expect(back.papers[0]!.id).toBe('arxiv:2402.10000');
    expect(back.papers[0]!.abstract).toBeUndefined();
    expect(back.papers[0]!.words).toEqual([]);
    expect(back.more).toBe(true);
    expect(back.libraryCount).toBe(30);
    writeFirstView({ papers: [], more: false });
    expect(readFirstView()).toBeUndefined();
    localStorage.setItem('paperdex:popup-first-view:v1', '{not json');
    expect(readFirstView()).toBeUndefined();
  });

  it('paints remembered rows in the first render, then replaces them with the query answer', async () => {
    const stale: FirstView = {
      papers: [makePaper({ id: 'arxiv:1999.00001', title: 'Remembered, since deleted' })],
      more: false,
      libraryCount: 1,
    };
    const seen: FirstView[] = [];
    const host = document.createElement('div');
    document.body.append(host);
    render(<App db={db} initial={stale} onFirstView={(v) => seen.push(v)} />, host);
    // Synchronously: no query has answered yet.
    const first = host.querySelector('[data-paperdex-id]');
    expect(first?.getAttribute('data-paperdex-id')).toBe('arxiv:1999.00001');
    expect(first?.querySelector('button[aria-pressed]')).not.toBeNull();
    // The remembered rows never claim to answer the search text.
    expect(host.querySelector('.browser')?.hasAttribute('data-results-for')).toBe(false);
    await until(
      () => host.querySelector('.browser')?.getAttribute('data-results-for') === '',
      'the real answer',
    );
    expect(host.querySelector('[data-paperdex-id]')?.getAttribute('data-paperdex-id')).toBe(
      `arxiv:2401.${10000 + N - 1}`,
    );
    expect(host.querySelector('[data-paperdex-id="arxiv:1999.00001"]')).toBeNull();
    expect(seen.at(-1)?.papers[0]?.id).toBe(`arxiv:2401.${10000 + N - 1}`);
    await act(() => render(null, host));
    host.remove();
  });

  it('shows remembered rows before the database is there, then answers once it is', async () => {
    const stale: FirstView = {
      papers: [makePaper({ id: 'arxiv:1999.00002', title: 'Remembered' })],
      more: false,
    };
    const host = document.createElement('div');
    document.body.append(host);
    // The popup renders without a database first (entrypoints/popup/main.tsx).
    await act(() => render(<App db={null} initial={stale} />, host));
    await act(async () => {
      await new Promise((r) => setTimeout(r, 50));
    });
    expect(host.querySelector('[data-paperdex-id]')?.getAttribute('data-paperdex-id')).toBe(
      'arxiv:1999.00002',
    );
    expect(host.querySelector('.browser')?.hasAttribute('data-results-for')).toBe(false);
    await act(() => render(<App db={db} initial={stale} />, host));
    await until(
      () => host.querySelector('.browser')?.getAttribute('data-results-for') === '',
      'the real answer',
    );
    expect(host.querySelector('[data-paperdex-id]')?.getAttribute('data-paperdex-id')).toBe(
      `arxiv:2401.${10000 + N - 1}`,
    );
    await act(() => render(null, host));
    host.remove();
  });
});
