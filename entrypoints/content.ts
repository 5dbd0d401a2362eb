import { ext as browser } from '../utils/ext';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { PageController } from '../utils/content/controller';
import { observeChanges } from '../utils/content/observe';
import { protocolTransport } from '../utils/content/transport';
import { EVENT_KEY, type PaperdexEvent } from '../utils/settings';
import { loadSettings, watchSettings } from '../utils/settings-store';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  async main(ctx) {
    const settings = await loadSettings();
    const controller = new PageController({
      doc: document,
      url: () => new URL(location.href),
      transport: protocolTransport,
      settings,
      incognito: browser.extension.inIncognitoContext,
      onError: (e) => console.warn('[paperdex]', e instanceof Error ? e.message : e),
    });
    await controller.scan();

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
  },
});
