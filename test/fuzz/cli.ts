/**
 * `npm run fuzz`: every action of every function with generated bad inputs through the local cloud,
 * the database hashed after every call. Prints the per-action table; exits 1 on any failure.
 *
 *   npm run fuzz                          500 inputs per action, seed 20240601
 *   npm run fuzz -- --count 2000 --seed 7 more inputs, another seed
 *   npm run fuzz -- --only mall.redeem    one action (any part of function.action)
 */
import { parseArgs } from 'node:util';
import { buildFunctions } from '../../scripts/build-functions';
import { DEFAULT_OPTIONS, formatReport, passed, runFuzz } from './run';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '500' },
      seed: { type: 'string', default: String(DEFAULT_OPTIONS.seed) },
      only: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const count = Number(values.count);
  const seed = Number(values.seed);
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
    console.error('fuzz: --count must be a positive integer and --seed an integer');
    return 2;
  }
  await buildFunctions({ quiet: true });
  const report = await runFuzz({
    count,
    seed,
    perCall: true,
    ...(values.only ? { only: values.only } : {}),
    log: values.quiet ? undefined : (line) => console.error(line),
  });
  console.log(formatReport(report));
  console.log(`\nfuzz: seed ${seed}, ${count} per action, ${(report.ms / 1000).toFixed(1)} s`);
  return passed(report) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
