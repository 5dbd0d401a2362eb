/**
 * The extension API for code that runs in pages (the every-page gate and the injected detector):
 * the browser's own `browser` (Firefox) or `chrome` (Chrome MV3, promise-based), without
 * webextension-polyfill, which is about 10 KB. The background, which answers messages by returning
 * promises, keeps the polyfill through `wxt/browser`.
 *
 * Resolved on first use, not at import: the first touch of `chrome` in a content script builds its
 * API bindings, about a millisecond that a page without papers never needs to pay. wxt.config.ts
 * points `wxt/browser` here for page scripts, so WXT's own content-script code is lazy too.
 */
import type { Browser } from '@wxt-dev/browser';

type Api = typeof Browser;

let api: Api | undefined;

function resolve(): Api {
  if (!api) {
    const g = globalThis as unknown as { browser?: Api; chrome?: Api };
    api = g.browser?.runtime?.id ? g.browser : g.chrome;
    if (!api) throw new Error('No extension API here.');
  }
  return api;
}

export const ext: Api = new Proxy({} as Api, {
  get: (_target, key) => Reflect.get(resolve(), key) as unknown,
});

/** The name WXT's own modules import. */
export { ext as browser };
