import { appendFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
const log = (...a: unknown[]) => appendFileSync('/tmp/probe.out', a.join(' ') + '\n');
async function main() {
  const context = await chromium.launchPersistentContext('/tmp/pdx-m-profile', {
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--disable-extensions-except=/tmp/pdx-ext', '--load-extension=/tmp/pdx-ext', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await context.addInitScript('window.__name = (f) => f');
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  const p = await context.newPage();
  await p.goto(`chrome-extension://${id}/options.html`);
  const out = await p.evaluate(async () => {
    const res: string[] = [];
    const db: IDBDatabase = await new Promise((ok) => { const q = indexedDB.open('paperdex'); q.onsuccess = () => ok(q.result); });
    const req = <T,>(r: IDBRequest<T>) => new Promise<T>((ok, no) => { r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error); });
    const time = async (name: string, f: () => Promise<unknown>) => { const t = performance.now(); const v = await f(); res.push(`${name}: ${Math.round(performance.now() - t)} ms ${typeof v === 'number' ? v : Array.isArray(v) ? 'len ' + v.length : ''}`); };
    { const t = performance.now(); let x = 0; for (let i = 0; i < 2e7; i++) x = (x * 31 + i) | 0; res.push(`cpu loop 2e7: ${Math.round(performance.now() - t)} ms (${x & 1})`); }
    const st = () => db.transaction('papers').objectStore('papers');
    await time('count', () => req(st().count()));
    await time('count again', () => req(st().count()));
    await time('lastSeen getAll? (cursor 101)', () => new Promise((ok) => { const rows: unknown[] = []; const c = st().index('lastSeen').openCursor(null, 'prev'); c.onsuccess = () => { const cur = c.result; if (!cur || rows.length >= 101) return ok(rows); rows.push(cur.value); cur.continue(); }; }));
    await time('sources nextunique', () => new Promise((ok) => { const keys: unknown[] = []; const c = st().index('sources').openKeyCursor(null, 'nextunique'); c.onsuccess = () => { const cur = c.result; if (!cur) return ok(keys); keys.push(cur.key); cur.continue(); }; }));
    for (const w of ['d', 'di', 'dif', 'diffusion', 'ka', 'kalo', 'zz']) await time(`words count ${w}`, () => req(st().index('words').count(IDBKeyRange.bound(w, w + '\uffff'))));
    for (const w of ['d', 'di', 'diffusion', 'kalo']) await time(`words getAllKeys ${w}`, () => req(st().index('words').getAllKeys(IDBKeyRange.bound(w, w + '\uffff'))));
    await time('starred count', () => req(st().index('starred').count(IDBKeyRange.only(1))));
    await time('getAll 1000', () => req(st().getAll(null, 1000)));
    await time('cursor 3000 rows lastSeen', () => new Promise((ok) => { let n = 0; const c = st().index('lastSeen').openCursor(null, 'prev'); c.onsuccess = () => { const cur = c.result; if (!cur || n >= 3000) return ok(n); n++; cur.continue(); }; }));
    return res;
  });
  log(out.join('\n'));
  await context.close();
}
main().catch((e) => { log(String(e)); process.exit(1); });
