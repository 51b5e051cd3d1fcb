/**
 * One running instance of a function, seen from the local cloud: a child process (child.ts) with
 * its function loaded, running one invocation at a time. Started with the function's memory limit
 * as V8's heap limit (`--max-old-space-size`, from config.json); its resident memory is sampled
 * during each invocation and reported, since native memory (libvips) is outside that limit.
 *
 * A spare (a process started with the SDK loaded and no function yet, see child.ts) can become an
 * instance: the cold start then costs loading the bundle alone.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import type { EnvVars } from '../env-proxy';
import { workerEntry } from './bundle';
import type { ChildReply, HostRequest } from './protocol';

export interface InstanceSpec {
  /** The function's name, for messages. */
  name: string;
  /** Absolute path of its index.js. */
  file: string;
  /** Its config.json memorySize (MB). */
  memoryMb: number;
  /** The local cloud's route for the AI gateway (the child redirects the SDK's gateway calls there). */
  gatewayRoute: string;
  /** Run inside the local cloud's process instead of a process of its own (inline.ts). */
  inline?: boolean;
  /**
   * Work nobody is waiting on at a screen (calls made by functions, timers): the process runs at a
   * lower CPU priority (BACKGROUND_NICE), so on this machine's few cores it yields to callers'
   * invocations as, on the platform, it would never take their CPU (each instance has its own).
   */
  background?: boolean;
}

/** The nice value of background instances: under contention they get about a tenth of a core's share. */
export const BACKGROUND_NICE = 10;

/**
 * Lowers every thread of process `pid` to BACKGROUND_NICE. On Linux a nice value belongs to a thread
 * (setpriority on a pid changes only its main thread), and a thread takes its creator's when it
 * starts: so the main thread first, which the threads it starts later inherit (libuv's pool, libvips'
 * workers), then every thread already running (V8's platform workers — concurrent marking, the
 * compilers — start with the process, before the parent can change anything). Elsewhere, the process.
 */
function lowerPriority(pid: number): void {
  let threads: number[] = [];
  try {
    threads = fs.readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    // No /proc: the process alone.
  }
  for (const id of [pid, ...threads.filter((t) => t !== pid)]) {
    try {
      // Raising one's nice needs no privilege.
      os.setPriority(id, BACKGROUND_NICE);
    } catch {
      // A platform without priorities, or a thread gone meanwhile: it runs as any other.
    }
  }
}

/** How an invocation ended inside an instance. */
export type InstanceOutcome =
  | { kind: 'returned'; json: string; peakRssMb: number }
  | { kind: 'threw'; error: { name: string; message: string }; peakRssMb: number }
  /** The process went away mid-invocation (crash, out of memory, killed). */
  | { kind: 'exited'; code: number | null; signal: NodeJS.Signals | null };

export class InstanceLoadError extends Error {
  override name = 'InstanceLoadError';
}

let nextId = 0;

