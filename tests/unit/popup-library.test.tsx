// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LibraryApp } from '../../entrypoints/library/App';
import { openDb, type PaperdexDb } from '../../utils/library/db';
import { addPapers, DAY, makePaper, T0 } from './search-papers';

Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
  configurable: true,
  get: () => 800,
});

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

function read(b: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error);
    r.readAsText(b);
  });
}

const rows = () => [...host.querySelectorAll<HTMLElement>('[role="listitem"]')];
const button = (name: string) =>
  [...host.querySelectorAll<HTMLButtonElement>('button')].find(
    (b) => b.textContent?.trim() === name,
  );

beforeAll(async () => {
  db = openDb('library-app-test');
  await addPapers(
    db,
    Array.from({ length: 40 }, (_, i) =>
      makePaper({
        id: `arxiv:2402.${10000 + i}`,
        title: `Paper ${i}`,
        authors: ['Ada Lovelace'],
        year: 2024,
        tags: i === 0 ? ['old'] : [],
        lastSeen: T0 + i * DAY,
      }),
    ),
  );
  fakeBrowser.runtime.onMessage.addListener(async (raw: unknown) => {
    const msg = raw as Record<string, unknown>;
    messages.push(msg);
    const id = msg.id as string;
    if (msg.type === 'setStar') await db.papers.update(id, { starred: msg.starred ? 1 : 0 });
    if (msg.type === 'setTags') await db.papers.update(id, { tags: msg.tags as string[] });
    if (msg.type === 'deletePaper') await db.papers.delete(id);
    return { ok: true, state: { id, state: 'seen' }, deleted: true };
  });
  host = document.createElement('div');
  document.body.append(host);
  await act(() => render(<LibraryApp db={db} />, host));
});

afterAll(async () => {
  await act(() => render(null, host));
  db.close();
  await db.delete();
});

async function check(i: number) {
  const box = rows()[i]!.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
  await act(() => box.click());
}

describe('library page', () => {
  it('stars, tags, exports and deletes the selected papers through the background', async () => {
    await until(() => rows().length > 0, 'rows');
    expect(rows().every((r) => r.dataset.paperdexId?.startsWith('arxiv:2402.'))).toBe(true);
    expect(button('Star')!.disabled).toBe(true);

    await check(0);
    await check(1);
    const picked = rows()
      .slice(0, 2)
      .map((r) => r.dataset.paperdexId);
    expect(host.textContent).toContain('2 selected');

    await act(() => button('Star')!.click());
    await until(() => messages.filter((m) => m.type === 'setStar').length === 2, 'two stars');
    expect(messages.map((m) => m.id).sort()).toEqual([...picked].sort());
    await until(
      () =>
        rows()[0]!.querySelector('button[aria-pressed]')!.getAttribute('aria-pressed') === 'true',
      'star shown',
    );

    const tagBox = host.querySelector<HTMLInputElement>('input[aria-label="Tag"]')!;
    await act(() => {
      tagBox.value = 'toread';
      tagBox.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => button('Add tag')!.click());
    await until(() => messages.filter((m) => m.type === 'setTags').length === 2, 'two tag writes');
    expect((await db.papers.get(picked[0]!))?.tags).toContain('toread');

    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => {
      blobs.push(b);
      return 'blob:x';
    });
    URL.revokeObjectURL = vi.fn();
    await act(() => button('Export JSON')!.click());
    await until(() => blobs.length === 1, 'a JSON download');
    const exported = JSON.parse(await read(blobs[0]!)) as Array<{ id: string; words?: unknown }>;
    expect(exported.map((p) => p.id).sort()).toEqual([...picked].sort());
    expect(exported[0]!.words).toBeUndefined();
    await act(() => button('Export BibTeX')!.click());
    await until(() => blobs.length === 2, 'a BibTeX download');
    expect((await read(blobs[1]!)).match(/^@/gm)?.length).toBe(2);

    await act(() => button('Delete…')!.click());
    expect(messages.some((m) => m.type === 'deletePaper')).toBe(false);
    await act(() => button('Delete 2 for good')!.click());
    await until(() => messages.filter((m) => m.type === 'deletePaper').length === 2, 'two deletes');
    await until(() => !rows().some((r) => picked.includes(r.dataset.paperdexId)), 'rows gone');
    expect(await db.papers.count()).toBe(38);
  });
});
