// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '../../entrypoints/popup/App';
import { openDb, type PaperdexDb } from '../../utils/library/db';
import { addSightings } from '../../utils/library/sightings';
import { addPapers, DAY, makePaper, T0 } from './search-papers';

// jsdom lays nothing out: give the list a viewport so the virtualizer has rows to show.
Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
  configurable: true,
  get: () => 600,
});
Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 460 });

const N = 300;
let db: PaperdexDb;
let host: HTMLDivElement;
const messages: Array<Record<string, unknown>> = [];

async function until<T>(
  fn: () => T | null | undefined | false,
  what: string,
  ms = 5000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await act(async () => {
      await new Promise((r) => setTimeout(r, 10));
    });
  }
}

const rows = () => [...host.querySelectorAll<HTMLElement>('[role="listitem"]')];
const ids = () => rows().map((r) => r.dataset.paperdexId);

function type(input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

function key(target: EventTarget, k: string) {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
}

beforeAll(async () => {
  db = openDb('popup-app-test');
  const papers = Array.from({ length: N }, (_, i) =>
    makePaper({
      id: `arxiv:2401.${String(10000 + i)}`,
      title: i === 7 ? 'Diffusion Caching for Fast Sampling' : `Generic study number ${i}`,
      authors: ['Ada Lovelace', 'Bo Chen', 'Chen Wu', 'Dana Scully'],
      year: 2024,
      venue: 'ICML',
      abstract: i === 5 ? 'We track zebrafish larvae.' : 'A generic abstract.',
      url: i === 3 ? 'javascript:alert(1)' : `https://arxiv.org/abs/2401.${10000 + i}`,
      sources: ['arxiv', 'huggingface-papers'],
      lastSeen: T0 + i * DAY,
      seenCount: 1 + (i % 5),
    }),
  );
  await addPapers(db, papers);
  await addSightings(db, [
    {
      paperId: 'arxiv:2401.10299',
      pageUrl: 'https://huggingface.co/papers',
      site: 'huggingface-papers',
      pageTitle: 'Daily Papers',
      time: T0,
      how: 'listed',
      visit: 'v1',
    },
  ]);
});

afterAll(async () => {
  db.close();
  await db.delete();
});

beforeEach(async () => {
  fakeBrowser.reset();
  messages.length = 0;
  // Plays the background: records the message and writes, as the real handler would.
  fakeBrowser.runtime.onMessage.addListener(async (raw: unknown) => {
    const msg = raw as Record<string, unknown>;
    messages.push(msg);
    if (msg.type === 'setStar') {
      await db.papers.update(msg.id as string, { starred: msg.starred ? 1 : 0 });
      return { ok: true, state: { id: msg.id, state: msg.starred ? 'starred' : 'seen' } };
    }
    return { ok: false, error: 'invalid', message: 'unexpected' };
  });
  host = document.createElement('div');
  document.body.append(host);
  await act(() => render(<App db={db} />, host));
});

afterEach(async () => {
  await act(() => render(null, host));
  host.remove();
});

describe('popup App', () => {
  it('shows the most recent papers first, virtualized, each row tagged with its id', async () => {
    await until(() => rows().length > 0, 'rows');
    const list = ids();
    expect(list[0]).toBe('arxiv:2401.10299');
    expect(list[1]).toBe('arxiv:2401.10298');
    // Virtualized: far fewer rows than papers exist in the DOM.
    expect(list.length).toBeGreaterThan(5);
    expect(list.length).toBeLessThan(40);
    for (const r of rows()) expect(r.getAttribute('data-paperdex-id')).toMatch(/^arxiv:2401\.\d+$/);
    await until(() => host.textContent?.includes(`${N} papers`), 'library count');
    expect(host.textContent).toContain('Ada Lovelace, Bo Chen, … Dana Scully');
    expect(host.textContent).toContain('ICML 2024');
  });

  it('labels the search box "Search" and gives every star button aria-pressed', async () => {
    await until(() => rows().length > 0, 'rows');
    const label = host.querySelector('label[for="paperdex-search"]');
    expect(label?.textContent).toBe('Search');
    expect(host.querySelector('#paperdex-search')).toBeInstanceOf(HTMLInputElement);
    for (const r of rows()) {
      const star = r.querySelector('button[aria-pressed]');
      expect(star, r.dataset.paperdexId).not.toBeNull();
      expect(star!.getAttribute('aria-pressed')).toBe('false');
      expect(star!.getAttribute('aria-label')).toMatch(/^Star /);
    }
  });

  it('stars through the background and shows the stored state', async () => {
    await until(() => rows().length > 0, 'rows');
    const first = rows()[0]!;
    const star = first.querySelector<HTMLButtonElement>('button[aria-pressed]')!;
    await act(() => star.click());
    expect(messages).toContainEqual({ type: 'setStar', id: 'arxiv:2401.10299', starred: true });
    await until(
      () =>
        rows()[0]?.querySelector('button[aria-pressed]')?.getAttribute('aria-pressed') === 'true',
      'pressed star',
    );
    expect((await db.papers.get('arxiv:2401.10299'))?.starred).toBe(1);
    await act(() => rows()[0]!.querySelector<HTMLButtonElement>('button[aria-pressed]')!.click());
    await until(() => messages.length === 2, 'unstar');
    expect(messages[1]).toMatchObject({ type: 'setStar', starred: false });
  });

  it('shows a star set elsewhere (another tab, the background) without a reload', async () => {
    await until(() => rows().length > 0, 'rows');
    const id = rows()[2]!.dataset.paperdexId!;
    await db.papers.update(id, { starred: 1 });
    await until(
      () =>
        rows()
          .find((r) => r.dataset.paperdexId === id)
          ?.querySelector('button[aria-pressed]')
          ?.getAttribute('aria-pressed') === 'true',
      'star from elsewhere',
    );
    await db.papers.update(id, { starred: 0 });
  });

  it('filters as you type, by prefix', async () => {
    await until(() => rows().length > 0, 'rows');
    const input = host.querySelector<HTMLInputElement>('#paperdex-search')!;
    await act(() => type(input, 'diffusion cach'));
    await until(() => ids().length === 1, 'one match');
    expect(ids()).toEqual(['arxiv:2401.10007']);
    expect(host.textContent).toContain('1 match');
    await act(() => type(input, 'nothing-like-this'));
    await until(() => host.textContent?.includes('No paper matches'), 'empty state');
  });

  it('exports the current filter: "Export these" opens the options page with the shown ids', async () => {
    await until(() => rows().length > 0, 'rows');
    expect(host.textContent).not.toContain('Export these');
    const input = host.querySelector<HTMLInputElement>('#paperdex-search')!;
    await act(() => type(input, 'diffusion cach'));
    await until(() => ids().length === 1, 'one match');
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const button = Array.from(host.querySelectorAll('button')).find(
      (b) => b.textContent === 'Export these',
    )!;
    expect(button).toBeDefined();
    await act(() => button.click());
    await until(() => create.mock.calls.length === 1, 'tab opened');
    const url = new URL(create.mock.calls[0]![0].url!);
    expect(url.pathname).toBe('/options.html');
    expect(url.searchParams.get('ids')).toBe('arxiv:2401.10007');
  });

  it('adds abstract matches by itself when matches are few, and on request otherwise', async () => {
    await until(() => rows().length > 0, 'rows');
    const input = host.querySelector<HTMLInputElement>('#paperdex-search')!;
    await act(() => type(input, 'zebrafish'));
    await until(() => ids().length === 1, 'abstract match', 3000);
    expect(ids()).toEqual(['arxiv:2401.10005']);
    expect(rows()[0]!.textContent).toContain('in abstract');
    await act(() => type(input, 'generic'));
    const ask = await until(
      () =>
        [...host.querySelectorAll('button')].find((b) => b.textContent === 'Search abstracts too'),
      'offer to search abstracts',
    );
    await act(() => ask.click());
    await until(
      () => !host.textContent?.includes('searching abstracts'),
      'abstract pass done',
      3000,
    );
  });

  it('never links a non-http URL', async () => {
    await until(() => rows().length > 0, 'rows');
    for (const a of host.querySelectorAll('a[href]')) {
      expect(a.getAttribute('href')).not.toMatch(/^javascript:/i);
    }
    const input = host.querySelector<HTMLInputElement>('#paperdex-search')!;
    await act(() => type(input, 'number 3'));
    await until(() => ids().includes('arxiv:2401.10003'), 'row 3');
    const row = rows().find((r) => r.dataset.paperdexId === 'arxiv:2401.10003')!;
    // Falls back to the arXiv address derived from the id.
    expect(row.querySelector('.row-title a')?.getAttribute('href')).toBe(
      'https://arxiv.org/abs/2401.10003',
    );
  });

  it('is keyboard first: / focuses search, arrows move into the list, s stars', async () => {
    await until(() => rows().length > 0, 'rows');
    const input = host.querySelector<HTMLInputElement>('#paperdex-search')!;
    input.blur();
    await act(() => key(document.body, '/'));
    expect(document.activeElement).toBe(input);
    await act(() => key(input, 'ArrowDown'));
    await until(() => document.activeElement?.getAttribute('data-index') === '0', 'row 0 focused');
    await act(() => key(document.activeElement!, 'ArrowDown'));
    await until(() => document.activeElement?.getAttribute('data-index') === '1', 'row 1 focused');
    const id = (document.activeElement as HTMLElement).dataset.paperdexId;
    await act(() => key(document.activeElement!, 's'));
    await until(() => messages.length === 1, 'star message');
    expect(messages[0]).toEqual({ type: 'setStar', id, starred: true });
    await act(() => key(document.activeElement!, 'ArrowUp'));
    await act(() => key(document.activeElement!, 'ArrowUp'));
    await until(() => document.activeElement === input, 'back to search');
  });

  it('limits the list to the papers met on the active tab', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([
      { url: 'https://huggingface.co/papers' } as never,
    ]);
    await act(() => render(null, host));
    await act(() => render(<App db={db} />, host));
    const chip = await until(
      () =>
        [...host.querySelectorAll<HTMLButtonElement>('button.chip')].find(
          (b) => b.textContent === 'On this tab' && !b.disabled,
        ),
      'enabled tab chip',
    );
    await act(() => chip.click());
    await until(() => ids().length === 1, 'one paper on this tab');
    expect(ids()).toEqual(['arxiv:2401.10299']);
  });
});

describe('popup App on an empty library', () => {
  it('tells a new user what to do', async () => {
    const empty = openDb('popup-app-empty');
    const h = document.createElement('div');
    document.body.append(h);
    await act(() => render(<App db={empty} />, h));
    await until(() => h.textContent?.includes('No papers yet'), 'empty state');
    expect(h.textContent).toContain('Browse arXiv, Hugging Face Papers, Google Scholar');
    expect(h.querySelectorAll('[role="listitem"]').length).toBe(0);
    await act(() => render(null, h));
    empty.close();
    await empty.delete();
  });
});
