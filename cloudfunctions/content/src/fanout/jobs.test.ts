import path from 'node:path';
import { readFunctionConfig } from '@server/config/function-config';
import { DISPATCH_SETTLE_MS } from './dispatch';
import { LEASE_MS, MEASURED_VARIANT_MS, RUNNER_BUDGET_MS, VARIANT_BATCH, jobId } from './jobs';

const config = readFunctionConfig(path.join(__dirname, '..', '..'));
const timeoutMs = config.timeout * 1000;

describe('the batch queue fits the content function', () => {
  it('holds a lease longer than any invocation can run, so a live runner never loses its batch', () => {
    expect(LEASE_MS).toBeGreaterThan(timeoutMs);
  });

  it('leaves room in the timeout for the slowest variant started at the end and for handing the chain on', () => {
    expect(RUNNER_BUDGET_MS + MEASURED_VARIANT_MS * 2 + DISPATCH_SETTLE_MS).toBeLessThanOrEqual(timeoutMs);
  });

  it('sizes a batch to what fits the budget at the measured cost of a variant', () => {
    expect(VARIANT_BATCH).toBeGreaterThanOrEqual(1);
    expect(VARIANT_BATCH * MEASURED_VARIANT_MS).toBeLessThanOrEqual(RUNNER_BUDGET_MS);
    expect((VARIANT_BATCH + 1) * MEASURED_VARIANT_MS).toBeGreaterThan(RUNNER_BUDGET_MS);
  });

  it('numbers batches so that they sort in plan order', () => {
    expect([jobId('pst_a', 1, 10), jobId('pst_a', 1, 9)].sort()).toEqual(['pst_a:r1:00009', 'pst_a:r1:00010']);
  });
});
