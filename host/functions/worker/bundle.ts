/**
 * The function instance's entry (child.ts) as one plain JavaScript file, so an instance starts with
 * `node <file>` and no TypeScript loader (a loader costs each cold start ~0.3 s of CPU). Built with
 * esbuild on first use in a process and kept in the temp folder under a hash of its text, so
 * processes and test files share it and a changed child.ts gets a new file.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';

let built: string | undefined;

export function workerEntry(): string {
  if (built && fs.existsSync(built)) return built;
  const out = buildSync({
    entryPoints: [path.join(__dirname, 'child.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
  });
  const text = out.outputFiles[0]?.text;
  if (!text) throw new Error('function worker: esbuild produced no output');
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const dir = path.join(os.tmpdir(), 'siyu-function-worker');
  const file = path.join(dir, `child-${hash}.js`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    // Written aside and renamed: another process may be starting an instance from the same file.
    const partial = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(partial, text);
    fs.renameSync(partial, file);
  }
  built = file;
  return file;
}
