/**
 * The cloud function runtime: loads each deployable folder (`<dir>/<name>/index.js` exporting
 * `main`) and calls `main(event, context)` in this process, the way CloudBase would in a fresh
 * container, with the invocation's own identity in process.env (see env-proxy.ts) and the
 * function's own timeout from config.json.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { sdkWireEnv } from '../sdk-env';
import { installEnvProxy, type EnvVars } from './env-proxy';
import { readFunctionConfig, type FunctionConfig } from '@server/config/function-config';

/** Who triggered an invocation, as the platform tells the function. */
export interface Caller {
  openid?: string;
  appid?: string;
  unionid?: string;
  clientIp?: string;
  /** TCB_SOURCE: `wx_client` (mini-program), `wx_trigger` (timer), `...,scf` along callFunction. */
  source?: string;
}

export interface InvocationContext {
  functionName: string;
  requestId: string;
  openid: string;
  appid: string;
  unionid: string;
  clientIp: string;
  source: string;
}

export type FunctionFailure = 'NOT_FOUND' | 'TIMEOUT' | 'CRASH' | 'STOPPED';

/** Why an invocation did not return a value. `message` is the platform's wording, never a stack. */
export class FunctionError extends Error {
  readonly kind: FunctionFailure;
  readonly functionName: string;
  readonly requestId: string;

  constructor(kind: FunctionFailure, functionName: string, requestId: string, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'FunctionError';
    this.kind = kind;
    this.functionName = functionName;
    this.requestId = requestId;
  }
}

type Main = (event: unknown, context: Record<string, unknown>) => unknown;

interface Loaded {
  main: Main;
  config: FunctionConfig;
  mtimeMs: number;
}

export interface FunctionRuntimeOptions {
  /** Folders holding `<name>/index.js`; earlier ones win when a name is in several. */
  functionsDirs: readonly string[];
  envId: string;
  appid: string;
  /** The /admin URL the SDK inside the functions must reach. */
  serviceUrl: () => string;
  /** Variables every invocation sees (e.g. SIYU_HQ_OPENIDS, set on the functions in production too). */
  functionEnv?: EnvVars;
  log?: (line: string) => void;
}

const NAME = /^[A-Za-z0-9_-]{1,60}$/;
/** Node's own require (the ambient one may be typed as a bundler's by app type packages). */
const nodeRequire = createRequire(__filename);
/** Tokens of timed-out invocations stay refused for a while so their late writes fail. */
const EXPIRED_TOKEN_MEMORY = 10_000;

export class FunctionRuntime {
  private readonly opts: FunctionRuntimeOptions;
  private readonly als = installEnvProxy();
  private readonly loaded = new Map<string, Loaded>();
  private readonly live = new Map<string, InvocationContext>();
  private readonly expired = new Set<string>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(opts: FunctionRuntimeOptions) {
    this.opts = opts;
  }

  /** The mini-program's appid that client invocations carry. */
  get appid(): string {
    return this.opts.appid;
  }

  private dirOf(name: string): string | null {
    if (!NAME.test(name)) return null;
    for (const root of this.opts.functionsDirs) {
      const dir = path.join(root, name);
      if (fs.existsSync(path.join(dir, 'index.js'))) return dir;
    }
    return null;
  }

  has(name: string): boolean {
    return this.dirOf(name) !== null;
  }

