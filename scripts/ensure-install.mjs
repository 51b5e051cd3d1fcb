#!/usr/bin/env node
// Makes a fresh clone runnable: installs dependencies when node_modules is missing or older than the
// lockfile, then proves the native modules load (npm 11 gates install scripts; better-sqlite3 may need
// a local build because no prebuilt binary can be downloaded here).
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const marker = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');

function run(cmd) {
  console.log(`[setup] ${cmd}`);
  execSync(cmd, { cwd: root, stdio: 'inherit' });
}

const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000);
if (stale) {
  const t0 = Date.now();
  // `npm ci` rejects a Taro lockfile made on one platform (it lacks other platforms' bindings);
  // `npm install` from the lockfile works and leaves it unchanged.
  run('npm install --no-audit --no-fund');
  console.log(`[setup] installed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

const probes = {
  'better-sqlite3': "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()",
  sharp: "require('sharp')",
  esbuild: "require('esbuild').transformSync('let a=1')",
};
for (const [name, code] of Object.entries(probes)) {
  const ok = spawnSync(process.execPath, ['-e', code], { cwd: root, stdio: 'ignore' }).status === 0;
  if (!ok) {
    run(`npm rebuild ${name}`);
    const again = spawnSync(process.execPath, ['-e', code], { cwd: root, stdio: 'inherit' }).status === 0;
    if (!again) {
      console.error(`[setup] ${name} does not load after a rebuild; see the output above.`);
      process.exit(1);
    }
  }
}
