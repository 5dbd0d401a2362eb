/**
 * A small client for Firefox's remote debugging protocol (the one about:debugging speaks), for what
 * WebDriver BiDi cannot do in Firefox: run code in the extension's background page and its own
 * moz-extension:// pages, and watch the network requests the extension itself makes.
 *
 * Wire format: each packet is `<byte length>:<JSON>`. A packet with a `type` is an event; one
 * without is the reply to the oldest request still waiting on that actor (actors answer in order).
 */
import { connect, type Socket } from 'node:net';

export interface Packet {
  from: string;
  type?: string;
  error?: string;
  message?: string;
  [key: string]: unknown;
}

/** A target's form, as `target-available-form` announces it. */
export interface TargetForm {
  actor: string;
  consoleActor: string;
  url: string;
  title?: string;
  [key: string]: unknown;
}

/** What a network-event resource carries that the tests look at. */
export interface NetworkEvent {
  url: string;
  method?: string;
  [key: string]: unknown;
}

interface ConsoleMessage {
  level: string;
  arguments: unknown[];
  filename: string;
  lineNumber: number;
}

interface PageError {
  errorMessage: string;
  sourceName: string;
  lineNumber: number;
  warning?: boolean;
}

interface Pending {
  resolve: (p: Packet) => void;
  reject: (e: Error) => void;
  what: string;
}

export class RdpClient {
  private buffer = Buffer.alloc(0);
  private readonly pending = new Map<string, Pending[]>();
  private readonly listeners = new Set<(p: Packet) => void>();
  /**
   * evaluationResult events, kept by resultID: the event can arrive in the same chunk as the reply
   * that announces its id, before anyone could start waiting for it.
   */
  private readonly results = new Map<string, Packet>();
  private readonly resultWaiters = new Map<string, (p: Packet) => void>();
  private closed: Error | null = null;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('close', () => this.fail(new Error('debugger connection closed')));
    socket.on('error', (e) => this.fail(e));
  }

  /** Connects once the server listens: Firefox opens the port some time after it starts. */
  static async connect(port: number, timeoutMs = 60_000): Promise<RdpClient> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    while (Date.now() < deadline) {
      try {
        return await RdpClient.tryConnect(port);
      } catch (e) {
        last = e;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    throw new Error(`no debugger server on port ${port}: ${String(last)}`);
  }

  private static tryConnect(port: number): Promise<RdpClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      const client = new RdpClient(socket);
      socket.once('error', reject);
      // The server speaks first: a greeting from the root actor.
      client.pending.set('root', [
        {
          what: 'greeting',
          resolve: () => {
            socket.off('error', reject);
            resolve(client);
          },
          reject,
        },
      ]);
    });
  }

  request(to: string, type: string, params: Record<string, unknown> = {}): Promise<Packet> {
    if (this.closed) return Promise.reject(this.closed);
    return new Promise((resolve, reject) => {
      const queue = this.pending.get(to) ?? [];
      queue.push({
        what: `${to} ${type}`,
        resolve: (p) =>
          p.error ? reject(new Error(`${to} ${type}: ${p.error} ${p.message ?? ''}`)) : resolve(p),
        reject,
      });
      this.pending.set(to, queue);
      const body = Buffer.from(JSON.stringify({ to, type, ...params }), 'utf8');
      this.socket.write(`${body.length}:`);
      this.socket.write(body);
    });
  }

  /** Every event packet, as it arrives. Returns the unsubscribe. */
  onEvent(listener: (p: Packet) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  waitForResult(resultID: string, timeoutMs: number): Promise<Packet> {
    const ready = this.results.get(resultID);
    if (ready) {
      this.results.delete(resultID);
      return Promise.resolve(ready);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.resultWaiters.delete(resultID);
        reject(new Error(`no evaluation result ${resultID} in ${timeoutMs} ms`));
      }, timeoutMs);
      this.resultWaiters.set(resultID, (p) => {
        clearTimeout(timer);
        resolve(p);
      });
    });
  }

  close(): void {
    this.closed ??= new Error('debugger connection closed');
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const colon = this.buffer.indexOf(0x3a);
      if (colon < 0) return;
      const length = Number(this.buffer.subarray(0, colon).toString('ascii'));
      if (!Number.isInteger(length))
        return this.fail(new Error('debugger protocol: bad packet header'));
      const end = colon + 1 + length;
      if (this.buffer.length < end) return;
      const packet = JSON.parse(this.buffer.subarray(colon + 1, end).toString('utf8')) as Packet;
      this.buffer = this.buffer.subarray(end);
      this.dispatch(packet);
    }
  }

  private dispatch(packet: Packet): void {
    // The greeting has no type in some versions and `applicationType` in all: treat it as a reply.
    if (packet.type === undefined || (packet.from === 'root' && 'applicationType' in packet)) {
      const queue = this.pending.get(packet.from);
      const next = queue?.shift();
      if (next) next.resolve(packet);
      return;
    }
    if (packet.type === 'evaluationResult' && typeof packet.resultID === 'string') {
      const waiter = this.resultWaiters.get(packet.resultID);
      if (waiter) {
        this.resultWaiters.delete(packet.resultID);
        waiter(packet);
      } else {
        this.results.set(packet.resultID, packet);
      }
      return;
    }
    for (const listener of this.listeners) listener(packet);
  }

  private fail(error: Error): void {
    if (this.closed) return;
    this.closed = error;
    for (const queue of this.pending.values()) for (const p of queue.splice(0)) p.reject(error);
  }
}

