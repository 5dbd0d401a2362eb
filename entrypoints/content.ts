/**
 * The every-page content script: a gate, kept small because the browser loads it into every page.
 * It asks the background to inject the detector (entrypoints/detector.ts) only once the page could
 * hold papers: a site adapter claims its URL, or a generic adapter's cheap check finds metadata,
 * COinS or links carrying ids. Until then it watches DOM changes, which also follow client-side
 * navigation. On a page without papers it touches no extension API at all: no settings read, no
 * message, no timer.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { observeChanges } from '../utils/content/observe';
import { call } from '../utils/content/transport';
import { gate } from '../utils/detect/gate';
import { ext as browser } from '../utils/ext';
import { pageWanted } from '../utils/settings';
import { loadSettings, watchSettings } from '../utils/settings-store';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    /** Set once the page passed the gate: from then on only settings decide. */
    let passed = false;
    let asked = false;
    let stopObserving = () => {};
    const ask = async () => {
      const settings = await loadSettings();
      if (asked || ctx.isInvalid) return;
      if (!pageWanted(settings, location.hostname, browser.extension.inIncognitoContext)) return;
      asked = true;
      stopObserving();
      await call('activate', {});
    };
    const check = () => {
      if (passed || !gate(document, new URL(location.href))) return;
      passed = true;
      stopObserving();
      // Turned off here (site disabled, private window): ask again if the settings change.
      ctx.onInvalidated(watchSettings(() => void ask().catch(warn)));
      void ask().catch(warn);
    };
    check();
    if (passed) return;
    stopObserving = observeChanges(document.body ?? document.documentElement, check, 500);
    ctx.onInvalidated(() => stopObserving());
  },
});

function warn(e: unknown): void {
  console.warn('[paperdex]', e instanceof Error ? e.message : e);
}
