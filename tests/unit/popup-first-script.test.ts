// @vitest-environment jsdom
/** The popup's first script (entrypoints/popup/first.ts): what it draws, and that the app always follows. */
import { afterEach, describe, expect, it } from 'vitest';
import { startFirstFrame } from '../../entrypoints/popup/first';
import { FIRST_VIEW_KEY, readFirstView } from '../../entrypoints/popup/snapshot';
import { makePaper } from './search-papers';

const appScripts = () => document.querySelectorAll('script[src="/popup-app.js"]').length;

function page(): HTMLElement {
  document.body.replaceChildren();
  const root = document.createElement('div');
  root.id = 'app';
  document.body.append(root);
  return root;
}

afterEach(() => {
  localStorage.clear();
  document.body.replaceChildren();
});

describe("the popup's first script", () => {
  it('draws the remembered rows, then adds the app once, after the frame', async () => {
    const root = page();
    const papers = [makePaper({ id: 'arxiv:2401.00001', title: 'Remembered' })];
    localStorage.setItem(FIRST_VIEW_KEY, JSON.stringify({ papers, more: false, libraryCount: 1 }));
    startFirstFrame();
    expect(root.querySelector('[data-paperdex-id]')?.getAttribute('data-paperdex-id')).toBe(
      'arxiv:2401.00001',
    );
    expect(appScripts()).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(appScripts()).toBe(1);
  });

  it('adds the app at once when nothing is remembered', () => {
    const root = page();
    startFirstFrame();
    expect(root.childElementCount).toBe(0);
    expect(appScripts()).toBe(1);
  });

  it.each([
    ['not JSON', '{"papers": ['],
    ['a paper without its lists', JSON.stringify({ papers: [{ id: 'arxiv:1', title: 'T' }] })],
    [
      'a title that is not text',
      JSON.stringify({
        papers: [{ ...makePaper({ id: 'arxiv:1', title: 'T' }), title: { html: '<b>' } }],
      }),
    ],
    ['no papers', JSON.stringify({ papers: [] })],
  ])('a snapshot with %s is not drawn, and the app still loads', (_what, raw) => {
    const root = page();
    localStorage.setItem(FIRST_VIEW_KEY, raw);
    expect(readFirstView()).toBeUndefined();
    startFirstFrame();
    expect(root.childElementCount).toBe(0);
    expect(appScripts()).toBe(1);
  });
});
