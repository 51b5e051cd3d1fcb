/**
 * `npm run seed` (which builds the functions first): loads the demo world into the configured data directory (SIYU_DATA_DIR, else
 * `.data/`). Starts its own local cloud on a free port, seeds, stops. It never writes over data
 * already there: a database with stores or users is refused, with how to start afresh.
 *
 *   npm run seed              seed an empty data directory
 *   npm run seed -- --force   explains why it still refuses (demo data over real data would mix them)
 */
import { loadConfig, startLocalCloud, type LocalCloud } from '../index';
import { DEMO_HQ_OPENID } from './demo-data';
import { isEmpty, seed } from './index';

async function main(): Promise<number> {
  const force = process.argv.includes('--force');
  const config = loadConfig();
  let cloud: LocalCloud;
  try {
    cloud = await startLocalCloud({
      config,
      port: 0,
      hqOpenids: [...new Set([...config.hqOpenids, DEMO_HQ_OPENID])],
      quiet: true,
      // Timers would publish scheduled posts or expire points mid-seed; the host arms them.
      timers: false,
    });
  } catch (err) {
    // Most often a running `npm start` / `npm run host` holds the data dir: it seeds on its own.
    console.error(`seed: ${(err as Error).message}`);
    return 1;
  }
  try {
    if (!isEmpty(cloud)) {
      console.error(
        [
          `seed: ${cloud.dataDir} already has data; the demo seed only loads into an empty database.`,
          force
            ? '  --force does not overwrite: demo members, points and coupons mixed into existing data cannot be told apart afterwards.'
            : '  Nothing was changed.',
          `  To start afresh, stop the local cloud, delete ${cloud.dataDir} (or set SIYU_DATA_DIR to a new folder) and run npm run seed again.`,
        ].join('\n'),
      );
      return 1;
    }
    const report = await seed(cloud, (line) => console.log(line));
    console.log(`seed: done in ${report.ms} ms into ${cloud.dataDir}`);
    return 0;
  } finally {
    await cloud.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
