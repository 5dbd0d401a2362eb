import preact from '@preact/preset-vite';
import { transform } from 'esbuild';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin, PluginOption } from 'vite';
import { defineConfig } from 'wxt';
import { DIRECT_MATCHES } from './utils/detect/direct-sites';

/** Drops WXT's plugin-loader module from popup.html (see the build hook below). */
const popupWithoutPageModule: Plugin = {
  name: 'paperdex:popup-without-page-module',
  transformIndexHtml: {
    order: 'pre',
    handler(html, ctx) {
      if (!/[\\/]popup[\\/]index\.html$/.test(ctx.filename)) return;
      // In a build the tag names the virtual module; under `wxt` (dev) the dev server's URL for it.
      const out = html.replace(
        /<script\b[^>]*\bsrc="(?:[^"]*\/@id\/)?virtual:wxt-html-plugins"[^>]*><\/script>/,
        '',
      );
      if (out === html)
        throw new Error('popup.html: WXT no longer adds its plugin module as expected');
      return out;
    },
  },
};

/**
 * Writes the popup's styles into popup.html as one <style>: the browser parses them with the page,
 * while it waits for the popup's first script, instead of inside that script (see
 * components/first-view.ts). After Vite's own pass ('post'), which would move an inline style
 * into a stylesheet file of its own, one more fetch before the first paint.
 */
const popupInlineStyles: Plugin = {
  name: 'paperdex:popup-inline-styles',
  transformIndexHtml: {
    order: 'post',
    async handler(html, ctx) {
      if (!/[\\/]popup[\\/]index\.html$/.test(ctx.filename)) return;
      const css = ['components/paperdex.css', 'entrypoints/popup/style.css']
        .map((f) => readFileSync(resolve(import.meta.dirname, f), 'utf8'))
        .join('\n');
      const { code } = await transform(css, { loader: 'css', minify: true });
      if (!html.includes('</head>')) throw new Error('popup.html: no </head> for its styles');
      return html.replace('</head>', `<style>${code.trim()}</style></head>`);
    },
  },
};

// See https://wxt.dev/api/config.html
export default defineConfig({
  srcDir: '.',
  // Explicit imports everywhere: no auto-imported globals.
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
    // PAPERDEX_NO_MINIFY=1 keeps function names readable in CPU profiles (the bench's and yours).
    ...(process.env.PAPERDEX_NO_MINIFY ? { build: { minify: false } } : {}),
  }),
  manifest: ({ browser }) => ({
    name: 'Paperdex',
    description:
      'Remembers every research paper you meet and marks, on any page, the ones you have already seen.',
    // storage: settings and change notices; unlimitedStorage: a large library must not hit the
    // default quota; contextMenus: "Save to Paperdex"; activeTab: the popup's "on this tab" and the
    // star command read the current tab's URL only when the user invokes them.
    //
    // Host access and scripting: the content script on every page is only a small gate; when a page
    // could hold papers the background injects the detector into it. Content scripts that match
    // every page already carry the same "read and change your data on all websites" warning, so
    // this asks the user for nothing more. Firefox (MV2) injects through tabs.executeScript.
    permissions: [
      'storage',
      'unlimitedStorage',
      'contextMenus',
      'activeTab',
      ...(browser === 'firefox' ? [] : ['scripting']),
    ],
    host_permissions: ['http://*/*', 'https://*/*'],
    // The detector straight away on the big paper sites (utils/detect/direct-sites.ts), listed
    // first so it marks its world before the gate looks; the gate everywhere (entrypoints/gate.ts,
    // an unlisted script: see there why not a WXT content script).
    content_scripts: [
      { matches: [...DIRECT_MATCHES], js: ['detector.js'], run_at: 'document_idle' },
      { matches: ['http://*/*', 'https://*/*'], js: ['gate.js'], run_at: 'document_idle' },
    ],
    action: { default_title: 'Paperdex' },
    commands: {
      'star-page': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: "Star the current page's paper",
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'paperdex@paperdex.invalid',
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  webExt: { disabled: true },
  hooks: {
    // The content script (every page, 30 KB budget) and the detector the background injects use the
    // browser's own promise-based API, resolved lazily (utils/ext.ts), instead of
    // webextension-polyfill, which the background and the library and options pages keep (the popup
    // is an unlisted script too: entrypoints/popup-app.ts).
    'vite:build:extendConfig': (entrypoints, config) => {
      // `imports: false` turns off WXT's auto-import types but not its unimport transform, which
      // still guesses imports from free-looking names: a parameter called `storage` in
      // entrypoints/popup/snapshot.ts pulled wxt/utils/storage (5 KB, evaluated at load) into the
      // popup's first-paint script. Every import here is written out, so the transform goes.
      const plugins: unknown[] = (config.plugins ?? []) as unknown[];
      config.plugins = plugins
        .flat(Infinity)
        .filter(
          (p) => !(p && typeof p === 'object' && 'name' in p && p.name === 'unimport'),
        ) as PluginOption[];
      // The popup page's script is entrypoints/popup-app.ts, which initializes WXT's runtime plugins
      // itself; the module WXT adds to every page for that would be one more file to fetch on the
      // way to the popup's first paint. Pushed last so that it runs after WXT has added it.
      if (entrypoints.some((e) => e.type === 'popup'))
        config.plugins.push(popupWithoutPageModule, popupInlineStyles);
      if (!entrypoints.every((e) => e.type === 'content-script' || e.type === 'unlisted-script'))
        return;
      const alias = {
        find: /^wxt\/browser$/,
        replacement: resolve(import.meta.dirname, 'utils/ext.ts'),
      };
      const current = config.resolve?.alias;
      const list = Array.isArray(current)
        ? current
        : Object.entries(current ?? {}).map(([find, replacement]) => ({ find, replacement }));
      config.resolve = { ...config.resolve, alias: [alias, ...list] };
    },
  },
});
