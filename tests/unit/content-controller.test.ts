// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  PageController,
  type PaperStateInfo,
  type Transport,
  readScreen,
  screenRows,
} from '../../utils/content/controller';
import { DEFAULT_SETTINGS } from '../../utils/settings';
import type { DetectedPaper } from '../../utils/paper';

const LISTING = `<!doctype html><html><head><title>Reading list</title></head><body><ul>
<li><a href="https://arxiv.org/abs/2106.09608">Learning Knowledge Graph-based World Models of Textual Environments</a></li>
<li><a href="https://arxiv.org/abs/2509.24002">MCPMark: A Benchmark for Stress-Testing Realistic and Comprehensive MCP Use</a></li>
<li><a href="https://doi.org/10.1103/PhysRevX.12.041027">Tearing Instability and Current-Sheet Disruption in the Turbulent Dynamo</a></li>
</ul></body></html>`;

class FakeTransport implements Transport {
  known = new Map<string, PaperStateInfo>();
  recorded: DetectedPaper[][] = [];
  stars: Array<[string, boolean]> = [];
  /** What the record answers beyond 'seen' (the title twins it found). */
  recordAnswers = new Map<string, PaperStateInfo>();
  titleAsks: boolean[] = [];
  async lookup(
    papers: Array<Pick<DetectedPaper, 'id' | 'aliases' | 'title'>>,
    opts?: { titles?: boolean },
  ) {
    this.titleAsks.push(opts?.titles === true);
    const out: Record<string, PaperStateInfo> = {};
    for (const p of papers) {
      const s = this.known.get(p.id);
      if (s) out[p.id] = s;
    }
    return out;
  }
  async record(_page: { url: string; title: string }, _visit: string, papers: DetectedPaper[]) {
    this.recorded.push(papers);
    const out: Record<string, PaperStateInfo> = {};
    for (const p of papers)
      out[p.id] = this.recordAnswers.get(p.id) ?? { id: p.id, state: 'seen', seenCount: 1 };
    return out;
  }
  async setStar(id: string, starred: boolean) {
    this.stars.push([id, starred]);
  }
}

function setup(
  html: string,
  transport: Transport,
  settings = DEFAULT_SETTINGS,
  url = 'https://example.org/reading-list',
) {
  document.open();
  document.write(html);
  document.close();
  return new PageController({
    doc: document,
    url: () => new URL(url),
    transport,
    settings,
    incognito: false,
  });
}

/** Records which ids each lookup asked for, and how many rows were marked when it was asked. */
/**
 * JSDOM lays nothing out: gives the row at index `rowOf(el)` the band [100 i, 100 i + 90) of the
 * window and counts the rectangles read; `restore` puts the real method back.
 */
function layOutRows(rowOf: (el: Element) => number) {
  const original = Element.prototype.getBoundingClientRect;
  const rects = {
    reads: 0,
    restore: () => {
      Element.prototype.getBoundingClientRect = original;
    },
  };
  Element.prototype.getBoundingClientRect = function (this: Element) {
    rects.reads++;
    const i = rowOf(this);
    return {
      top: i * 100,
      bottom: i * 100 + 90,
      left: 0,
      right: 500,
      width: 500,
      height: 90,
    } as DOMRect;
  };
  return rects;
}

function spyLookups(t: FakeTransport): Array<{ ids: string[]; marked: number }> {
  const asks: Array<{ ids: string[]; marked: number }> = [];
  const lookup = t.lookup.bind(t);
  t.lookup = (papers, opts) => {
    asks.push({
      ids: papers.map((p) => p.id),
      marked: document.querySelectorAll('paperdex-mark').length,
    });
    return lookup(papers, opts);
  };
  return asks;
}

const badges = () =>
  Array.from(document.querySelectorAll('paperdex-mark')).map((b) => [
    b.getAttribute('data-paperdex-id'),
    b.getAttribute('data-paperdex-state'),
  ]);

