import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers, type SenderLike } from '../../utils/background/handlers';
import { sendMessage } from '../../utils/protocol';
import { isCanonicalId, MAX_PAPERS, validateRequest } from '../../utils/protocol-validate';
import { arxiv, freshDb, PAGE, paper, snapshot } from './library-helpers';

const good = () => ({
  type: 'recordPage',
  page: { ...PAGE },
  visit: 'abc-123',
  papers: [
    paper(arxiv(1), {
      year: 2024,
      url: 'https://arxiv.org/abs/2401.10001',
      aliases: ['doi:10.1000/x'],
    }),
  ],
});

function reason(message: unknown): string {
  const v = validateRequest(message);
  if (v.ok) throw new Error('accepted');
  return v.reason;
}

describe('validateRequest', () => {
  it('accepts well-formed messages and returns clean copies', () => {
    const v = validateRequest(good());
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.request).toEqual(good());
    expect(
      validateRequest({ type: 'lookup', papers: [{ id: arxiv(1), aliases: [], title: 'x' }] }).ok,
    ).toBe(true);
    expect(validateRequest({ type: 'setStar', id: 'doi:10.1000/x', starred: false }).ok).toBe(true);
    expect(validateRequest({ type: 'getPaper', id: 'title:a b' }).ok).toBe(true);
    expect(validateRequest({ type: 'starPage', page: PAGE }).ok).toBe(true);
    // Absent and undefined optional fields are the same thing.
    expect(
      validateRequest({ ...good(), papers: [{ ...paper(arxiv(2)), venue: undefined }] }).ok,
    ).toBe(true);
  });

  it('accepts the arXiv DataCite DOI alias that buildIdentity keeps', () => {
    expect(isCanonicalId('doi:10.48550/arxiv.2106.09608')).toBe(true);
    expect(isCanonicalId('arxiv:2106.09608')).toBe(true);
    expect(isCanonicalId('arxiv:2106.09608v2')).toBe(false);
    expect(isCanonicalId('DOI:10.1000/X')).toBe(false);
    expect(isCanonicalId('doi:10.48550/ARXIV.2106.09608')).toBe(false);
  });

  it.each([
    ['not an object', 'hello', /not an object/],
    ['an array', [1], /not an object/],
    ['unknown type', { type: 'dropTables' }, /unknown message type/],
    ['prototype-ish type', { type: 'toString' }, /unknown message type/],
    ['unknown field', { ...good(), extra: 1 }, /unknown field "extra"/],
    ['wrong visit type', { ...good(), visit: 42 }, /visit is not a string/],
    ['visit with odd characters', { ...good(), visit: 'a b' }, /visit has characters/],
    [
      'javascript: page URL',
      { ...good(), page: { url: 'javascript:alert(1)', title: 't' } },
      /page.url is not http/,
    ],
    ['relative page URL', { ...good(), page: { url: '/x', title: 't' } }, /page.url is not a URL/],
    [
      'javascript: paper URL',
      { ...good(), papers: [paper(arxiv(1), { url: 'javascript:alert(1)' })] },
      /papers\[0\].url is not http/,
    ],
    [
      'data: pdf URL',
      { ...good(), papers: [paper(arxiv(1), { pdfUrl: 'data:text/html,x' })] },
      /pdfUrl is not http/,
    ],
    [
      'non-canonical id',
      { ...good(), papers: [paper('arxiv:2106.09608v2')] },
      /papers\[0\].id is not a canonical id/,
    ],
    ['unknown id kind', { ...good(), papers: [paper('isbn:123')] }, /not a canonical id/],
    [
      'number id',
      { ...good(), papers: [{ ...paper(arxiv(1)), id: 5 }] },
      /papers\[0\].id is not a string/,
    ],
    [
      'aliases not an array',
      { ...good(), papers: [{ ...paper(arxiv(1)), aliases: 'doi:10.1/x' }] },
      /aliases is not an array/,
    ],
    [
      'too many aliases',
      {
        ...good(),
        papers: [paper(arxiv(1), { aliases: Array.from({ length: 21 }, (_, i) => arxiv(i + 2)) })],
      },
      /more than 20/,
    ],
    [
      'title too long',
      { ...good(), papers: [paper(arxiv(1), { title: 'x'.repeat(1001) })] },
      /title is longer than 1000/,
    ],
    [
      'author not a string',
      { ...good(), papers: [{ ...paper(arxiv(1)), authors: [{}] }] },
      /authors\[0\] is not a string/,
    ],
    [
      'fractional year',
      { ...good(), papers: [paper(arxiv(1), { year: 2020.5 })] },
      /year is not an integer/,
    ],
    ['bad kind', { ...good(), papers: [{ ...paper(arxiv(1)), kind: 'page' }] }, /kind is not/],
    [
      'bad source',
      { ...good(), papers: [paper(arxiv(1), { source: '<script>' })] },
      /not an adapter id/,
    ],
    [
      'the DOM element',
      { ...good(), papers: [{ ...paper(arxiv(1)), element: {} }] },
      /unknown field "element"/,
    ],
    ['a class instance', { ...good(), page: new URL('https://x.org/') }, /not a plain object/],
    [
      'too many papers',
      { ...good(), papers: Array.from({ length: MAX_PAPERS + 1 }, (_, i) => paper(arxiv(i))) },
      /more than 5000/,
    ],
    [
      'starred as a string',
      { type: 'setStar', id: arxiv(1), starred: 'yes' },
      /starred is not a boolean/,
    ],
    [
      'too many tags',
      { type: 'setTags', id: arxiv(1), tags: Array.from({ length: 51 }, () => 't') },
      /more than 50/,
    ],
    ['huge note', { type: 'setNote', id: arxiv(1), note: 'x'.repeat(20_001) }, /note is longer/],
    [
      'lookup paper with extra fields',
      { type: 'lookup', papers: [paper(arxiv(1))] },
      /unknown field/,
    ],
    [
      'negative sightings',
      { type: 'getPaper', id: arxiv(1), sightings: -1 },
      /sightings is not an integer/,
    ],
  ])('rejects %s', (_name, message, why) => {
    expect(reason(message)).toMatch(why);
  });

  it('bounds the total text of a message', () => {
    const big = Array.from({ length: 4000 }, (_, i) =>
      paper(arxiv(i), { abstract: 'a'.repeat(4500), title: 't'.repeat(900) }),
    );
    expect(reason({ ...good(), papers: big })).toMatch(/characters of text/);
    // The budget is per message, not per worker.
    expect(validateRequest(good()).ok).toBe(true);
  });
});

