// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BibtexContext } from '../../components/context';
import { CopyMenu } from '../../components/CopyMenu';
import { toBibtex } from '../../utils/formats/bibtex-out';
import { attention } from './formats-samples';

let host: HTMLDivElement;
let copied: string[];

beforeEach(() => {
  copied = [];
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: vi.fn(async (t: string) => void copied.push(t)) },
  });
  host = document.createElement('div');
  document.body.append(host);
});

afterEach(() => {
  render(null, host);
  host.remove();
});

async function choose(label: string, done: (m: string) => void, bibtex = toBibtex) {
  await act(() =>
    render(
      <BibtexContext.Provider value={bibtex}>
        <CopyMenu paper={attention} onDone={done} />
      </BibtexContext.Provider>,
      host,
    ),
  );
  const button = (name: string) =>
    [...host.querySelectorAll('button')].find((b) => b.textContent === name)!;
  await act(() => button('Copy').click());
  await act(async () => {
    button(label).click();
    await Promise.resolve();
  });
}

describe('copy menu', () => {
  it('copies the same BibTeX entry the library exports', async () => {
    const said: string[] = [];
    await choose('BibTeX', (m) => said.push(m));
    expect(copied).toEqual([toBibtex([attention])]);
    expect(copied[0]).toMatch(/^@misc\{vaswani2017attention,\n/);
    expect(copied[0]).toContain('\teprint = {1706.03762},');
    expect(said).toEqual(['Copied BibTeX.']);
  });

  it('offers BibTeX only once its writer is there (the popup loads it after painting)', async () => {
    await act(() => render(<CopyMenu paper={attention} onDone={() => {}} />, host));
    const button = (name: string) =>
      [...host.querySelectorAll('button')].find((b) => b.textContent === name)!;
    await act(() => button('Copy').click());
    expect(button('BibTeX').disabled).toBe(true);
    expect(button('Markdown').disabled).toBe(false);
  });

  it('copies a Markdown link and the id', async () => {
    await choose('Markdown', () => {});
    await choose('Id', () => {});
    expect(copied).toEqual([
      '[Attention Is All You Need](https://arxiv.org/abs/1706.03762)',
      'arxiv:1706.03762',
    ]);
  });
});
