/**
 * An instance of a function inside the local cloud's own process: the bundle is loaded once per
 * process and each invocation runs with its own environment (env-proxy.ts), as the local cloud ran
 * every function before instances had processes of their own. What it lacks next to a process
 * instance (instance.ts): a timed-out invocation is abandoned rather than killed (its token is
 * refused, so its late writes fail), memory is not measured, and module state is shared by every
 * instance of the function. What it saves: a cold start (~0.7 CPU-s for a process, measured) and
 * a process hop on every request to the wire — the bulk of a test's time on two cores.
 *
 * Chosen with `isolation: 'inline'`; the jest tests' clouds use it unless a test is about instances
 * (the fan-out, deadlines, kills), and `npm run host`, e2e and benches run processes.
 */
import { createRequire } from 'node:module';
import { installEnvProxy, type EnvVars } from '../env-proxy';
import { InstanceLoadError, type FunctionInstance, type InstanceOutcome, type InstanceSpec } from './instance';

/** An instance of either kind: the pool and the registry treat them alike. */
export type Instance = FunctionInstance | InlineInstance;

type Main = (event: unknown, context: Record<string, unknown>) => unknown;

/** Node's own require (the ambient one may be typed as a bundler's by app type packages). */
const nodeRequire = createRequire(__filename);
const loaded = new Map<string, { main: Main; key: string }>();

function mainOf(spec: InstanceSpec, key: string): Main {
  const hit = loaded.get(spec.file);
  if (hit && hit.key === key) return hit.main;
  // A rebuilt bundle (another key) is loaded afresh, as a redeploy would be.
  const resolved = nodeRequire.resolve(spec.file);
  if (hit) delete nodeRequire.cache[resolved];
  const mod = nodeRequire(resolved) as { main?: unknown };
  if (typeof mod.main !== 'function') throw new Error('index.js does not export main');
  loaded.set(spec.file, { main: mod.main as Main, key });
  return mod.main as Main;
}

export class InlineInstance {
  readonly spec: InstanceSpec;
  readonly key: string;
  readonly ready: Promise<void>;
  readonly pid = undefined;
  readonly peakRssMb = 0;
  invocations = 0;
  private main: Main | undefined;
  private pending: ((o: InstanceOutcome) => void) | undefined;
  private ended = false;
  private readonly als = installEnvProxy();

  constructor(spec: InstanceSpec, key: string) {
    this.spec = spec;
    this.key = key;
    this.ready = Promise.resolve().then(() => {
      try {
        this.main = mainOf(spec, key);
      } catch (err) {
        this.ended = true;
        throw new InstanceLoadError(err instanceof Error ? err.message : String(err));
      }
    });
    this.ready.catch(() => undefined);
  }

  get alive(): boolean {
    return !this.ended;
  }

  run(event: unknown, context: Record<string, unknown>, vars: EnvVars): Promise<InstanceOutcome> {
    const main = this.main;
    if (!main || this.ended) return Promise.resolve({ kind: 'exited', code: null, signal: null });
    this.invocations += 1;
    return new Promise<InstanceOutcome>((settle) => {
      this.pending = settle;
      const done = (o: InstanceOutcome) => {
        if (this.pending !== settle) return;
        this.pending = undefined;
        settle(o);
      };
      this.als
        .run({ ...vars }, () => Promise.resolve().then(() => main(event, context)))
        .then(
          (value) =>
            done({ kind: 'returned', json: value === undefined ? 'null' : JSON.stringify(value), peakRssMb: 0 }),
          (err: unknown) =>
            done({
              kind: 'threw',
              error:
                err instanceof Error
                  ? { name: err.name, message: err.message }
                  : { name: 'Error', message: String(err) },
              peakRssMb: 0,
            }),
        )
        // A result JSON cannot carry (e.g. a BigInt) fails the call as it would in a process instance.
        .catch((err: unknown) => done({ kind: 'threw', error: { name: 'Error', message: String(err) }, peakRssMb: 0 }));
    });
  }

  hold(): void {
    // Nothing to keep alive: the instance is this process.
  }

  /** Ends the instance: a call still running is abandoned (it answers as if its process had gone). */
  kill(): void {
    this.ended = true;
    const p = this.pending;
    this.pending = undefined;
    p?.({ kind: 'exited', code: null, signal: 'SIGKILL' });
  }
}
