/**
 * The cloud function runtime: runs each deployable folder (`<dir>/<name>/index.js` exporting
 * `main`) the way CloudBase does, in instances of its own (worker/: a child process per instance,
 * one invocation at a time, warm instances reused between calls). Each invocation gets its own
 * identity and environment, the function's timeout from config.json (an instance that runs past it
 * is killed) and its memory size as the instance's heap limit. At most `instances` instances of a
 * function work at once for callers (the mini-program, timers) and as many again for calls made by
 * functions (cloud.callFunction: SOURCE ends in `scf`); further invocations wait for one. Two lanes,
 * because the platform starts an instance for every call: a fan-out of background calls must not
 * make a user's call wait here either. For the same reason calls made by functions and timer
 * firings run in instances of their own at a lower CPU priority (isBackground, BACKGROUND_NICE): on
 * the platform every instance has its own CPU, so the variant fan-out's image work never slows a
 * redemption; on a machine of two cores it would take them from every caller.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { sdkWireEnv } from '../sdk-env';
import type { EnvVars } from './env-proxy';
import {
  FunctionError,
  invocationContext,
  invocationVars,
  laneOf,
  type Caller,
  type InvocationContext,
  type Lane,
} from './invocation';
import type { Instance } from './worker/inline';
import { InstanceLoadError, type InstanceOutcome, type InstanceSpec } from './worker/instance';
import { FunctionPool, instanceKey, prewarm, type PoolStats } from './worker/pool';
import type { FunctionConfig } from '@server/config/function-config';
import { FunctionDirs } from './function-dirs';

export interface FunctionRuntimeOptions {
  /** Folders holding `<name>/index.js`; earlier ones win when a name is in several. */
  functionsDirs: readonly string[];
  envId: string;
  appid: string;
  /** The /admin URL the SDK inside the functions must reach. */
  serviceUrl: () => string;
  /** Instances of one function working at once (SIYU_FUNCTION_INSTANCES). */
  instances: number;
  /** 'process' (default): each instance a process of its own; 'inline': in this process (worker/inline.ts). */
  isolation?: Isolation;
  /** The local cloud's route for the AI gateway, where instances send cloud.ai()'s requests. */
  gatewayRoute: string;
  /** Variables every invocation sees (e.g. SIYU_HQ_OPENIDS, set on the functions in production too). */
  functionEnv?: EnvVars;
  log?: (line: string) => void;
}

export type FunctionStats = PoolStats & { memorySize: number };
export type Isolation = 'process' | 'inline';

export {
  FunctionError,
  laneOf,
  type Caller,
  type FunctionFailure,
  type InvocationContext,
  type Lane,
} from './invocation';

/**
 * Invocations nobody waits on at a screen: calls made by functions (the variant fan-out's batches)
 * and timer triggers. Their instances run at a lower CPU priority (InstanceSpec.background).
 */
export function isBackground(source: string): boolean {
  return laneOf(source) === 'functions' || source === 'wx_trigger';
}

/** Instances of each function loaded ahead at start. */
const PREWARMED = 2;
/** Tokens of timed-out invocations stay refused for a while so their late writes fail. */
const EXPIRED_TOKEN_MEMORY = 10_000;

export class FunctionRuntime {
  private readonly opts: FunctionRuntimeOptions;
  private readonly dirs: FunctionDirs;
  private readonly pools = new Map<string, FunctionPool>();
  private readonly memory = new Map<string, number>();
  private readonly live = new Map<string, InvocationContext>();
  private readonly expired = new Set<string>();
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Instances running a call now, with the lane of the call. */
  private readonly working = new Map<Instance, Lane>();
  private stopped = false;

  constructor(opts: FunctionRuntimeOptions) {
    this.opts = opts;
    this.dirs = new FunctionDirs(opts.functionsDirs);
  }

  /** The mini-program's appid that client invocations carry. */
  get appid(): string {
    return this.opts.appid;
  }

  /** Instances of one function that may work at once. */
  get instanceLimit(): number {
    return Math.max(1, this.opts.instances);
  }

