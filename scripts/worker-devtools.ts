/**
 * DevTools on an extension's service worker, for the e2e harness and the bench. Playwright gives a
 * persistent context no browser session and workers no CDP session, so a blank page's session
 * lists targets, stops workers, and attaches to the worker target (non-flattened) to relay
 * commands and collect its events.
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

/** A CDP target as Target.getTargets lists it. */
export interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/** One DevTools protocol message relayed from a worker: an answer or an event. */
interface RelayedMessage {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: unknown;
  error?: unknown;
}

/**
 * DevTools on the extension's service worker. Playwright gives a persistent context no browser
 * session and workers no CDP session, so a blank page's session lists targets, stops workers, and
 * attaches to the worker target (non-flattened) to relay commands and collect its events.
 */
export class WorkerDevtools {
  private next = 1;
  private pending = new Map<number, (msg: RelayedMessage) => void>();
  private sessionId: string | undefined;
  /** Events from the worker attached last, in order (console and script-parsed noise included). */
  readonly events: RelayedMessage[] = [];
  /** Running states the browser reported for the extension's worker, once `watchVersions` ran. */
  readonly runningStates: string[] = [];

  private constructor(
    readonly cdp: CDPSession,
    private readonly page: Page,
  ) {
    cdp.on('Target.receivedMessageFromTarget', (ev) => {
      if (ev.sessionId !== this.sessionId) return;
      const msg = JSON.parse(ev.message) as RelayedMessage;
      if (msg.id === undefined) {
        this.events.push(msg);
        return;
      }
      const done = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      done?.(msg);
    });
  }

  /** Starts recording the worker's running states (starting, running, stopping, stopped). */
  async watchVersions(): Promise<void> {
    this.cdp.on('ServiceWorker.workerVersionUpdated', (ev) => {
      for (const v of ev.versions)
        if (v.scriptURL.startsWith('chrome-extension://')) this.runningStates.push(v.runningStatus);
    });
    await this.cdp.send('ServiceWorker.enable');
  }

  /** Stops every service worker (the extension's is the only one) the way DevTools does. */
  async stopWorkers(): Promise<void> {
    await this.cdp.send('ServiceWorker.enable');
    await this.cdp.send('ServiceWorker.stopAllWorkers');
  }

  /** JS heap of the running worker after a full GC, in bytes. */
  async heapUsed(): Promise<number> {
    await this.attach();
    try {
      await this.send('HeapProfiler.collectGarbage');
      return (await this.send<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize;
    } finally {
      await this.detach();
    }
  }

  static async open(context: BrowserContext): Promise<WorkerDevtools> {
    const page = await context.newPage();
    return new WorkerDevtools(await context.newCDPSession(page), page);
  }

  /** The extension's service-worker targets (none while it is stopped). */
  async workerTargets(): Promise<TargetInfo[]> {
    const { targetInfos } = await this.cdp.send('Target.getTargets');
    return targetInfos.filter(
      (t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'),
    );
  }

  /** Attaches to the running worker; later `send` calls go to it. */
  async attach(): Promise<TargetInfo> {
    const [target] = await this.workerTargets();
    if (!target) throw new Error('the service worker is not running');
    const { sessionId } = await this.cdp.send('Target.attachToTarget', {
      targetId: target.targetId,
      flatten: false,
    });
    this.sessionId = sessionId;
    this.events.length = 0;
    return target;
  }

  /** One CDP command in the attached worker. */
  async send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const sessionId = this.sessionId;
    if (!sessionId) throw new Error('not attached to the worker');
    const id = this.next++;
    const answer = new Promise<RelayedMessage>((res) => this.pending.set(id, res));
    await this.cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method, params }),
    });
    const msg = await answer;
    if (msg.error) throw new Error(`${method}: ${JSON.stringify(msg.error)}`);
    return msg.result as T;
  }

  /** Waits for an event of the attached worker (one already received counts). */
  async waitForEvent(method: string, timeout: number): Promise<RelayedMessage> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const ev = this.events.find((e) => e.method === method);
      if (ev) return ev;
      if (Date.now() > deadline) throw new Error(`no ${method} from the worker in ${timeout} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async detach(): Promise<void> {
    const sessionId = this.sessionId;
    this.sessionId = undefined;
    if (sessionId) await this.cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
  }

  async close(): Promise<void> {
    await this.detach();
    await this.cdp.detach().catch(() => {});
    await this.page.close().catch(() => {});
  }
}
