/**
 * A typed client of a local cloud's H5 bridge, the way the app talks to it: `POST /fn/<name>` with
 * the event as the body and the caller in `x-openid`, and raw uploads to `/storage/upload`. Every
 * function and action is typed from the contract registry, so tests and benches call all five
 * functions through this one path.
 */
import type { ActionOf, CallInput, CallOutput, FunctionName } from '@core/contracts';
import type { Reply } from '@core/errors';

export interface BridgeClient {
  /** Calls an action. `openid` undefined sends no caller at all. */
  call: <F extends FunctionName, A extends ActionOf<F>>(
    fn: F,
    action: A,
    input: CallInput<F, A>,
    openid?: string,
  ) => Promise<Reply<CallOutput<F, A>>>;
  /** call() for a step that must succeed: answers the data, throws with the code on a failed reply. */
  ok: <F extends FunctionName, A extends ActionOf<F>>(
    fn: F,
    action: A,
    input: CallInput<F, A>,
    openid?: string,
  ) => Promise<CallOutput<F, A>>;
  /** Sends any event, for inputs the types would not allow (and names no contract has). */
  callRaw: (fn: string, event: unknown, openid?: string) => Promise<Reply<unknown>>;
  /** Stores raw bytes at `cloudPath` (as the HQ editor does on H5); answers the fileID. */
  upload: (cloudPath: string, bytes: Uint8Array) => Promise<string>;
}

/** The data of an ok reply; a failed reply throws with its code, so a set-up step cannot fail silently. */
export function dataOf<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`expected ok, got ${reply.error.code}: ${reply.error.message}`);
  return reply.data;
}

/** Parses a bridge answer, refusing anything that is not a reply envelope. */
async function envelopeOf(res: Response, what: string): Promise<Reply<unknown>> {
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${what} answered ${res.status} with non-JSON: ${text.slice(0, 200)}`);
  }
  if (typeof body !== 'object' || body === null || !('ok' in body)) {
    throw new Error(`${what} answered ${res.status} without an envelope: ${text.slice(0, 200)}`);
  }
  return body as Reply<unknown>;
}

/** A client of the local cloud at `baseUrl` (read on every call, so a cloud may start after this is made). */
export function bridgeClient(baseUrl: () => string): BridgeClient {
  const callRaw = async (fn: string, event: unknown, openid?: string) =>
    envelopeOf(
      await fetch(`${baseUrl()}/fn/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(openid !== undefined ? { 'x-openid': openid } : {}) },
        body: JSON.stringify(event),
      }),
      `/fn/${fn}`,
    );
  const call = <F extends FunctionName, A extends ActionOf<F>>(
    fn: F,
    action: A,
    input: CallInput<F, A>,
    openid?: string,
  ) => callRaw(fn, { ...(input as object), action }, openid) as Promise<Reply<CallOutput<F, A>>>;
  return {
    call,
    callRaw,
    ok: async (fn, action, input, openid) => {
      const reply = await call(fn, action, input, openid);
      if (!reply.ok) throw new Error(`${fn}.${action}: expected ok, got ${reply.error.code}: ${reply.error.message}`);
      return reply.data;
    },
    upload: async (cloudPath, bytes) => {
      const res = await fetch(`${baseUrl()}/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
        method: 'POST',
        body: new Uint8Array(bytes),
      });
      return dataOf((await envelopeOf(res, `upload ${cloudPath}`)) as Reply<{ fileID: string }>).fileID;
    },
  };
}