function forkChild(memoryMb: number, env: Record<string, string>): ChildProcess {
  return fork(workerEntry(), [], {
    execArgv: [`--max-old-space-size=${memoryMb}`, '--unhandled-rejections=warn'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'json',
  });
}

/** A process with the SDK loaded, waiting to become an instance of a function with this memory size. */
export class SpareProcess {
  readonly memoryMb: number;
  readonly child: ChildProcess;
  private state: 'starting' | 'spare' | 'gone' = 'starting';

  /** `resolveFrom`: a bundle's path, from where the SDK is resolved as the bundles resolve it. */
  constructor(memoryMb: number, resolveFrom: string) {
    this.memoryMb = memoryMb;
    this.child = forkChild(memoryMb, { SIYU_PRELOAD_FROM: resolveFrom });
    this.child.on('message', (msg: ChildReply) => {
      if (msg.type === 'spare' && this.state === 'starting') this.state = 'spare';
    });
    this.child.on('exit', () => (this.state = 'gone'));
    this.child.on('error', () => (this.state = 'gone'));
    setRef(this.child, false);
  }

  /** Hands the process over (once it is a spare): answers it, or undefined when not ready. */
  adopt(): ChildProcess | undefined {
    if (this.state !== 'spare' || this.child.exitCode !== null) return undefined;
    this.state = 'gone';
    this.child.removeAllListeners('message');
    this.child.removeAllListeners('exit');
    this.child.removeAllListeners('error');
    return this.child;
  }

  get gone(): boolean {
    return this.state === 'gone';
  }

  kill(): void {
    this.state = 'gone';
    this.child.kill('SIGKILL');
  }
}

function setRef(child: ChildProcess, on: boolean): void {
  const channel = child.channel as { ref?: () => void; unref?: () => void } | undefined;
  if (on) {
    child.ref();
    channel?.ref?.();
  } else {
    child.unref();
    channel?.unref?.();
  }
}

export class FunctionInstance {
  readonly spec: InstanceSpec;
  readonly key: string;
  /** Resolves once the bundle is loaded; rejects with InstanceLoadError. */
  readonly ready: Promise<void>;
  invocations = 0;
  /** Largest resident set seen in any invocation (MB). */
  peakRssMb = 0;
  private readonly child: ChildProcess;
  private pending: { id: number; settle: (o: InstanceOutcome) => void } | undefined;
  private exited = false;

  /** `spare`: a spare process adopted for this function (same memory size); else a new process. */
  constructor(spec: InstanceSpec, key: string, spare?: ChildProcess) {
    this.spec = spec;
    this.key = key;
    this.child =
      spare ?? forkChild(spec.memoryMb, { SIYU_FUNCTION_ENTRY: spec.file, SIYU_GATEWAY_ROUTE: spec.gatewayRoute });
    this.ready = new Promise<void>((resolve, reject) => {
      const onMessage = (msg: ChildReply) => {
        if (msg.type === 'ready') {
          this.peakRssMb = msg.rssMb;
          // Again once loaded: every thread the process started while loading now exists.
          if (spec.background && this.child.pid !== undefined) lowerPriority(this.child.pid);
          resolve();
        } else if (msg.type === 'failed') reject(new InstanceLoadError(msg.error.message));
        else if (msg.type === 'done') this.onDone(msg);
      };
      this.child.on('message', onMessage);
      this.child.on('exit', (code, signal) => {
        this.exited = true;
        reject(new InstanceLoadError(`the instance exited while loading (code ${code}, signal ${signal})`));
        const p = this.pending;
        this.pending = undefined;
        p?.settle({ kind: 'exited', code, signal });
      });
      this.child.on('error', (err) => reject(new InstanceLoadError(err.message)));
    });
    // A rejection nobody awaits yet (the instance is killed before its first invocation) is not an error.
    this.ready.catch(() => undefined);
    // The instance keeps it for life (background key).
    if (spec.background && this.child.pid !== undefined) lowerPriority(this.child.pid);
    if (spare) {
      const msg: HostRequest = { type: 'load', file: spec.file, gatewayRoute: spec.gatewayRoute };
      spare.send(msg);
    }
  }

  get alive(): boolean {
    return !this.exited;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  private onDone(msg: Extract<ChildReply, { type: 'done' }>): void {
    const p = this.pending;
    if (!p || p.id !== msg.id) return;
    this.pending = undefined;
    this.peakRssMb = Math.max(this.peakRssMb, msg.peakRssMb);
    p.settle(
      msg.ok
        ? { kind: 'returned', json: msg.json ?? 'null', peakRssMb: msg.peakRssMb }
        : {
            kind: 'threw',
            error: msg.error ?? { name: 'Error', message: 'unknown failure' },
            peakRssMb: msg.peakRssMb,
          },
    );
  }

  /** Runs one invocation; settles when it returns, throws or the process goes away. */
  run(event: unknown, context: Record<string, unknown>, vars: EnvVars): Promise<InstanceOutcome> {
    if (this.pending) throw new Error(`instance of ${this.spec.name} is busy`);
    if (this.exited) return Promise.resolve({ kind: 'exited', code: null, signal: null });
    this.invocations += 1;
    const id = ++nextId;
    return new Promise<InstanceOutcome>((settle) => {
      this.pending = { id, settle };
      const msg: HostRequest = { type: 'invoke', id, event, context, vars };
      this.child.send(msg);
    });
  }

  /** Keeps the local cloud's process alive while this instance works for it, not while it idles. */
  hold(on: boolean): void {
    if (!this.exited) setRef(this.child, on);
  }

  /** Ends the process at once, as the platform ends a container that timed out. */
  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }
}
