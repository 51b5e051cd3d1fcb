/**
 * `npm run host`: the local cloud alone. Starts every service, prints where it listens and where
 * its data lives, loads the demo data into an empty database (unless SIYU_SEED=0), and shuts down
 * cleanly on Ctrl-C / SIGTERM.
 */
import { loadConfig } from './config';
import type * as SeedIndex from './seed/index';
import { startLocalCloud, type LocalCloud } from './index';

type SeedModule = typeof SeedIndex;

async function loadSeed(): Promise<SeedModule | null> {
  try {
    return await import('./seed/index');
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const seed = config.seed ? await loadSeed() : null;
  if (config.seed && !seed) console.log('seed: not available');
  // The demo world is run by its own HQ operator, who must be HQ for the seed's calls to pass.
  const hqOpenids = seed ? [...new Set([...config.hqOpenids, seed.DEMO_HQ_OPENID])] : config.hqOpenids;

  let cloud: LocalCloud;
  try {
    cloud = await startLocalCloud({ config, hqOpenids });
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      console.log(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: stopping the local cloud…`);
    cloud.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  const functions = cloud.runtime.list();
  const timers = cloud.timers.list();
  console.log(`local cloud ready in ${Date.now() - started} ms`);
  console.log(`  url        ${cloud.url}`);
  console.log(`  wire       ${cloud.adminUrl}  (TCB_CONTEXT_CNFG for wx-server-sdk)`);
  console.log(`  data dir   ${cloud.dataDir}`);
  console.log(`  functions  ${functions.length > 0 ? functions.join(', ') : '(none built: npm run build:functions)'}`);
  for (const t of timers) console.log(`  timer      ${t.functionName}.${t.triggerName}  ${t.expression}`);
  console.log(`  HQ         ${hqOpenids.length > 0 ? hqOpenids.join(', ') : '(none: set SIYU_HQ_OPENIDS)'}`);

  if (seed && !stopping) {
    try {
      await seed.seedIfEmpty(cloud, (line) => console.log(line));
    } catch (err) {
      // The host stays up: the data is still usable, and the message says what to fix.
      console.error(`seed failed: ${(err as Error).message}`);
    }
  }
}

void main();
