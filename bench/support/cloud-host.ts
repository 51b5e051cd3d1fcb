/**
 * What a bench's local cloud is, wherever it runs: started with a temp data dir, no timers (the
 * bench fires them itself, so a run is repeatable), quiet, and a frozen copy of the function bundles
 * (other engineers rebuild cloudfunctions/ while a 10-minute soak runs; a rebuilt bundle would be
 * hot-reloaded mid-measurement). Used in this process by bench-cloud.ts and in a child by
 * cloud-child.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, startLocalCloud, type LocalCloud } from '../../host/index';

export interface HostSpec {
  dataDir: string;
  functionsDir: string;
  hqOpenids: string[];
}

export function startBenchHost(spec: HostSpec): Promise<LocalCloud> {
  return startLocalCloud({
    config: loadConfig({ SIYU_SEED: '0', SIYU_QUIET: '1' }),
    port: 0,
    dataDir: spec.dataDir,
    functionsDir: spec.functionsDir,
    hqOpenids: spec.hqOpenids,
    quiet: true,
    timers: false,
  });
}

export interface MemorySample {
  /** ms since the sampler's origin (set by the caller). */
  at: number;
  rssMb: number;
  /** V8 heap in use right after a full collection (needs --expose-gc; NaN without it). */
  heapMb: number;
  /** Documents the engine holds decoded in memory, over every collection. */
  docs: number;
}

const MB = 2 ** 20;

/** Heap after a forced GC, RSS, and the engine's document count: what grows if anything leaks. */
export function sampleMemory(cloud: LocalCloud): Omit<MemorySample, 'at'> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const m = process.memoryUsage();
  let docs = 0;
  for (const name of cloud.engine.collectionNames()) docs += cloud.engine.findDocs(name).length;
  return { rssMb: m.rss / MB, heapMb: gc ? m.heapUsed / MB : Number.NaN, docs };
}

/**
 * Copies each function's deployable files (index.js, config.json) into `dest`, with a node_modules
 * link to the repository's so the bundles' runtime externals (wx-server-sdk, sharp) resolve.
 */
export function freezeFunctions(source: string, names: readonly string[], dest: string): string {
  const root = path.join(dest, 'functions');
  for (const name of names) {
    const to = path.join(root, name);
    fs.mkdirSync(to, { recursive: true });
    for (const file of ['index.js', 'config.json', 'package.json']) {
      const from = path.join(source, name, file);
      if (fs.existsSync(from)) fs.copyFileSync(from, path.join(to, file));
    }
  }
  fs.symlinkSync(path.resolve(source, '..', 'node_modules'), path.join(dest, 'node_modules'), 'dir');
  return root;
}
