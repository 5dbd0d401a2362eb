/** Renders public/icon/*.png from one SVG with Chromium (run by hand when the logo changes). */
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128">
  <rect x="4" y="4" width="120" height="120" rx="26" fill="#3b3fb6"/>
  <path d="M34 22h44l20 20v64H34z" fill="#fff"/>
  <path d="M78 22v20h20" fill="#c9cbf2"/>
  <path d="M44 58h40M44 72h40M44 86h26" stroke="#3b3fb6" stroke-width="7" stroke-linecap="round"/>
  <circle cx="92" cy="96" r="20" fill="#f5b400" stroke="#3b3fb6" stroke-width="5"/>
  <path d="M83 96l6 6 12-13" fill="none" stroke="#3b3fb6" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage();
writeFileSync('public/icon/icon.svg', svg);
for (const size of [16, 32, 48, 128]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}</style><img src="data:image/svg+xml,${encodeURIComponent(svg)}" width="${size}" height="${size}">`,
  );
  await page.screenshot({ path: `public/icon/${size}.png`, omitBackground: true });
}
await browser.close();
