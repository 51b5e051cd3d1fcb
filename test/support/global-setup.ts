import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * Builds every cloud function bundle once before the node tests run (they load the bundles). The
 * build runs under tsx, as `npm run build:functions` does, because jest's global setup is loaded
 * without the test projects' module mapping and the build script imports through path aliases.
 */
export default function globalSetup(): void {
  const root = path.resolve(__dirname, '..', '..');
  const r = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['scripts/build-functions.ts', '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`build-functions failed (exit ${r.status})`);
}
