/**
 * 20 concurrent runTransaction transfers through the real wx-server-sdk: money is conserved and
 * every transfer either commits or fails the way the SDK reports a conflict. A barrier makes all 20
 * read before any writes, so conflicts are certain rather than left to scheduling.
 */
import { DatabaseEngine } from './engine';
import { startHarness, type Harness } from './test-harness';

let engine: DatabaseEngine;
let h: Harness;
let db: ReturnType<Harness['cloud']['database']>;
type Tx = Awaited<ReturnType<typeof db.startTransaction>>;

const ACCOUNTS = ['A', 'B', 'C', 'D'];
const N = 20;

beforeAll(async () => {
  engine = new DatabaseEngine({ file: ':memory:', collections: [{ name: 'accounts', doc: 'test', indexes: [] }] });
  h = await startHarness(engine);
  db = h.cloud.database();
});
afterAll(async () => {
  await h.close();
  engine.close();
});
beforeEach(() => {
  for (const d of engine.findDocs('accounts'))
    engine.handle({
      action: 'database.removeDocument',
      collectionName: 'accounts',
      queryType: 'DOC',
      query: JSON.stringify({ _id: d._id }),
    });
  for (const id of ACCOUNTS) engine.insertDoc('accounts', { _id: id, bal: 1000 });
});

const balances = () => Object.fromEntries(engine.findDocs('accounts').map((d) => [String(d._id), d.bal as number]));
const total = () => Object.values(balances()).reduce((a, b) => a + b, 0);

/** Resolves once `n` callers have arrived (or after a short wait, for retries that come late). */
function barrier(n: number): () => Promise<void> {
  let arrived = 0;
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  return async () => {
    if (++arrived >= n) open();
    await Promise.race([gate, new Promise((r) => setTimeout(r, 200))]);
  };
}

function transferJob(i: number, wait: () => Promise<void>, counts: { attempts: number }) {
  const from = ACCOUNTS[i % ACCOUNTS.length] as string;
  const to = ACCOUNTS[(i + 1) % ACCOUNTS.length] as string;
  const amount = i + 1;
  const run = () =>
    db.runTransaction(async (tx: Tx) => {
      counts.attempts++;
      const a = (await tx.collection('accounts').doc(from).get()).data as { bal: number };
      await wait();
      await tx
        .collection('accounts')
        .doc(from)
        .update({ data: { bal: a.bal - amount } });
      await tx
        .collection('accounts')
        .doc(to)
        .update({ data: { bal: db.command.inc(amount) } });
    });
  return { from, to, amount, run };
}

/** How wx-server-sdk surfaces a conflict: -501001 from a step, or the code after runTransaction's retries. */
function isConflict(e: unknown): boolean {
  const err = e as { errCode?: number; errMsg?: string; code?: string };
  return (
    err.code === 'DATABASE_TRANSACTION_CONFLICT' ||
    (err.errCode === -501001 &&
      /\[ResourceUnavailable\.TransactionConflict\] Transaction is conflict/.test(err.errMsg ?? ''))
  );
}

it('conserves the total; each transfer commits or fails as an SDK-reported conflict', async () => {
  const wait = barrier(N);
  const counts = { attempts: 0 };
  const jobs = Array.from({ length: N }, (_v, i) => transferJob(i, wait, counts));
  const results = await Promise.allSettled(jobs.map((j) => j.run()));

  const failed = results.filter((r) => r.status === 'rejected');
  expect(failed.every((r) => isConflict(r.reason))).toBe(true);
  expect(failed.length).toBeGreaterThan(0); // the barrier guarantees collisions
  expect(failed.length).toBeLessThan(N);
  expect(total()).toBe(ACCOUNTS.length * 1000);

  // Exact accounting: balances equal the start plus exactly the committed transfers.
  const expected = Object.fromEntries(ACCOUNTS.map((a) => [a, 1000]));
  results.forEach((r, i) => {
    if (r.status !== 'fulfilled') return;
    const j = jobs[i] as (typeof jobs)[number];
    expected[j.from] = (expected[j.from] as number) - j.amount;
    expected[j.to] = (expected[j.to] as number) + j.amount;
  });
  expect(balances()).toEqual(expected);
});

it('completes all 20 when the caller retries the conflicts the SDK does not', async () => {
  const wait = barrier(N);
  const counts = { attempts: 0 };
  const jobs = Array.from({ length: N }, (_v, i) => transferJob(i, wait, counts));
  const withRetry = async (run: () => Promise<unknown>): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      try {
        await run();
        return;
      } catch (e) {
        if (!isConflict(e) || attempt >= 50) throw e;
        await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
      }
    }
  };
  await Promise.all(jobs.map((j) => withRetry(j.run)));
  const moved = jobs.reduce<Record<string, number>>((acc, j) => {
    acc[j.from] = (acc[j.from] ?? 1000) - j.amount;
    acc[j.to] = (acc[j.to] ?? 1000) + j.amount;
    return acc;
  }, {});
  expect(balances()).toEqual(moved);
  expect(total()).toBe(ACCOUNTS.length * 1000);
  expect(counts.attempts).toBeGreaterThan(N);
});
