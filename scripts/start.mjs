#!/usr/bin/env node
// `npm start`: one command on a fresh clone — install if needed, build the cloud functions and the
// H5 app, then run the local cloud (which serves the app) and print its URL.
import { execSync, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const step = (cmd) => {
  const t0 = Date.now();
  console.log(`\n[start] ${cmd}`);
  execSync(cmd, { cwd: root, stdio: 'inherit' });
  console.log(`[start] ${cmd}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
};

step('node scripts/ensure-install.mjs');
step('npm run --silent build:functions');
if (process.env.SIYU_SKIP_H5 !== '1') step('npm run --silent build:h5');

const host = spawn(join(root, 'node_modules', '.bin', 'tsx'), ['host/main.ts'], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => host.kill(sig));
host.on('exit', (code) => process.exit(code ?? 0));
