/**
 * `npm run --silent detect -- --url <page url> <file.html>`: prints the papers found on a saved
 * page as a JSON array (no elements), and nothing else. Exits 2 with one line on bad input.
 */
import { readFileSync } from 'node:fs';
import { JSDOM, VirtualConsole } from 'jsdom';
import { detectPapers, uniquePapers } from '../utils/detect/index';

function fail(msg: string): never {
  process.stderr.write(`detect: ${msg}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let url: string | undefined;
const files: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--url') url = args[++i];
  else if (a.startsWith('--url=')) url = a.slice(6);
  else files.push(a);
}
if (files.length !== 1) fail('usage: detect --url <page url> <file.html>');
const file = files[0]!;
let pageUrl: URL;
try {
  pageUrl = new URL(url ?? 'https://example.invalid/');
} catch {
  fail(`not a URL: ${url}`);
}
let html: string;
try {
  html = readFileSync(file, 'utf8');
} catch (e) {
  fail(`cannot read ${file}: ${(e as Error).message}`);
}
// Scripts never run and nothing is fetched: JSDOM does neither by default.
const dom = new JSDOM(html, { url: pageUrl.href, virtualConsole: new VirtualConsole() });
const { papers } = detectPapers(dom.window.document, pageUrl);
const out = uniquePapers(papers).map(({ element: _element, ...p }) => p);
process.stdout.write(JSON.stringify(out, null, 2) + '\n');
