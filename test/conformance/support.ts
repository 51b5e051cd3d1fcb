/** Starting and tearing down a local cloud for a conformance test file. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type LocalCloud, type StartOptions } from '../../host/index';

export const FIXTURES_DIR = path.resolve(__dirname, '../../host/functions/fixtures');

export interface TestCloud {
  cloud: LocalCloud;
  /** Stops the cloud and removes its data directory. */
  dispose(): Promise<void>;
}

/** A fresh local cloud on a free port, with its own temporary data directory and the fixture functions. */
export async function startTestCloud(opts: StartOptions = {}): Promise<TestCloud> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-conformance-'));
  const cloud = await startLocalCloud({
    port: 0,
    quiet: true,
    timers: false,
    functionsDir: FIXTURES_DIR,
    ...opts,
    dataDir,
  });
  return {
    cloud,
    dispose: async () => {
      await cloud.stop();
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}
