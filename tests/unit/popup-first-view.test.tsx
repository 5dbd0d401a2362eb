// @vitest-environment jsdom
/**
 * The popup's first frame (components/first-view.ts) must be the app's first render, node for node:
 * Preact adopts those nodes when the popup's script arrives, and any difference would show as a
 * jump on screen.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { drawFirstView } from '../../components/first-view';
import { firstRowCount } from '../../components/list-geometry';
import type { FirstView } from '../../components/PaperBrowser';
import { App } from '../../entrypoints/popup/App';
import { DAY, makePaper, T0 } from './search-papers';

// The popup's scroller, as the virtualizer measures it (jsdom lays nothing out).
Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
  configurable: true,
  get: () => 600,
});
Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 460 });

const LIBRARY_URL = 'chrome-extension://test-extension-id/library.html';

/** Tag, attributes (sorted) and children; empty text nodes are nothing on screen. */
function shape(n: Node): unknown {
  if (n.nodeType === Node.TEXT_NODE) return n.textContent;
  const e = n as Element;
  const attrs = [...e.attributes].map((a) => `${a.name}=${a.value}`).sort();
  // Adjacent text nodes read as one ("#" and "gnn" from JSX's `#{tag}`); empty ones are nothing.
  const kids: unknown[] = [];
  let text: string | null = null;
  for (const c of e.childNodes) {
    if (c.nodeType === Node.TEXT_NODE) {
      text = (text ?? '') + (c.textContent ?? '');
      continue;
    }
    if (text) kids.push(text);
    text = null;
    kids.push(shape(c));
  }
  if (text) kids.push(text);
  return [e.localName, attrs, kids];
}

function view(count: number): FirstView {
  const papers = Array.from({ length: Math.max(count, 4) }, (_, i) =>
    makePaper({
      id: `arxiv:2401.${String(10000 + i)}`,
      title: `Paper ${i} on graphs`,
      authors: i % 2 ? ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra'] : [],
      venue: i % 3 ? 'NeurIPS' : undefined,
      year: i % 4 ? 2020 + (i % 5) : undefined,
      lastSeen: T0 - i * DAY,
      seenCount: 1 + i,
    }),
  );
  papers[1] = { ...papers[1]!, starred: 1, state: 'opened', tags: ['to-read', 'gnn'] };
  papers[2] = { ...papers[2]!, sources: ['huggingface-papers', 'meta-tags', 'json-ld'] };
  // Hostile page text: markup in the title and a script link stay inert text.
  papers[3] = makePaper({
    id: 'title:x',
    title: '<img src=x onerror="alert(1)"> Attack',
    url: 'javascript:alert(1)',
  });
  return { papers: papers.slice(0, count), more: true, libraryCount: 50_123 };
}

const hosts: HTMLElement[] = [];
function host(): HTMLElement {
  const h = document.createElement('div');
  document.body.append(h);
  hosts.push(h);
  return h;
}

afterEach(async () => {
  for (const h of hosts.splice(0)) {
    await act(() => render(null, h));
    h.remove();
  }
});

describe("the popup's first frame", () => {
  it.each([1, 5, 20])('is the app’s first render for %i remembered rows', (count) => {
    const v = view(count);
    const shell = host();
    drawFirstView(shell, v, { libraryUrl: LIBRARY_URL });
    const app = host();
    render(<App db={null} initial={v} />, app);
    expect(shell.querySelectorAll('[data-paperdex-id]').length).toBe(firstRowCount(count));
    expect(shape(shell)).toEqual(shape(app));
  });

  it('shows page text as text and links only http(s) addresses', () => {
    const shell = host();
    drawFirstView(shell, view(5), { libraryUrl: LIBRARY_URL });
    const hostile = shell.querySelector('[data-paperdex-id="title:x"]')!;
    expect(hostile.querySelector('img')).toBeNull();
    expect(hostile.querySelector('.row-title')!.textContent).toBe(
      '<img src=x onerror="alert(1)"> Attack',
    );
    expect(hostile.querySelector('a[href^="javascript"]')).toBeNull();
    expect(shell.querySelector('.count')!.textContent).toBe('50,123 papers');
  });

  it('is adopted by the app: the same nodes, the focus and the typed text kept', async () => {
    const v = view(20);
    const h = host();
    drawFirstView(h, v, { libraryUrl: LIBRARY_URL });
    const rows = [...h.querySelectorAll('[data-paperdex-id]')];
    const input = h.querySelector<HTMLInputElement>('#paperdex-search')!;
    // As entrypoints/popup/first.ts does after the first frame.
    input.focus();
    input.value = 'gra';
    await act(() => render(<App db={null} initial={v} initialText={input.value} />, h));
    expect([...h.querySelectorAll('[data-paperdex-id]')]).toEqual(rows);
    expect(h.querySelector('#paperdex-search')).toBe(input);
    expect(document.activeElement).toBe(input);
    expect(input.value).toBe('gra');
    expect(h.querySelectorAll('header').length).toBe(1);
    // The app's handlers are on the adopted nodes: the first row's click selects it (already
    // selected), the second's moves the selection there.
    await act(() => (rows[1] as HTMLElement).click());
    expect(rows[1]!.classList.contains('selected')).toBe(true);
    expect(rows[0]!.classList.contains('selected')).toBe(false);
  });
});
