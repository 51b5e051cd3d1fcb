/**
 * `npm run bench`: runs every bench/*.bench.ts `run()` in one process, one after another, in file
 * name order. Each bench prints its own figures (ratios, since the machine is shared).
 */
import fs from 'node:fs';
import path from 'node:path';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
    .sort();
  let failed = 0;
  for (const file of files) {
    const mod = (await import(path.join(__dirname, file))) as { run?: () => Promise<unknown> };
    if (typeof mod.run !== 'function') {
      console.error(`${file}: no exported run()`);
      failed++;
      continue;
    }
    const t0 = performance.now();
    try {
      await mod.run();
    } catch (err) {
      failed++;
      console.error(`${file} failed:`, err);
    }
    console.log(`-- ${file}: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  if (failed > 0) process.exit(1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