/**
 * One add-on seen through its watcher: its documents (background page, extension tabs) as targets,
 * code run in any of them, and the network requests they make.
 */
export class AddonDebugger {
  readonly targets = new Map<string, TargetForm>();
  readonly networkEvents: NetworkEvent[] = [];
  /** Uncaught errors and console.error/warn output of the add-on's documents. */
  readonly problems: string[] = [];
  /** Every target ever announced: a closed tab's last resources may arrive after it is gone. */
  private readonly known = new Set<string>();

  private constructor(
    private readonly rdp: RdpClient,
    private readonly watcher: string,
  ) {}

  static async attach(rdp: RdpClient, addonId: string): Promise<AddonDebugger> {
    const { addons } = (await rdp.request('root', 'listAddons')) as unknown as {
      addons: Array<{ id: string; actor: string }>;
    };
    const descriptor = addons.find((a) => a.id === addonId);
    if (!descriptor) throw new Error(`add-on ${addonId} is not installed`);
    const watcherForm = await rdp.request(descriptor.actor, 'getWatcher', {
      isServerTargetSwitchingEnabled: true,
    });
    const dbg = new AddonDebugger(rdp, String(watcherForm.actor));
    rdp.onEvent((p) => dbg.onEvent(p));
    await rdp.request(dbg.watcher, 'watchTargets', { targetType: 'frame' });
    await rdp.request(dbg.watcher, 'watchResources', {
      resourceTypes: ['network-event', 'error-message', 'console-message'],
    });
    return dbg;
  }

  /** Waits for a document of the add-on whose URL passes the test, e.g. its background page. */
  async target(
    match: (url: URL) => boolean,
    timeoutMs = 30_000,
    /** Targets to pass over, e.g. those open before a new tab was asked for. */
    except: ReadonlySet<string> = new Set(),
  ): Promise<TargetForm> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = [...this.targets.values()].find(
        (t) => !except.has(t.actor) && URL.canParse(t.url) && match(new URL(t.url)),
      );
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(
          `no such extension document; have: ${[...this.targets.values()].map((t) => t.url).join(', ')}`,
        );
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /**
   * Runs `fn(arg)` in a target's global and returns its JSON-able result. fn travels as source, so
   * it must not close over anything.
   */
  async evaluate<A, R>(
    target: TargetForm,
    fn: (arg: A) => R | Promise<R>,
    arg: A,
    timeoutMs = 60_000,
  ): Promise<R> {
    // __name: transpilers that keep function names wrap inner functions in it; give it a meaning here.
    const text = `(async () => { const __name = (f) => f; return JSON.stringify((await (${fn.toString()})(${JSON.stringify(arg)})) ?? null); })()`;
    const { resultID } = (await this.rdp.request(target.consoleActor, 'evaluateJSAsync', {
      text,
      mapped: { await: true },
    })) as unknown as { resultID: string };
    const result = await this.rdp.waitForResult(resultID, timeoutMs);
    if (result.hasException || result.topLevelAwaitRejected) {
      throw new Error(
        `in ${target.url}: ${String(result.exceptionMessage ?? JSON.stringify(result.exception))}`,
      );
    }
    return JSON.parse(await this.readString(result.result)) as R;
  }

  private async readString(grip: unknown): Promise<string> {
    if (typeof grip === 'string') return grip;
    const g = grip as { type?: string; actor?: string; length?: number } | null;
    // Long strings arrive as an actor holding the text.
    if (g?.type === 'longString' && g.actor && typeof g.length === 'number') {
      const reply = await this.rdp.request(g.actor, 'substring', { start: 0, end: g.length });
      return String(reply.substring);
    }
    throw new Error(`unexpected evaluation result ${JSON.stringify(grip)}`);
  }

  private onEvent(p: Packet): void {
    // Targets send their own resources (console, errors); the watcher sends network events.
    if (p.from !== this.watcher && !this.known.has(p.from)) return;
    if (p.type === 'target-available-form') {
      const t = p.target as TargetForm;
      this.targets.set(t.actor, t);
      this.known.add(t.actor);
    } else if (p.type === 'target-destroyed-form') {
      this.targets.delete((p.target as TargetForm).actor);
    } else if (p.type === 'resources-available-array') {
      for (const [kind, list] of p.array as Array<[string, unknown[]]>) {
        if (kind === 'network-event') this.networkEvents.push(...(list as NetworkEvent[]));
        if (kind === 'console-message') {
          for (const m of list as ConsoleMessage[]) {
            if (m.level !== 'error' && m.level !== 'warn') continue;
            const text = m.arguments
              .map((a) => (typeof a === 'string' ? a : JSON.stringify(a)))
              .join(' ');
            this.problems.push(`console.${m.level} at ${m.filename}:${m.lineNumber}: ${text}`);
          }
        }
        if (kind === 'error-message') {
          for (const { pageError: e } of list as Array<{ pageError: PageError }>) {
            if (e.warning) continue;
            this.problems.push(`uncaught at ${e.sourceName}:${e.lineNumber}: ${e.errorMessage}`);
          }
        }
      }
    }
  }
}