  /** Every deployable function, by name. */
  list(): string[] {
    const names = new Set<string>();
    for (const root of this.opts.functionsDirs) {
      if (!fs.existsSync(root)) continue;
      for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
        if (entry.isDirectory() && NAME.test(entry.name) && fs.existsSync(path.join(root, entry.name, 'index.js')))
          names.add(entry.name);
      }
    }
    return [...names].sort();
  }

  config(name: string): FunctionConfig {
    const dir = this.dirOf(name);
    if (!dir) throw new Error(`function ${name} not found`);
    return readFunctionConfig(dir);
  }

  /** The caller behind a live invocation's WX_API_TOKEN (the SDK sends it as `wxCloudApiToken`). */
  contextOfToken(token: unknown): InvocationContext | null {
    return typeof token === 'string' && token ? (this.live.get(token) ?? null) : null;
  }

  /** True for the token of an invocation that has timed out: its late requests are refused. */
  isExpiredToken(token: unknown): boolean {
    return typeof token === 'string' && this.expired.has(token);
  }

  private load(name: string, requestId: string): Loaded {
    const dir = this.dirOf(name);
    if (!dir) throw new FunctionError('NOT_FOUND', name, requestId, `function ${name} not found`);
    const file = path.join(dir, 'index.js');
    const mtimeMs = fs.statSync(file).mtimeMs;
    const cached = this.loaded.get(name);
    if (cached && cached.mtimeMs === mtimeMs) return cached;
    // A rebuilt bundle is picked up on the next call, as a redeploy would be.
    const resolved = nodeRequire.resolve(file);
    if (cached) delete nodeRequire.cache[resolved];
    const mod = nodeRequire(resolved) as { main?: unknown };
    if (typeof mod.main !== 'function') {
      throw new FunctionError('CRASH', name, requestId, `function ${name}: index.js does not export main`);
    }
    const entry: Loaded = { main: mod.main as Main, config: readFunctionConfig(dir), mtimeMs };
    this.loaded.set(name, entry);
    return entry;
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

  private async run(name: string, event: unknown, caller: Caller, requestId: string): Promise<unknown> {
    let fn: Loaded;
    try {
      fn = this.load(name, requestId);
    } catch (err) {
      if (err instanceof FunctionError) throw err;
      throw new FunctionError(
        'CRASH',
        name,
        requestId,
        `function ${name} failed to load: ${(err as Error).message}`,
        err,
      );
    }
    const ctx: InvocationContext = {
      functionName: name,
      requestId,
      openid: caller.openid ?? '',
      appid: caller.appid ?? this.opts.appid,
      unionid: caller.unionid ?? '',
      clientIp: caller.clientIp ?? '127.0.0.1',
      source: caller.source ?? 'wx_client',
    };
    const token = `local-wxapitoken-${crypto.randomBytes(16).toString('hex')}`;
    const timeoutMs = fn.config.timeout * 1000;
    const vars: EnvVars = {
      ...this.opts.functionEnv,
      ...sdkWireEnv(this.opts.serviceUrl(), this.opts.envId),
      SCF_FUNCTIONNAME: name,
      // The keys production injects; the SDK finds them through the *_CONTEXT_KEYS lists.
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_CLIENTIPV6,WX_API_TOKEN',
      WX_OPENID: ctx.openid,
      WX_APPID: ctx.appid,
      WX_UNIONID: ctx.unionid,
      WX_CLIENTIP: ctx.clientIp,
      WX_API_TOKEN: token,
      TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SEQID,TCB_SOURCE',
      TCB_SOURCE: ctx.source,
      TCB_SEQID: requestId,
    };
    // An empty identity is absent on the platform, not an empty string.
    for (const key of ['WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'WX_CLIENTIP']) if (vars[key] === '') delete vars[key];
    const context = {
      callbackWaitsForEmptyEventLoop: false,
      request_id: requestId,
      function_name: name,
      function_version: '$LATEST',
      namespace: this.opts.envId,
      memory_limit_in_mb: fn.config.memorySize,
      time_limit_in_ms: timeoutMs,
    };
    // The platform hands the function a parsed copy of the request, never the caller's object.
    const input: unknown = JSON.parse(JSON.stringify(event ?? {}));
    this.live.set(token, ctx);
    let timer: NodeJS.Timeout | undefined;
    const started = Date.now();
    try {
      // Promise.resolve: a main that throws synchronously or returns a plain value behaves like an async one.
      const call = this.als.run(vars, () => Promise.resolve().then(() => fn.main(input, context)));
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          this.rememberExpired(token);
          reject(
            new FunctionError('TIMEOUT', name, requestId, `Invoking task timed out after ${fn.config.timeout} seconds`),
          );
        }, timeoutMs);
      });
      const result = await Promise.race([call, timeout]);
      return result === undefined ? null : (JSON.parse(JSON.stringify(result)) as unknown);
    } catch (err) {
      if (err instanceof FunctionError) throw err;
      const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      throw new FunctionError('CRASH', name, requestId, message, err);
    } finally {
      clearTimeout(timer);
      this.live.delete(token);
      this.opts.log?.(`fn ${name} ${ctx.openid || '-'} ${Date.now() - started} ms`);
    }
  }

  /** Refuses new invocations and waits (up to `graceMs`) for the running ones to settle. */
  async stop(graceMs = 2000): Promise<void> {
    this.stopped = true;
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
    this.loaded.clear();
    this.live.clear();
  }
}
