/**
 * Connects the real SDK to an engine in the same process, skipping HTTP: the node-sdk's database
 * requester is swapped for a direct `engine.handle` call behind the same JSON boundary. For
 * benchmarks (wire vs in-process) and tests; the host itself serves the SDK over HTTP.
 */
import type { DatabaseEngine } from './engine';

type Send = (this: unknown, action: string, data: Record<string, unknown>) => Promise<unknown>;

/** Patches every SDK instance in this process; returns a function that restores HTTP. */
export function connectSdkInProcess(engine: DatabaseEngine): () => void {
  /* eslint-disable @typescript-eslint/no-require-imports -- internal modules of @cloudbase/node-sdk */
  const { TcbDBApiHttpRequester } = require('@cloudbase/node-sdk/dist/utils/tcbdbapirequester') as {
    TcbDBApiHttpRequester: { prototype: { send: Send } };
  };
  // The node-sdk's own reply handling: a reply with a code is thrown (or returned) as on HTTP.
  const { processReturn } = require('@cloudbase/node-sdk/dist/utils/utils') as {
    processReturn: (r: unknown) => unknown;
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  const proto = TcbDBApiHttpRequester.prototype;
  const original = proto.send;
  proto.send = function send(action, data) {
    try {
      const reply = engine.handle(JSON.parse(JSON.stringify({ ...data, action })) as Record<string, unknown>);
      const parsed = JSON.parse(JSON.stringify(reply)) as { code?: string };
      return Promise.resolve(parsed.code ? processReturn(parsed) : parsed);
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  };
  return () => {
    proto.send = original;
  };
}
