/**
 * The detector: the full adapter registry, marks and recording. The manifest loads it directly only
 * on the big paper sites (utils/detect/direct-sites.ts); elsewhere the background injects it into
 * a page when the every-page gate (entrypoints/gate.ts) finds that the page could hold papers, so
 * ordinary pages never load this code.
 */
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { PageController, readScreen } from '../utils/content/controller';
import { DETECTOR_FLAG } from '../utils/detect/direct-sites';
import { observeChanges } from '../utils/content/observe';
import { call, protocolTransport } from '../utils/content/transport';
import { ext as browser } from '../utils/ext';
import { EVENT_KEY, type PaperdexEvent } from '../utils/settings';
import { loadSettings, watchSettings } from '../utils/settings-store';

// `main` returns at once: scripting.executeScript waits for a returned promise, and the background's
// `activate` must not stay open for the whole scan (a worker stopped meanwhile would make the gate
// ask again, and a second detector would count the page load twice).
export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[DETECTOR_FLAG] = true;
  void run().catch(warn);
});

async function run(): Promise<void> {
  // A second injection (or one after an extension update) stops the older instance.
  const ctx = new ContentScriptContext('paperdex-detector');
  void call('warm', {}).catch(() => {});
  const loading = loadSettings();
  // The rows on screen are read while the settings load (tens of milliseconds): reading them
  // changes nothing on the page, and whether to mark them is decided once the settings are here.
  const screen = readScreen(document, new URL(location.href));
  const settings = await loading;
  const controller = new PageController({
    doc: document,
    url: () => new URL(location.href),
    transport: protocolTransport,
    settings,
    incognito: browser.extension.inIncognitoContext,
    onError: warn,
    screen,
  });
  // Watch before the first scan settles: it waits for the record, and rows a site appends meanwhile
  // ("show more") would otherwise go unseen. Scans queue, so none is lost or doubled.
  const first = controller.scan();
  const stop = observeChanges(
    document.body ?? document.documentElement,
    () => void controller.scan(),
  );
  ctx.onInvalidated(stop);
  ctx.addEventListener(window, 'wxt:locationchange', () => void controller.navigated());
  ctx.onInvalidated(watchSettings((s) => void controller.applySettings(s)));
  const onEvent = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const ev = changes[EVENT_KEY]?.newValue as PaperdexEvent | undefined;
    if (area !== 'local' || !ev || typeof ev.id !== 'string') return;
    if (ev.type === 'star') controller.applyStar(ev.id, ev.starred === true);
  };
  browser.storage.onChanged.addListener(onEvent);
  ctx.onInvalidated(() => browser.storage.onChanged.removeListener(onEvent));
  await first;
}

function warn(e: unknown): void {
  console.warn('[paperdex]', e instanceof Error ? e.message : e);
}
