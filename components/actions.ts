/**
 * Everything a page does besides reading: writes go to the background through the typed protocol
 * (only the background writes IndexedDB), tabs open through the tabs API, copies go to the
 * clipboard. Each returns an error message for the status line, or null.
 */
import { browser } from 'wxt/browser';
import { sendMessage } from '../utils/protocol';
import { httpUrl } from './format';

export async function setStar(id: string, starred: boolean): Promise<string | null> {
  const r = await sendMessage('setStar', { id, starred });
  return r.ok ? null : r.message || r.error;
}

export async function setTags(id: string, tags: string[]): Promise<string | null> {
  const r = await sendMessage('setTags', { id, tags });
  return r.ok ? null : r.message || r.error;
}

export async function deletePaper(id: string): Promise<string | null> {
  const r = await sendMessage('deletePaper', { id });
  return r.ok ? null : r.message || r.error;
}

/** Opens an http(s) URL in a new tab; anything else is refused (page data never runs script). */
export async function openUrl(url: string | undefined, active = true): Promise<string | null> {
  const safe = httpUrl(url);
  if (!safe) return 'This paper has no web address.';
  try {
    await browser.tabs.create({ url: safe, active });
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export async function openLibrary(): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL('/library.html') });
}

/** The active tab's URL: readable in the popup thanks to `activeTab` (granted by opening it). */
export async function activeTabUrl(): Promise<string | undefined> {
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return httpUrl(tab?.url);
  } catch {
    return undefined;
  }
}

export async function copyText(text: string): Promise<string | null> {
  try {
    await navigator.clipboard.writeText(text);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : 'The clipboard is not available.';
  }
}

/** At most this many ids travel in the options page's URL ("export these"). */
export const EXPORT_IDS_MAX = 500;

/** The options page's export, scoped to these papers (the current filter's rows). */
export function exportUrl(base: string, ids: readonly string[]): string {
  const list = ids.slice(0, EXPORT_IDS_MAX).join(',');
  return `${base}?ids=${encodeURIComponent(list)}`;
}

export async function openExport(ids: readonly string[]): Promise<void> {
  await browser.tabs.create({ url: exportUrl(browser.runtime.getURL('/options.html'), ids) });
}
