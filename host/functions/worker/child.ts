/**
 * One instance of a cloud function: a Node process that loads one deployable bundle and runs its
 * invocations one at a time, as a CloudBase container does. The local cloud forks it (instance.ts),
 * sends each invocation over IPC with the invocation's own environment (identity, wire endpoint,
 * function settings) and kills it when the invocation runs past the function's timeout. Module-level
 * state of the bundle survives between invocations (a warm container), never between instances.
 *
 * Started without a function, it is a spare: it loads wx-server-sdk (most of a cold start's CPU)
 * and waits to be told which bundle to load, so a cold start costs the bundle alone.
 *
 * Bundled by esbuild into plain JavaScript (bundle.ts) so an instance starts without a TypeScript
 * loader.
 */
import { createRequire } from 'node:module';
import { installGatewayRedirect } from '../../ai/gateway-redirect';
import { installEnvProxy, type EnvVars } from '../env-proxy';
import { RSS_SAMPLE_MS, type ChildReply, type HostRequest } from './protocol';

type Main = (event: unknown, context: Record<string, unknown>) => unknown;

const MB = 2 ** 20;
// Invocations overlap only when a finished one left work behind (a request it did not await):
// each keeps its own variables, as it would in its own frozen container.
const als = installEnvProxy();

function send(msg: ChildReply): void {
  // The local cloud may be gone already (it stopped, or was killed): nothing is listening then.
  if (process.connected) process.send?.(msg, undefined, {}, () => undefined);
}

function describe(err: unknown): { name: string; message: string } {
  return err instanceof Error ? { name: err.name, message: err.message } : { name: 'Error', message: String(err) };
}

function load(file: string): Main {
  const mod = createRequire(file)(file) as { main?: unknown };
  if (typeof mod.main !== 'function') throw new Error('index.js does not export main');
  return mod.main as Main;
}

function invoke(main: Main, raw: Extract<HostRequest, { type: 'invoke' }>): void {
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, RSS_SAMPLE_MS);
  const finish = (reply: { ok: true; json: string } | { ok: false; error: { name: string; message: string } }) => {
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage.rss());
    send({ type: 'done', id: raw.id, peakRssMb: peak / MB, ...reply });
  };
  const vars: EnvVars = raw.vars;
  als
    .run(vars, () => Promise.resolve().then(() => main(raw.event, raw.context)))
    .then(
      // The platform hands the caller a JSON copy of the result; undefined arrives as null.
      (value) => finish({ ok: true, json: value === undefined ? 'null' : JSON.stringify(value) }),
      (err: unknown) => finish({ ok: false, error: describe(err) }),
    )
    .catch((err: unknown) => finish({ ok: false, error: describe(err) }));
}

let main: Main | undefined;

function become(file: string, gatewayRoute: string): void {
  installGatewayRedirect(gatewayRoute);
  try {
    main = load(file);
  } catch (err) {
    send({ type: 'failed', error: describe(err) });
    process.exitCode = 1;
    process.disconnect();
    return;
  }
  send({ type: 'ready', rssMb: process.memoryUsage.rss() / MB });
}

process.on('message', (raw: HostRequest) => {
  if (raw.type === 'load' && !main) become(raw.file, raw.gatewayRoute);
  else if (raw.type === 'invoke' && main) invoke(main, raw);
});
// The local cloud went away: so does the instance.
process.on('disconnect', () => process.exit(0));

const entry = process.env.SIYU_FUNCTION_ENTRY;
if (entry) become(entry, process.env.SIYU_GATEWAY_ROUTE ?? '/');
else {
  // The SDK every function bundle requires, from where the bundles resolve it.
  const from = process.env.SIYU_PRELOAD_FROM;
  if (from) {
    try {
      createRequire(from)('wx-server-sdk');
    } catch {
      // A function that needs it will fail to load and say so.
    }
  }
  send({ type: 'spare' });
}
