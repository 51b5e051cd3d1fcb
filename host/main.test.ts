/** `npm run host` as a user runs it: a child process that prints its URL and stops on SIGTERM. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

test('starts, prints the URL and data dir, serves /healthz, and exits 0 on SIGTERM', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-main-'));
  // One process (no tsx wrapper), so the signal reaches the host itself and nothing is left behind.
  const child = spawn(process.execPath, ['--import', 'tsx', 'host/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', SIYU_DATA_DIR: dataDir, SIYU_SEED: '0', SIYU_QUIET: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL within 20 s:\n${out}`)), 20_000);
      child.stdout.on('data', () => {
        const m = /url\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        // The banner's last line is HQ: by then it is all printed.
        if (m?.[1] && /\n\s+HQ\s/.test(out)) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    expect(out).toContain(`data dir   ${dataDir}`);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('SIGTERM: stopping the local cloud');
  } finally {
    child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 30_000);
