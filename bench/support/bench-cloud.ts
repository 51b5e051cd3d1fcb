/**
 * A local cloud for load and soak runs, either in this process (`inproc`: startLocalCloud beside the
 * load generator, one event loop for both) or in a child process (`child`: like `npm run host`, the
 * generator's own work does not sit in the cloud's event loop). Either way the bench talks to it
 * the way the H5 app does: POST /fn/<name> with the caller in x-openid.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LocalCloud } from '../../host/index';
import type { FunctionStats } from '../../host/functions/runtime';
import type { TimerFiring } from '../../host/functions/timer-service';
import { buildFunctions, FUNCTIONS_DIR } from '../../scripts/build-functions';
import { bridgeClient, type BridgeClient } from '../../test/support/bridge-client';
import type { ChildMessage, ChildRequest } from './cloud-child';
import { freezeFunctions, sampleMemory, startBenchHost, type HostSpec, type MemorySample } from './cloud-host';

export type CloudMode = 'inproc' | 'child';
export const CLOUD_MODES: readonly CloudMode[] = ['inproc', 'child'];

/** Typed calls (`call`, `ok` for set-up steps that must not fail silently, `upload`) plus the run's controls. */
export interface BenchCloud extends BridgeClient {
  mode: CloudMode;
  url: string;
  /** The database file, readable once the cloud has stopped. */
  dataDir: string;
  /** Fires one timer trigger now, as the schedule would. */
  fire(fn: string, trigger: string): Promise<TimerFiring>;
  /** The cloud process's memory after a forced GC, and its stored document count. */
  sample(): Promise<Omit<MemorySample, 'at'>>;
  /** The instance pools' counters so far, by function and lane ('content<-scf': calls made by functions). */
  stats(): Promise<Record<string, FunctionStats>>;
  /** Stops the cloud (the data dir stays for the audit). */
  stop(): Promise<void>;
  /**
   * Copies the data dir (database and files, not the pid lock) to `dest`. Call it while no request
   * is in flight: the copy of the SQLite file and its WAL is then a consistent database.
   */
  copyData(dest: string): void;
  /**
   * Starts a fresh cloud process on `dataDir` (a copy made by copyData, or this cloud's own once it
   * has stopped), samples its heap after a forced GC with no request served, and stops it: the heap
   * a process needs to hold that data, with nothing the workload left behind.
   */
  freshSample(dataDir: string): Promise<Omit<MemorySample, 'at'>>;
  /** Removes the data dir and the frozen bundles. */
  dispose(): void;
}

export interface BenchCloudOptions {
  mode: CloudMode;
  /** Functions to build and freeze. */
  functions: readonly string[];
  hqOpenids: string[];
}

/** SIYU_LOAD_MODE, else `inproc`. */
export function modeFromEnv(env: NodeJS.ProcessEnv = process.env): CloudMode {
  const m = env.SIYU_LOAD_MODE ?? 'inproc';
  if (m !== 'inproc' && m !== 'child') throw new Error(`SIYU_LOAD_MODE must be inproc or child, not ${m}`);
  return m;
}

export async function startBenchCloud(opts: BenchCloudOptions): Promise<BenchCloud> {
  await buildFunctions({ quiet: true, names: opts.functions });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-load-'));
  const spec: HostSpec = {
    dataDir: path.join(root, 'data'),
    functionsDir: freezeFunctions(FUNCTIONS_DIR, opts.functions, root),
    hqOpenids: opts.hqOpenids,
  };
  const host = opts.mode === 'inproc' ? await inProcess(spec) : await inChild(spec);
  return {
    ...bridgeClient(() => host.url),
    mode: opts.mode,
    url: host.url,
    dataDir: spec.dataDir,
    fire: host.fire,
    sample: host.sample,
    stats: host.stats,
    stop: host.stop,
    copyData: (dest) =>
      fs.cpSync(spec.dataDir, dest, { recursive: true, filter: (src) => path.basename(src) !== 'local-cloud.pid' }),
    freshSample: async (dataDir) => {
      const fresh = await inChild({ ...spec, dataDir });
      try {
        return await fresh.sample();
      } finally {
        await fresh.stop();
      }
    },
    dispose: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

type WithoutId<R> = R extends unknown ? Omit<R, 'id'> : never;

interface Host {
  url: string;
  fire: (fn: string, trigger: string) => Promise<TimerFiring>;
  sample: () => Promise<Omit<MemorySample, 'at'>>;
  stats: () => Promise<Record<string, FunctionStats>>;
  stop: () => Promise<void>;
}

async function inProcess(spec: HostSpec): Promise<Host> {
  const cloud: LocalCloud = await startBenchHost(spec);
  return {
    url: cloud.url,
    fire: (fn, trigger) => cloud.timers.fire(fn, trigger),
    sample: () => Promise.resolve(sampleMemory(cloud)),
    stats: () => Promise.resolve(cloud.runtime.stats()),
    stop: () => cloud.stop(),
  };
}

async function inChild(spec: HostSpec): Promise<Host> {
  const child: ChildProcess = fork(path.join(__dirname, 'cloud-child.ts'), [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env, SIYU_BENCH_HOST: JSON.stringify(spec) },
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  // The functions' error logs and the SDK's slow-request warnings: counted here, kept in a file.
  const logFile = path.join(os.tmpdir(), `siyu-load-${process.pid}-${child.pid ?? 0}.log`);
  const log = fs.createWriteStream(logFile);
  const counts = { lines: 0, errors: 0, slowWarnings: 0 };
  let partial = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log.write(chunk);
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      counts.lines++;
      if (line.includes('"level":"error"')) counts.errors++;
      if (line.includes('[TCB][WARN]')) counts.slowWarnings++;
    }
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the cloud child exited (${String(code)}) before it was ready`)));
    child.on('message', (msg: ChildMessage) => {
      if ('type' in msg) {
        if (msg.type === 'ready') resolve(msg.url);
        else reject(new Error(`the cloud child failed to start: ${msg.error}`));
        return;
      }
      const waiter = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.ok) waiter?.resolve(msg.result);
      else waiter?.reject(new Error(msg.error));
    });
  });
  child.removeAllListeners('exit');
  child.on('exit', (code) => {
    for (const w of pending.values()) w.reject(new Error(`the cloud child exited (${String(code)})`));
    pending.clear();
  });
  const ask = <T>(req: WithoutId<ChildRequest>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ ...req, id });
    });
  return {
    url,
    fire: (fn, trigger) => ask<TimerFiring>({ type: 'fire', fn, trigger }),
    sample: () => ask<Omit<MemorySample, 'at'>>({ type: 'sample' }),
    stats: () => ask<Record<string, FunctionStats>>({ type: 'stats' }),
    stop: async () => {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await ask({ type: 'stop' });
      await exited;
      log.end();
      if (counts.lines > 0)
        console.log(
          `cloud stderr: ${counts.lines} lines (${counts.errors} function error logs, ${counts.slowWarnings} SDK slow-request warnings) in ${logFile}`,
        );
    },
  };
}
