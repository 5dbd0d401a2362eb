import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createHandlers } from '../utils/background/handlers';
import { openDb } from '../utils/library/db';
import type { MessageType, Response } from '../utils/protocol';
import { EVENT_KEY, type PaperdexEvent } from '../utils/settings';

const MENU_ID = 'paperdex-save';
/** entrypoints/detector.ts, built as an unlisted script. */
const DETECTOR = '/detector.js';

export default defineBackground(() => {
  const db = openDb();
  const handle = createHandlers(db, {
    extensionId: browser.runtime.id,
    onBadge: (tabId, b) => {
      // The Firefox build is MV2, where the toolbar button is browserAction and `action` is undefined.
      const action = browser.action ?? browser.browserAction;
      void action.setBadgeText({ tabId, text: b.text }).catch(() => {});
      void action.setBadgeBackgroundColor({ tabId, color: b.color }).catch(() => {});
      void action.setTitle({ tabId, title: b.title }).catch(() => {});
    },
    inject: async (tabId, frameId) => {
      try {
        // Chrome MV3 has `scripting`; the Firefox build is MV2, where tabs.executeScript does it.
        if (browser.scripting) {
          await browser.scripting.executeScript({
            target: { tabId, frameIds: [frameId] },
            files: [DETECTOR],
          });
        } else {
          await browser.tabs.executeScript(tabId, { file: DETECTOR, frameId });
        }
        return true;
      } catch (e) {
        // The tab closed between the gate's question and the answer: nothing to do, no error.
        if (!(await browser.tabs.get(tabId).then(Boolean, () => false))) return false;
        throw e;
      }
    },
  });

  // Open tabs update their badges from this notice, so no tab list or tabs permission is needed.
  const announce = (event: PaperdexEvent) =>
    browser.storage.local.set({ [EVENT_KEY]: event }).catch(() => {});

  const answer = async (
    message: unknown,
    sender?: { id?: string; tab?: { id?: number }; frameId?: number },
  ) => {
    const res: Response<MessageType> = await handle(message, sender);
    const type = (message as { type?: unknown } | null)?.type;
    if (res.ok && 'state' in res && (type === 'setStar' || type === 'starPage')) {
      void announce({
        type: 'star',
        id: res.state.id,
        starred: res.state.state === 'starred',
        t: Date.now(),
      });
    }
    if (res.ok && type === 'deletePaper' && 'deleted' in res && res.deleted) {
      void announce({ type: 'delete', id: String((message as { id: unknown }).id), t: Date.now() });
    }
    return res;
  };

  // Answer through sendResponse: not every Chrome accepts a promise returned by the listener.
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    void answer(message, sender).then(sendResponse);
    return true;
  });

  browser.tabs.onRemoved.addListener((tabId) => handle.forgetTab(tabId));
  browser.tabs.onUpdated.addListener((tabId, info) => {
    if (info.status === 'loading' && info.url) handle.forgetTab(tabId);
  });

  browser.runtime.onInstalled.addListener(() => {
    // After an install or an update, open the database here, so that a schema upgrade runs in the
    // one writer and not in the first popup opened (its open would wait behind this one).
    void db.open().catch(() => {});
    browser.contextMenus.create({
      id: MENU_ID,
      title: 'Save to Paperdex',
      contexts: ['page', 'link'],
    });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== MENU_ID) return;
    const url = info.linkUrl ?? info.pageUrl ?? tab?.url;
    if (!url) return;
    const title = info.linkUrl ? (info.selectionText ?? '') : (tab?.title ?? '');
    void answer({ type: 'savePage', page: { url, title } }, { id: browser.runtime.id });
  });

  browser.commands.onCommand.addListener(async (command, tab) => {
    if (command !== 'star-page') return;
    const active = tab ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0];
    if (!active?.url) return;
    await answer(
      { type: 'starPage', page: { url: active.url, title: active.title ?? '' } },
      { id: browser.runtime.id },
    );
  });
});