describe('handlers reject bad messages without writing', () => {
  it.each([
    ['unknown type', { type: 'nuke' }],
    ['wrong types', { ...good(), papers: [{ ...paper(arxiv(1)), title: 7 }] }],
    [
      'oversized',
      { ...good(), papers: Array.from({ length: MAX_PAPERS + 1 }, (_, i) => paper(arxiv(i))) },
    ],
    ['javascript: URL', { ...good(), page: { url: 'javascript:void(0)', title: '' } }],
    [
      'one bad paper among good ones',
      { ...good(), papers: [paper(arxiv(1)), paper(arxiv(2), { url: 'javascript:x' })] },
    ],
    ['null', null],
  ])('%s', async (_name, message) => {
    const db = freshDb();
    const warnings: string[] = [];
    const h = createHandlers(db, { warn: (m) => warnings.push(m) });
    const before = await snapshot(db);
    const r = await h(message);
    expect(r).toMatchObject({ ok: false, error: 'invalid' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^rejected /);
    expect(warnings[0]!.length).toBeLessThan(200);
    expect(await snapshot(db)).toEqual(before);
    expect(await db.papers.count()).toBe(0);
  });

  it('refuses other senders when told the extension id', async () => {
    const db = freshDb();
    const h = createHandlers(db, { extensionId: 'me', warn: () => {} });
    expect(await h(good(), { id: 'someone-else' })).toMatchObject({ ok: false, error: 'invalid' });
    expect(await h(good(), { id: 'me' })).toMatchObject({ ok: true });
  });

  it('turns unexpected failures into internal errors, never a throw', async () => {
    const db = freshDb();
    db.close();
    const warnings: string[] = [];
    const h = createHandlers(db, { warn: (m) => warnings.push(m) });
    expect(await h(good())).toMatchObject({ ok: false, error: 'internal' });
    expect(warnings[0]).toMatch(/recordPage failed/);
  });
});

describe('warm: the detector wakes the worker before reading the page', () => {
  it('opens the database and answers nothing else; a payload is refused', async () => {
    const db = freshDb();
    const h = createHandlers(db, { warn: () => {} });
    expect(db.isOpen()).toBe(false);
    expect(await h({ type: 'warm' }, { tab: { id: 1 } })).toEqual({ ok: true });
    expect(db.isOpen()).toBe(true);
    expect(await h({ type: 'warm', papers: [] }, { tab: { id: 1 } })).toMatchObject({
      ok: false,
      error: 'invalid',
    });
  });
});

describe('activate: the gate asks for the detector', () => {
  it('injects into the tab and frame that asked, and nowhere else', async () => {
    const db = freshDb();
    const calls: Array<[number, number]> = [];
    const h = createHandlers(db, {
      warn: () => {},
      inject: async (tab, frame) => {
        calls.push([tab, frame]);
        return tab !== 8;
      },
    });
    expect(await h({ type: 'activate' }, { tab: { id: 7 }, frameId: 3 })).toEqual({
      ok: true,
      injected: true,
    });
    expect(await h({ type: 'activate' }, { tab: { id: 8 } })).toEqual({
      ok: true,
      injected: false,
    });
    expect(calls).toEqual([
      [7, 3],
      [8, 0],
    ]);
    // Not from a tab (an extension page), or with a payload: refused, nothing injected.
    expect(await h({ type: 'activate' }, {})).toMatchObject({ ok: false, error: 'invalid' });
    expect(await h({ type: 'activate', tabId: 1 }, { tab: { id: 9 } } as SenderLike)).toMatchObject(
      { ok: false, error: 'invalid' },
    );
    expect(calls).toHaveLength(2);
  });

  it('reports a failed injection (a page the browser forbids) as an error, never a throw', async () => {
    const h = createHandlers(freshDb(), {
      warn: () => {},
      inject: () => Promise.reject(new Error('Cannot access contents of the page')),
    });
    expect(await h({ type: 'activate' }, { tab: { id: 1 } })).toMatchObject({
      ok: false,
      error: 'internal',
    });
  });
});

describe('sendMessage (the content-script client)', () => {
  afterEach(() => fakeBrowser.reset());

  it('round-trips through runtime messaging to the handlers', async () => {
    const db = freshDb();
    const h = createHandlers(db, { warn: () => {} });
    fakeBrowser.runtime.onMessage.addListener((message: unknown, sender: SenderLike) =>
      h(message, sender),
    );
    const r = await sendMessage('recordPage', {
      page: PAGE,
      visit: 'v1',
      papers: [paper(arxiv(1))],
    });
    expect(r).toMatchObject({ ok: true, states: { [arxiv(1)]: { state: 'new' } } });
    const l = await sendMessage('lookup', { papers: [{ id: arxiv(1), aliases: [], title: '' }] });
    expect(l.ok && l.states[arxiv(1)]?.state).toBe('seen');
  });

  it('reports an unreachable background as unavailable instead of throwing', async () => {
    const r = await sendMessage('setStar', { id: arxiv(1), starred: true });
    expect(r).toMatchObject({ ok: false, error: 'unavailable' });
  });
});
