/**
 * Every action of every function (found in core/contracts at run time) with 200 generated bad
 * inputs each, through the local cloud: only closed error codes, never INTERNAL, the code the kit
 * owes that caller, Chinese messages without stacks, and nothing written. The database is hashed
 * after each batch of calls sent together; `npm run fuzz` hashes it after every call, with more inputs.
 */
import { formatReport, passed, runFuzz, type FuzzReport } from './run';

const COUNT = 200;
let report: FuzzReport;

beforeAll(async () => {
  report = await runFuzz({ count: COUNT, perCall: false, chunk: 8 });
}, 240_000);

it('fuzzes every action of every function with at least 200 bad inputs', () => {
  expect(report.missingFunctions).toEqual([]);
  expect(report.actions.length).toBeGreaterThanOrEqual(40);
  const short = report.actions.filter((a) => a.sent < COUNT).map((a) => `${a.key}: ${a.sent}`);
  expect(short).toEqual([]);
});

it('answers every bad input with a closed code, never INTERNAL, and writes nothing', () => {
  if (!passed(report)) console.log(formatReport(report));
  expect(report.actions.flatMap((a) => a.failures).slice(0, 10)).toEqual([]);
  expect(report.storageChanged).toBe(false);
});
