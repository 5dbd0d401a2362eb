/**
 * The every-page content script: a gate, kept small because the browser loads it into every page.
 * It asks the background to inject the detector (entrypoints/detector.ts) only once the page could
 * hold papers: a site adapter claims its URL, or a generic adapter's cheap check finds metadata,
 * COinS or links carrying ids. Until then it watches DOM changes, which also follow client-side
 * navigation. On a page without papers it touches no extension API at all: no settings read, no
 * message, no timer.
 *
 * It is a WXT unlisted script that wxt.config.ts lists as the manifest's content script, not a WXT
 * content script: WXT wraps those in a ContentScriptContext, whose start-up (an event and a
 * window.postMessage to stop older copies, a look at the extension API) cost more main-thread time
 * than the gate itself on every page. Nothing here needs it: an extension update leaves this copy
 * orphaned, and it stops at its next extension call, finding the API gone.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { call } from '../utils/content/transport';
import { DETECTOR_FLAG } from '../utils/detect/direct-sites';
import { gate } from '../utils/detect/gate';
import { ext as browser } from '../utils/ext';
import { pageWanted } from '../utils/settings';
import { loadSettings, watchSettings } from '../utils/settings-store';

/** Quiet time after the last added element before the page is looked at again. */
const SETTLE_MS = 500;

export default defineUnlistedScript(() => {
  // Where the manifest loaded the detector (the sites in direct-sites.ts), it ran first: step aside
  // before reading anything.
  if (detectorHere()) return;
  /** Set once the page passed the gate: from then on only settings decide. */
  let passed = false;
  let asked = false;
  let stopWatching = () => {};
  const orphaned = () => {
    try {
      return !browser.runtime?.id;
    } catch {
      return true;
    }
  };
  const ask = async () => {
    if (asked || orphaned() || detectorHere()) {
      stopWatching();
      return;
    }
    const settings = await loadSettings();
    if (
      asked ||
      detectorHere() ||
      !pageWanted(settings, location.hostname, browser.extension.inIncognitoContext)
    )
      return;
    asked = true;
    stopWatching();
    await call('activate', {});
  };
  const check = () => {
    timer = undefined;
    if (passed || !gate(document, location)) return;
    passed = true;
    observer.disconnect();
    // Turned off here (site disabled, private window): ask again if the settings change.
    stopWatching = watchSettings(() => void ask().catch(warn));
    void ask().catch(warn);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Only additions of elements matter (text updates, removals and attribute changes bring no
  // papers); the records are read only that far. Not the detector's observeChanges: that one also
  // wakes on text replaced in place (a row filled in after it was found), which on a page with a
  // ticking clock would run the gate every second.
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      const added = r.addedNodes;
      for (let i = 0; i < added.length; i++) {
        if (added[i]!.nodeType === 1) {
          clearTimeout(timer);
          timer = setTimeout(check, SETTLE_MS);
          return;
        }
      }
    }
  });
  check();
  // The whole document, head included: client-side rendering may add JSON-LD or meta tags there.
  if (!passed) observer.observe(document, { childList: true, subtree: true });
});

/** The manifest loaded the detector here already (utils/detect/direct-sites.ts). */
function detectorHere(): boolean {
  return (globalThis as Record<string, unknown>)[DETECTOR_FLAG] === true;
}

function warn(e: unknown): void {
  console.warn('[paperdex]', e instanceof Error ? e.message : e);
}