  has(name: string): boolean {
    return this.dirs.has(name);
  }

  private specOf(name: string, background = false): InstanceSpec & { config: FunctionConfig } {
    const inline = this.opts.isolation === 'inline';
    return {
      ...this.dirs.spec(name, this.opts.gatewayRoute),
      inline,
      ...(background && !inline ? { background } : {}),
    };
  }

  /** Every deployable function, by name. */
  list(): string[] {
    return this.dirs.list();
  }

  config(name: string): FunctionConfig {
    return this.dirs.config(name);
  }

  /**
   * Loads two instances of every function ahead (fewer when the limit is lower), one after another
   * (each cold start then takes the spare the previous one left): first calls skip the cold start,
   * and two calls at once really run at once.
   */
  async prewarm(): Promise<void> {
    if (this.opts.isolation === 'inline') return;
    for (const name of this.list()) {
      if (this.stopped) return;
      try {
        const spec = this.specOf(name);
        await prewarm(spec, instanceKey(spec, fs.statSync(spec.file).mtimeMs), Math.min(PREWARMED, this.instanceLimit));
      } catch {
        // A function that cannot load is reported by its first call.
      }
    }
  }

  /**
   * Per function and lane (`content` for callers, `content<-scf` for calls made by functions):
   * instances started and reused, the most working at once, memory, timeouts.
   */
  stats(): Record<string, FunctionStats> {
    return Object.fromEntries(
      [...this.pools].map(([key, pool]) => {
        const [name = key, lane] = key.split('|');
        return [
          lane === 'functions' ? `${name}<-scf` : name,
          { ...pool.stats, memorySize: this.memory.get(name) ?? 0 },
        ];
      }),
    );
  }

  /**
   * Kills the instances running calls of `name` right now (of one lane, or both), as a container
   * can die on the platform; their calls fail. For tests and benches of what survives a crash.
   * Answers how many were killed.
   */
  killRunning(name: string, lane?: Lane): number {
    let killed = 0;
    for (const [instance, at] of this.working) {
      if (instance.spec.name !== name || (lane && at !== lane)) continue;
      instance.kill();
      killed += 1;
    }
    return killed;
  }

  /** The caller behind a live invocation's WX_API_TOKEN (the SDK sends it as `wxCloudApiToken`). */
  contextOfToken(token: unknown): InvocationContext | null {
    return typeof token === 'string' && token ? (this.live.get(token) ?? null) : null;
  }

  /** True for the token of an invocation that has timed out: its late requests are refused. */
  isExpiredToken(token: unknown): boolean {
    return typeof token === 'string' && this.expired.has(token);
  }

  private rememberExpired(token: string): void {
    this.expired.add(token);
    if (this.expired.size > EXPIRED_TOKEN_MEMORY) {
      const oldest = this.expired.values().next().value;
      if (oldest !== undefined) this.expired.delete(oldest);
    }
  }

  /**
   * Runs one invocation. Resolves with the function's return value after a JSON round trip (what
   * a caller receives from the platform); rejects with FunctionError.
   */
  invoke(
    name: string,
    event: unknown = {},
    caller: Caller = {},
    requestId: string = crypto.randomUUID(),
  ): Promise<unknown> {
    if (this.stopped)
      return Promise.reject(new FunctionError('STOPPED', name, requestId, 'the local cloud is stopping'));
    const run = this.run(name, event, caller, requestId);
    this.inFlight.add(run);
    const forget = () => this.inFlight.delete(run);
    run.then(forget, forget);
    return run;
  }

