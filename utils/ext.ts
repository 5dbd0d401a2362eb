/**
 * The extension API for code that runs in content scripts: the browser's own `browser` (Firefox)
 * or `chrome` (Chrome MV3, promise-based), without webextension-polyfill. The content script runs
 * on every page and has a 30 KB budget; the polyfill alone is about 10 KB. The background, which
 * answers messages by returning promises, keeps the polyfill through `wxt/browser`.
 */
export { browser as ext } from '@wxt-dev/browser';
