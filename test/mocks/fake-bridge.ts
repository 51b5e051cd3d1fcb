/**
 * A stub of the local cloud's HTTP bridge for jsdom tests: installs a `fetch` that answers
 * `POST /fn/<name>` per action and records who asked for what. Screens under test go through the
 * real transport and envelope handling; only the network is replaced.
 */
type Handler = (input: Record<string, unknown>, openid: string | undefined) => unknown;

export interface BridgeCall {
  fn: string;
  action: string;
  input: Record<string, unknown>;
  openid: string | undefined;
}

/** Thrown by a handler to make the bridge answer `{ ok: false, error: { code, message } }`. */
export class BridgeFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function installFakeBridge(handlers: Record<string, Handler>) {
  const calls: BridgeCall[] = [];
  const fetchMock = jest.fn(async (url: string, init?: RequestInit) => {
    const match = /\/fn\/([^/?]+)$/.exec(url);
    if (!match?.[1]) throw new TypeError(`unexpected fetch ${url}`);
    const { action, ...input } = JSON.parse(typeof init?.body === 'string' ? init.body : '{}') as {
      action: string;
    } & Record<string, unknown>;
    const openid = (init?.headers as Record<string, string> | undefined)?.['x-openid'];
    calls.push({ fn: match[1], action, input, openid });
    const handler = handlers[`${match[1]}.${action}`];
    let body: unknown;
    if (!handler) body = { ok: false, error: { code: 'NOT_FOUND', message: '接口不存在' } };
    else {
      try {
        body = { ok: true, data: await handler(input, openid) };
      } catch (error) {
        if (!(error instanceof BridgeFailure)) throw error;
        body = { ok: false, error: { code: error.code, message: error.message } };
      }
    }
    return { ok: true, status: 200, json: () => Promise.resolve(body) } as Response;
  });
  (globalThis as { fetch?: unknown }).fetch = fetchMock;
  return { calls, fetchMock };
}
