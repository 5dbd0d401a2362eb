/**
 * The content script's Transport over the typed protocol. A service worker that was stopped or
 * killed answers nothing for a moment: retry with backoff, and the `visit` id makes a repeated
 * recordPage a no-op for what already landed.
 */
import { normalizeTitle } from '../identity';
import { LIMITS } from '../paper';
import { packIds, unpackStates } from '../protocol-packed';
import { type MessageType, type ProtocolMap, type Success, sendMessage } from '../protocol';
import type { Transport } from './controller';

const DELAYS_MS = [100, 300, 1000, 2000, 4000];

export class ProtocolError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function call<T extends MessageType>(
  type: T,
  payload: ProtocolMap[T]['req'],
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<Success<T>> {
  for (let attempt = 0; ; attempt++) {
    const res = await sendMessage(type, payload);
    if (res.ok) return res;
    const delay = DELAYS_MS[attempt];
    if (res.error !== 'unavailable' || delay === undefined)
      throw new ProtocolError(res.error, res.message);
    await sleep(delay);
  }
}

export const protocolTransport: Transport = {
  async lookup(papers, opts) {
    const ids = packIds(papers);
    const req = opts?.titles
      ? {
          ids,
          titles: papers.map((p) => normalizeTitle(p.title).slice(0, LIMITS.title)).join('\n'),
        }
      : { ids };
    const res = await call('lookupPacked', req);
    return unpackStates(papers, res.states, res.places);
  },
  async record(page, visit, papers) {
    return (await call('recordPage', { page, visit, papers })).states;
  },
  async setStar(id, starred) {
    await call('setStar', { id, starred });
  },
};