describe('page controller', () => {
  it('marks every paper new on a first visit and records them once', async () => {
    const t = new FakeTransport();
    const c = setup(LISTING, t);
    await c.scan();
    expect(badges()).toEqual([
      ['arxiv:2106.09608', 'new'],
      ['arxiv:2509.24002', 'new'],
      ['doi:10.1103/physrevx.12.041027', 'new'],
    ]);
    expect(t.recorded).toHaveLength(1);
    expect(t.recorded[0]!.map((p) => p.id)).toHaveLength(3);
    // A rescan with no new rows neither marks twice nor records again.
    await c.scan();
    expect(badges()).toHaveLength(3);
    expect(t.recorded).toHaveLength(1);
  });

  it('marks known papers with their state and only new rows on DOM changes', async () => {
    const t = new FakeTransport();
    t.known.set('arxiv:2509.24002', {
      id: 'arxiv:2509.24002',
      state: 'opened',
      seenCount: 2,
      firstSeen: 1,
    });
    const c = setup(LISTING, t);
    await c.scan();
    expect(badges()[1]).toEqual(['arxiv:2509.24002', 'opened']);
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = 'https://arxiv.org/abs/2301.00001';
    a.textContent = 'NFTrig: Using Blockchain Technologies for Math Education';
    li.append(a);
    document.querySelector('ul')!.append(li);
    await c.scan();
    expect(badges()).toHaveLength(4);
    expect(t.recorded[1]!.map((p) => p.id)).toEqual(['arxiv:2301.00001']);
  });

  it('stars from the badge and removes badges when highlighting is switched off', async () => {
    const t = new FakeTransport();
    const c = setup(LISTING, t);
    await c.scan();
    const host = document.querySelector('paperdex-mark')!;
    const star = host.shadowRoot!.querySelector('button')!;
    expect(star.getAttribute('aria-pressed')).toBe('false');
    star.click();
    await Promise.resolve();
    expect(t.stars).toEqual([['arxiv:2106.09608', true]]);
    expect(host.getAttribute('data-paperdex-state')).toBe('starred');
    await c.applySettings({ ...DEFAULT_SETTINGS, highlight: false });
    expect(badges()).toEqual([]);
  });

  it('does nothing on a disabled site and never records when paused', async () => {
    const t = new FakeTransport();
    const c = setup(LISTING, t, { ...DEFAULT_SETTINGS, disabledSites: ['example.org'] });
    await c.scan();
    expect(badges()).toEqual([]);
    expect(t.recorded).toHaveLength(0);
    await c.applySettings({ ...DEFAULT_SETTINGS, paused: true });
    expect(badges()).toHaveLength(3);
    expect(t.recorded).toHaveLength(0);
    // No record will say which titles match stored papers: this lookup must.
    expect(t.titleAsks).toEqual([true]);
  });

  it('a paper the id lookup calls new turns "possible" when the record finds its title twin', async () => {
    const t = new FakeTransport();
    t.recordAnswers.set('arxiv:2509.24002', {
      id: 'arxiv:2509.24002',
      state: 'possible',
      seenCount: 1,
      firstSeen: Date.UTC(2026, 0, 2),
    });
    const c = setup(LISTING, t);
    await c.scan();
    expect(t.titleAsks).toEqual([false]);
    expect(badges()).toEqual([
      ['arxiv:2106.09608', 'new'],
      ['arxiv:2509.24002', 'possible'],
      ['doi:10.1103/physrevx.12.041027', 'new'],
    ]);
    const host = document.querySelectorAll('paperdex-mark')[1]!;
    expect(host.shadowRoot!.textContent).toContain('possibly seen');
  });

  it('keeps page text as text: a script in a title never becomes markup', async () => {
    const t = new FakeTransport();
    setup(
      `<ul><li><a href="https://arxiv.org/abs/2106.09608">&lt;img src=x onerror="window.__pwned=1"&gt; Title</a></li></ul>`,
      t,
    );
    const c = new PageController({
      doc: document,
      url: () => new URL('https://example.org/'),
      transport: t,
      settings: DEFAULT_SETTINGS,
      incognito: false,
    });
    await c.scan();
    const host = document.querySelector('paperdex-mark')!;
    expect(host.shadowRoot!.querySelector('img')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('on a long listing looks up and marks the rows on screen first, then the rest after a frame', async () => {
    const rows = Array.from(
      { length: 300 },
      (_, i) =>
        `<li><a href="https://arxiv.org/abs/2401.${String(10000 + i)}">A paper about row number ${i} of a long list</a></li>`,
    ).join('');
    const t = new FakeTransport();
    const asks = spyLookups(t);
    const c = setup(`<ul>${rows}</ul>`, t);
    const lis = Array.from(document.querySelectorAll('li'));
    const rects = layOutRows((el) => {
      const li = el.closest('li');
      return li ? lis.indexOf(li) : 0;
    });
    const batches: number[] = [];
    const mo = new MutationObserver(() =>
      batches.push(document.querySelectorAll('paperdex-mark').length),
    );
    mo.observe(document.body, { childList: true, subtree: true });
    try {
      await c.scan();
    } finally {
      rects.restore();
      mo.disconnect();
    }
    // Within a screen of the viewport: rows 0–15 (top ≤ 2 × 768).
    expect(batches[0]).toBe(16);
    // The screen's rows are looked up alone, so a slow answer for the rest cannot hold them up.
    expect(asks.map((a) => a.ids.length)).toEqual([16, 284]);
    expect(asks[0]!.ids[0]).toBe('arxiv:2401.10000');
    expect(asks[1]!.marked).toBe(16);
    expect(batches.at(-1)).toBe(300);
    const marked = Array.from(document.querySelectorAll('li'), (li) =>
      li.querySelector('paperdex-mark') ? 1 : 0,
    );
    expect(marked.every((m) => m === 1)).toBe(true);
    expect(t.recorded).toHaveLength(1);
    expect(t.recorded[0]).toHaveLength(300);
  });

  it('on a long arXiv listing reads, looks up and marks the screen rows before reading the rest', async () => {
    const rows = Array.from(
      { length: 300 },
      (_, i) =>
        `<dt><a href="/abs/2401.${String(10000 + i)}" title="Abstract">arXiv:2401.${String(10000 + i)}</a></dt>` +
        `<dd><div class="list-title">Title: A paper about row number ${i} of a long list</div>` +
        `<div class="list-authors"><a href="#">Ann Lee</a>, <a href="#">Bo Chen</a></div></dd>`,
    ).join('');
    const t = new FakeTransport();
    const asks = spyLookups(t);
    const c = setup(
      `<!doctype html><html><body><dl>${rows}</dl></body></html>`,
      t,
      DEFAULT_SETTINGS,
      'https://arxiv.org/list/cs/pastweek?show=2000',
    );
    const dts: Element[] = Array.from(document.querySelectorAll('dt'));
    // Counts the rows whose position was read: the full read of the listing reads none.
    const rects = layOutRows((el) => dts.indexOf(el.closest('dt') ?? el));
    let rectsOnRescan = 0;
    try {
      await c.scan();
      // Rows the site appends later are only new rows: no position is read for them.
      const before = rects.reads;
      document
        .querySelector('dl')!
        .insertAdjacentHTML(
          'beforeend',
          '<dt><a href="/abs/2402.00001">arXiv:2402.00001</a></dt><dd><div class="list-title">Title: An appended paper</div></dd>',
        );
      await c.scan();
      rectsOnRescan = rects.reads - before;
    } finally {
      rects.restore();
    }
    expect(rectsOnRescan).toBe(0);
    expect(asks.map((a) => a.ids.length)).toEqual([16, 284, 1]);
    expect(asks[0]!.ids).toEqual(dts.slice(0, 16).map((_, i) => `arxiv:2401.${10000 + i}`));
    expect(asks[1]!.marked).toBe(16);
    // Bisection and the screen's rows, not one rectangle per row.
    expect(rects.reads).toBeLessThan(40);
    expect(document.querySelectorAll('paperdex-mark')).toHaveLength(301);
    // One record with every paper of the page, screen rows included, then the appended one.
    expect(t.recorded).toHaveLength(2);
    expect(new Set(t.recorded[0]!.map((p) => p.id)).size).toBe(300);
    expect(t.recorded[1]!.map((p) => p.id)).toEqual(['arxiv:2402.00001']);
  });
});

describe('the screen read while the settings load', () => {
  const rows = Array.from(
    { length: 300 },
    (_, i) =>
      `<dt><a href="/abs/2401.${String(10000 + i)}" title="Abstract">arXiv:2401.${String(10000 + i)}</a></dt>` +
      `<dd><div class="list-title">Title: A paper about row number ${i} of a long list</div></dd>`,
  ).join('');
  const URL_ = 'https://arxiv.org/list/cs/pastweek?show=2000';

  async function run(screenFor: string | null) {
    const t = new FakeTransport();
    const asks = spyLookups(t);
    document.open();
    document.write(`<!doctype html><html><body><dl>${rows}</dl></body></html>`);
    document.close();
    const dts: Element[] = Array.from(document.querySelectorAll('dt'));
    const rects = layOutRows((el) => dts.indexOf(el.closest('dt') ?? el));
    try {
      const screen = screenFor === null ? undefined : readScreen(document, new URL(screenFor));
      const early = rects.reads;
      const c = new PageController({
        doc: document,
        url: () => new URL(URL_),
        transport: t,
        settings: DEFAULT_SETTINGS,
        incognito: false,
        screen,
      });
      await c.scan();
      return { asks: asks.map((a) => a.ids.length), early, inScan: rects.reads - early };
    } finally {
      rects.restore();
    }
  }

  it('the first scan marks the rows read early, without reading their positions again', async () => {
    const plain = await run(null);
    const early = await run(URL_);
    expect(early.asks).toEqual([16, 284]);
    expect(early.asks).toEqual(plain.asks);
    expect(early.early).toBeGreaterThan(0);
    expect(early.inScan).toBe(0);
    expect(plain.inScan).toBeGreaterThan(0);
  });

  it('a read made at another address is not used', async () => {
    const other = await run('https://arxiv.org/list/math/pastweek?show=2000');
    expect(other.inScan).toBeGreaterThan(0);
    expect(other.asks).toEqual([16, 284]);
  });
});

describe('screenRows', () => {
  const layout = (tops: number[], height = 768) => {
    document.open();
    document.write('<!doctype html><body></body>');
    document.close();
    Object.defineProperty(window, 'innerHeight', { value: height, configurable: true });
    return tops.map(
      (top) =>
        ({
          getBoundingClientRect: () => ({ top, bottom: top + 50 }) as DOMRect,
        }) as unknown as Element,
    );
  };
  const linear = (rows: Element[], height = 768) => {
    const near = rows
      .map((r, i) => [r.getBoundingClientRect(), i] as const)
      .filter(([r]) => r.bottom >= -height && r.top <= 2 * height)
      .map(([, i]) => i);
    return near.length ? [near[0]!, near.at(-1)! + 1] : null;
  };

  it('finds by bisection the rows a linear scan finds, wherever the window is', () => {
    for (const scroll of [0, 3_000, 40_000, 99_000, 120_000]) {
      const rows = layout(Array.from({ length: 2_000 }, (_, i) => i * 60 - scroll));
      expect(screenRows(document, rows), `scrolled ${scroll}`).toEqual(linear(rows));
    }
  });

  it('leaves short lists and lists away from the window to one batch', () => {
    expect(screenRows(document, layout(Array.from({ length: 150 }, (_, i) => i * 60)))).toBeNull();
    expect(
      screenRows(document, layout(Array.from({ length: 500 }, (_, i) => i * 60 - 90_000))),
    ).toBeNull();
  });
});
