#!/usr/bin/env node
// `npm test`: every check the project has, in the order that fails fastest, on a fresh clone too.
// Lint and types, unit/component/integration tests (jest, through the local cloud), the weapp build
// with its package-size gate, the H5 build and the browser end-to-end tests. Ends with one line
// "tests: N passed, M failed" summing every test that ran.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = join(root, '.tmp');
mkdirSync(tmp, { recursive: true });

let passed = 0;
let failed = 0;
const timings = [];

function step(name, cmd, args, { count } = {}) {
  const t0 = Date.now();
  console.log(`\n=== ${name}: ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
  const seconds = (Date.now() - t0) / 1000;
  timings.push([name, seconds, r.status === 0]);
  if (count) {
    const c = count();
    passed += c.passed;
    failed += c.failed;
  } else if (r.status !== 0) {
    failed += 1;
  }
  if (r.status !== 0) finish(`step "${name}" failed (exit ${r.status})`);
}

function finish(error) {
  console.log('\n=== summary');
  for (const [name, s, ok] of timings) console.log(`${ok ? 'ok  ' : 'FAIL'} ${name.padEnd(14)} ${s.toFixed(1)} s`);
  if (error) console.log(`\n${error}`);
  console.log(`tests: ${passed} passed, ${failed} failed`);
  process.exit(error || failed ? 1 : 0);
}

const npx = (bin) => join(root, 'node_modules', '.bin', bin);
const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);

step('install', process.execPath, ['scripts/ensure-install.mjs']);
step('lint', 'npm', ['run', '--silent', 'lint']);
step('typecheck', 'npm', ['run', '--silent', 'typecheck']);
step('build:functions', 'npm', ['run', '--silent', 'build:functions']);
const jestOut = join(tmp, 'jest-results.json');
step('jest', npx('jest'), ['--ci', '--json', `--outputFile=${jestOut}`], {
  count: () => {
    const j = readJson(jestOut);
    return j
      ? { passed: j.numPassedTests, failed: j.numFailedTests + (j.numRuntimeErrorTestSuites || 0) }
      : { passed: 0, failed: 1 };
  },
});
step('build:weapp', 'npm', ['run', '--silent', 'build:weapp']);
step('check:size', 'npm', ['run', '--silent', 'check:size']);
step('build:h5', 'npm', ['run', '--silent', 'build:h5']);
const e2eOut = join(tmp, 'e2e-results.json');
step('e2e', 'npm', ['run', '--silent', 'test:e2e', '--', `--json=${e2eOut}`], {
  count: () => readJson(e2eOut) ?? { passed: 0, failed: 1 },
});
finish();
