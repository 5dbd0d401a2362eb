// One-off measurement (not committed): real Chromium, real built extension, 50,000 papers.
import { appendFileSync, mkdtempSync } from 'node:fs';
const log = (...a: unknown[]) => appendFileSync('/tmp/m3.out', a.join(' ') + '\n');
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const DIST = process.env.DIST ?? '/tmp/pdx-ext';

async function launch() {
  const context = await chromium.launchPersistentContext(process.env.PROFILE ?? mkdtempSync(join(tmpdir(), 'pdx-m-')), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [`--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`, '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // tsx keeps function names with a helper the page does not have.
  await context.addInitScript('window.__name = (f) => f');
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15000 }));
  return { context, extensionId: new URL(worker.url()).host, close: () => context.close() };
}

const N = Number(process.env.N ?? 50_000);

async function main() {
  const h = await launch();
  try {
    const base = `chrome-extension://${h.extensionId}`;
    // Let Dexie create the schema.
    const p0 = await h.context.newPage();
    await p0.goto(`${base}/popup.html`);
    log('opened');
    await p0.waitForSelector('.browser[data-results-for]', { timeout: 120_000 });
    log('first results');
    const t0 = Date.now();
    const have = await p0.evaluate(async () => {
      const db: IDBDatabase = await new Promise((res, rej) => { const q = indexedDB.open('paperdex'); q.onsuccess = () => res(q.result); q.onerror = () => rej(q.error); });
      const n = await new Promise<number>((res) => { const c = db.transaction('papers').objectStore('papers').count(); c.onsuccess = () => res(c.result); });
      db.close();
      return n;
    });
    if (have < N) await p0.evaluate(async (n: number) => {
      let seed = 12345;
      const r = () => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed / 0x7fffffff;
      };
      const syll = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'vi', 'so', 'de', 'pa', 'gra', 'tri', 'sta', 'ber', 'lin', 'mor', 'qua', 'zen', 'phi', 'chro'];
      const common = ['learning', 'neural', 'network', 'networks', 'model', 'models', 'language', 'large', 'deep', 'graph', 'diffusion', 'transformer', 'transformers', 'attention', 'efficient', 'robust', 'via', 'for', 'with', 'of', 'the', 'and', 'a', 'in', 'on', 'towards', 'training', 'data', 'vision', 'reinforcement', 'generative', 'optimization', 'sparse', 'quantum', 'protein', 'self', 'supervised', 'contrastive', 'multimodal', 'reasoning', 'agents', 'benchmark', 'scaling', 'laws', 'inference', 'fast', 'sampling', 'caching', 'kernel', 'bayesian'];
      const vocab: string[] = [];
      for (let i = 0; i < 6000; i++) {
        let w = '';
        const k = 2 + Math.floor(r() * 3);
        for (let j = 0; j < k; j++) w += syll[Math.floor(r() * syll.length)];
        vocab.push(w);
      }
      const zipf = () => (r() < 0.55 ? common[Math.floor(Math.pow(r(), 2) * common.length)]! : vocab[Math.floor(Math.pow(r(), 1.5) * vocab.length)]!);
      const first = Array.from({ length: 300 }, () => { const w = vocab[Math.floor(r() * vocab.length)]!; return w[0]!.toUpperCase() + w.slice(1); });
      const last = Array.from({ length: 800 }, () => { const w = vocab[Math.floor(r() * vocab.length)]!; return w[0]!.toUpperCase() + w.slice(1); });
      const tok = (s: string) => s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      const venues = ['NeurIPS', 'ICML', 'ICLR', 'ACL', 'CVPR', 'EMNLP', 'arXiv', undefined];
      const sites = ['arxiv', 'huggingface-papers', 'google-scholar', 'semantic-scholar', 'openreview'];
      const T = Date.now();
      const rows: unknown[] = [];
      for (let i = 0; i < n; i++) {
        const tw = Array.from({ length: 6 + Math.floor(r() * 8) }, zipf);
        const title = tw.map((w, j) => (j === 0 ? w[0]!.toUpperCase() + w.slice(1) : w)).join(' ');
        const authors = Array.from({ length: 2 + Math.floor(r() * 8) }, () => `${first[Math.floor(r() * first.length)]} ${last[Math.floor(r() * last.length)]}`);
        const abstract = Array.from({ length: 120 + Math.floor(r() * 150) }, zipf).join(' ') + '.';
        const venue = venues[Math.floor(r() * venues.length)];
        const id = `arxiv:${2000 + Math.floor(i / 10000)}.${String(i % 100000).padStart(5, '0')}`;
        const firstSeen = T - Math.floor(r() * 700) * 86400000;
        const words = [...new Set([...tok(title), ...authors.flatMap(tok), ...tok(venue ?? '')])];
        rows.push({
          id, ids: [id], titleKey: tok(title).join(' '), title, authors, year: 2015 + Math.floor(r() * 11), venue, abstract,
          url: `https://arxiv.org/abs/${id.slice(6)}`, sources: [sites[Math.floor(r() * sites.length)]], state: r() < 0.3 ? 'opened' : 'seen',
          starred: r() < 0.05 ? 1 : 0, tags: r() < 0.05 ? ['toread'] : [], note: '', firstSeen, lastSeen: firstSeen + Math.floor(r() * 50) * 86400000,
          seenCount: 1 + Math.floor(r() * 10), firstSite: 'arxiv', firstPageUrl: 'https://arxiv.org/list/cs.LG/new', firstVisit: 'v', words, possible: [],
        });
      }
      const db: IDBDatabase = await new Promise((res, rej) => { const q = indexedDB.open('paperdex'); q.onsuccess = () => res(q.result); q.onerror = () => rej(q.error); });
      for (let i = 0; i < rows.length; i += 5000) {
        await new Promise<void>((res, rej) => {
          const tx = db.transaction('papers', 'readwrite');
          const st = tx.objectStore('papers');
          for (const row of rows.slice(i, i + 5000)) st.put(row);
          tx.oncomplete = () => res();
          tx.onerror = () => rej(tx.error);
        });
      }
      db.close();
    }, N);
    log(`have ${have}; filled ${N} papers in ${Date.now() - t0} ms`);
    await p0.close();

    const firstPaints: number[] = [];
    const RUNS = Number(process.env.RUNS ?? 5);
    for (let run = 0; run < RUNS; run++) {
      const p = await h.context.newPage();
      await p.setViewportSize({ width: 460, height: 600 });
      await p.addInitScript(() => {
        new MutationObserver((_, obs) => {
          if (document.querySelector('[data-paperdex-id]')) {
            (window as unknown as { __first: number }).__first = performance.now();
            obs.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      });
      await p.goto(`${base}/popup.html`);
      await p.waitForSelector('[data-paperdex-id]');
      // First paint after the rows are in the DOM.
      const t = await p.evaluate(() => new Promise<number>((res) => requestAnimationFrame(() => res(Math.max((window as unknown as { __first: number }).__first, performance.now())))));
      firstPaints.push(Math.round(t));
      log(`first paint ${Math.round(t)} ms`);
      if (run < RUNS - 1) await p.close();
      else {
        const queries = ['diffusion caching', 'large language models', 'zzqx', 'is:starred graph', 'year:2020..2022 robust', 'site:hf transformer', 'author:kalo'];
        const times: Array<[string, number]> = [];
        for (const q of queries) {
          for (let i = 1; i <= q.length; i++) {
            const text = q.slice(0, i);
            const ms = await p.evaluate(async (t: string) => {
              const input = document.querySelector<HTMLInputElement>('#paperdex-search')!;
              const start = performance.now();
              input.value = t;
              input.dispatchEvent(new Event('input', { bubbles: true }));
              const sel = `.browser[data-results-for="${CSS.escape(t)}"]`;
              while (!document.querySelector(sel)) {
                if (performance.now() - start > 10_000) return -1;
                await new Promise((r) => setTimeout(r, 0));
              }
              await new Promise((r) => requestAnimationFrame(r));
              return performance.now() - start;
            }, text);
            times.push([text, ms]);
            log(`  ${JSON.stringify(text)} ${Math.round(ms)} ms`);
          }
          // Clear between queries.
          await p.evaluate(() => {
            const input = document.querySelector<HTMLInputElement>('#paperdex-search')!;
            input.value = '';
            input.dispatchEvent(new Event('input', { bubbles: true }));
          });
          await p.waitForTimeout(600);
        }
        const sorted = times.map((t) => t[1]).sort((a, b) => a - b);
        const pct = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
        log(`keystrokes: ${times.length}, median ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${pct(1)} ms`);
        for (const [t, ms] of times.filter((x) => x[1] > 40)) log(`  slow: ${JSON.stringify(t)} ${Math.round(ms)} ms`);
        const rowsShown = await p.locator('[data-paperdex-id]').count();
        log(`rows in DOM: ${rowsShown}`);
      }
    }
    log(`first paint with rows (ms from navigation): ${firstPaints.join(', ')}`);
  } finally {
    await h.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