  private async start(
    name: string,
    requestId: string,
    lane: Lane,
    background: boolean,
  ): Promise<{ instance: Instance; pool: FunctionPool; config: FunctionConfig }> {
    if (!this.dirs.has(name)) throw new FunctionError('NOT_FOUND', name, requestId, `function ${name} not found`);
    let spec: InstanceSpec & { config: FunctionConfig };
    let mtimeMs: number;
    try {
      spec = this.specOf(name, background);
      mtimeMs = fs.statSync(spec.file).mtimeMs;
    } catch (err) {
      throw new FunctionError('CRASH', name, requestId, `function ${name} failed to load: ${(err as Error).message}`);
    }
    const poolKey = `${name}|${lane}`;
    let pool = this.pools.get(poolKey);
    // Inline instances cost no process: as many as calls, as the platform starts one per call.
    const limit = this.opts.isolation === 'inline' ? Number.POSITIVE_INFINITY : this.instanceLimit;
    if (!pool) this.pools.set(poolKey, (pool = new FunctionPool(limit)));
    this.memory.set(name, spec.config.memorySize);
    // A rebuilt bundle (new mtime) gets new instances on the next call, as a redeploy would.
    try {
      const instance = await pool.acquire(spec, instanceKey(spec, mtimeMs), () => this.stopped);
      return { instance, pool, config: spec.config };
    } catch (err) {
      if (err instanceof InstanceLoadError)
        throw new FunctionError('CRASH', name, requestId, `function ${name} failed to load: ${err.message}`);
      throw new FunctionError('STOPPED', name, requestId, 'the local cloud is stopping');
    }
  }

  private async run(name: string, event: unknown, caller: Caller, requestId: string): Promise<unknown> {
    // The platform hands the function a parsed copy of the request, never the caller's object.
    const input: unknown = JSON.parse(JSON.stringify(event ?? {}));
    const source = caller.source ?? 'wx_client';
    const { instance, pool, config } = await this.start(name, requestId, laneOf(source), isBackground(source));
    const ctx: InvocationContext = {
      functionName: name,
      requestId,
      openid: caller.openid ?? '',
      appid: caller.appid ?? this.opts.appid,
      unionid: caller.unionid ?? '',
      clientIp: caller.clientIp ?? '127.0.0.1',
      source,
    };
    const token = `local-wxapitoken-${crypto.randomBytes(16).toString('hex')}`;
    const timeoutMs = config.timeout * 1000;
    const vars = invocationVars(ctx, token, {
      ...this.opts.functionEnv,
      ...sdkWireEnv(this.opts.serviceUrl(), this.opts.envId),
    });
    const context = invocationContext(ctx, this.opts.envId, config);
    this.live.set(token, ctx);
    this.working.set(instance, laneOf(source));
    let timedOut = false;
    let reusable = false;
    const timer = setTimeout(() => {
      timedOut = true;
      this.rememberExpired(token);
      pool.stats.timedOut += 1;
      instance.kill();
    }, timeoutMs);
    const started = Date.now();
    try {
      const outcome: InstanceOutcome = await instance.run(input, context, vars);
      if (timedOut)
        throw new FunctionError('TIMEOUT', name, requestId, `Invoking task timed out after ${config.timeout} seconds`);
      if (outcome.kind === 'exited') {
        throw new FunctionError(
          'CRASH',
          name,
          requestId,
          `the function's instance exited during the call (code ${outcome.code}, signal ${outcome.signal}): crashed or out of memory`,
        );
      }
      reusable = pool.withinMemory(instance, outcome.peakRssMb);
      if (outcome.kind === 'threw')
        throw new FunctionError('CRASH', name, requestId, `${outcome.error.name}: ${outcome.error.message}`);
      return JSON.parse(outcome.json) as unknown;
    } finally {
      clearTimeout(timer);
      this.live.delete(token);
      this.working.delete(instance);
      pool.release(instance, reusable && !this.stopped);
      this.opts.log?.(`fn ${name} ${ctx.openid || '-'} ${Date.now() - started} ms`);
    }
  }

  /** Refuses new invocations, waits (up to `graceMs`) for the running ones, then ends what still runs. */
  async stop(graceMs = 2000): Promise<void> {
    this.stopped = true;
    for (const pool of this.pools.values()) pool.drain();
    if (this.inFlight.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...this.inFlight]),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, graceMs);
        }),
      ]);
      clearTimeout(timer);
    }
    for (const instance of this.working.keys()) instance.kill();
    this.live.clear();
  }
}
