import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lockDataDir } from './data-dir-lock';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-lock-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

test('refuses a second claim until the first is released', () => {
  const first = lockDataDir(dir);
  expect(() => lockDataDir(dir)).toThrow(/in use by another local cloud in this process/);
  first.release();
  lockDataDir(dir).release();
});

test('takes over a claim left by a process that is gone, or by this pid from an earlier life', () => {
  fs.writeFileSync(path.join(dir, 'local-cloud.pid'), '999999999');
  lockDataDir(dir).release();
  fs.writeFileSync(path.join(dir, 'local-cloud.pid'), String(process.pid));
  lockDataDir(dir).release();
  expect(fs.existsSync(path.join(dir, 'local-cloud.pid'))).toBe(false);
});

test('refuses a claim held by another live process', () => {
  // The parent of this process is alive and is not a local cloud we hold.
  fs.writeFileSync(path.join(dir, 'local-cloud.pid'), String(process.ppid));
  expect(() => lockDataDir(dir)).toThrow(`in use by process ${process.ppid}`);
});
