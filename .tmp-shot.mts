import { chromium } from 'playwright-core';
const context = await chromium.launchPersistentContext('/tmp/pdx-m-profile', {
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--disable-extensions-except=/tmp/pdx-ext', '--load-extension=/tmp/pdx-ext', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const id = new URL(worker.url()).host;
for (const scheme of ['light', 'dark'] as const) {
  const p = await context.newPage();
  await p.emulateMedia({ colorScheme: scheme });
  await p.setViewportSize({ width: 460, height: 600 });
  await p.goto(`chrome-extension://${id}/popup.html`);
  await p.waitForSelector('[data-paperdex-id]', { timeout: 60000 });
  if (scheme === 'dark') { await p.keyboard.type('graph neu'); await p.waitForSelector('.browser[data-results-for="graph neu"]', { timeout: 60000 }); await p.keyboard.press('ArrowDown'); }
  await p.waitForTimeout(1500);
  await p.screenshot({ path: `/tmp/popup-${scheme}.png` });
}
const lib = await context.newPage();
await lib.setViewportSize({ width: 1100, height: 700 });
await lib.goto(`chrome-extension://${id}/library.html`);
await lib.waitForSelector('[data-paperdex-id]', { timeout: 60000 });
await lib.locator('.row-check').nth(1).check();
await lib.waitForTimeout(1000);
await lib.screenshot({ path: '/tmp/library.png' });
await context.close();
