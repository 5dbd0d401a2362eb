import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';

export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

/** Parses a saved page the way a browser would (no scripts run), at its real URL. */
export function loadPage(file: string, url: string): { doc: Document; url: URL } {
  const html = readFileSync(join(FIXTURES, file), 'utf8');
  return fromHtml(html, url);
}

export function fromHtml(html: string, url: string): { doc: Document; url: URL } {
  const dom = new JSDOM(html, { url, virtualConsole: new VirtualConsole() });
  return { doc: dom.window.document, url: new URL(url) };
}

export interface ExpectedPage {
  file: string;
  url: string;
  count: number;
  papers: Array<{ ids: string[]; title: string }>;
}

export function expectedPages(): ExpectedPage[] {
  return JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as ExpectedPage[];
}
