/**
 * The local cloud's database through the wire vs in-process, and transactions per second.
 *
 * - Reads: `doc(id).get()` and a 1,000-document `where().get()` by the real wx-server-sdk over HTTP
 *   to a running local cloud, against two baselines measured in the same run: the same SDK calls
 *   answered in-process (connectSdkInProcess: no HTTP, same JSON boundary) and `engine.handle`
 *   called directly. The ratio is the cost of the wire; absolute times depend on the shared machine.
 * - Transactions: `runTransaction` transfers between accounts over HTTP at 1 and 20 concurrent
 *   callers; conflicts are retried by the caller (as host/db/concurrency.test.ts does) and counted,
 *   and the total balance must be conserved.
 *
 *   npx tsx bench/host.bench.ts          (or through npm run bench, which calls run())
 */
import type * as WxServerSdk from 'wx-server-sdk';
import { connectSdkInProcess } from '../host/db/in-process';
import { ok } from '../host/db/sdk-call';
import { TestCloud } from '../test/support/local-cloud';
import { runWhenMain } from './support/main';

const DOCS = 'bench_docs';
const ACCOUNTS = 'bench_accounts';
const ACCOUNT_COUNT = 10;
const START_BALANCE = 1_000;
/** Samples per read path: enough for a stable p95, short enough for a shared 2-core machine. */
const DOC_GET_SAMPLES = 300;
const WHERE_GET_SAMPLES = 40;
/** Transfers per level: 1 caller runs them one by one; 20 callers share them. */
const TX_LEVELS = [
  { concurrency: 1, transfers: 150 },
  { concurrency: 20, transfers: 300 },
] as const;
const MAX_ATTEMPTS = 100;

type Db = ReturnType<typeof WxServerSdk.database>;
type Tx = Awaited<ReturnType<Db['startTransaction']>>;

export interface Stats {
  n: number;
  medianMs: number;
  p95Ms: number;
}

export interface ReadRow {
  name: string;
  wire: Stats;
  sdkInProcess: Stats;
  engine: Stats;
}

export interface TxRow {
  concurrency: number;
  transfers: number;
  conflicts: number;
  seconds: number;
  perSecond: number;
  latency: Stats;
  conserved: boolean;
}

function stats(samples: readonly number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  const m = s.length >> 1;
  const medianMs = s.length % 2 ? at(0.5) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
  return { n: s.length, medianMs, p95Ms: at(0.95) };
}

async function sample(fn: () => unknown, runs: number, warmup = 5): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return stats(times);
}

/** How wx-server-sdk surfaces a conflict: -501001 from a step, or the code after runTransaction's retries. */
function isConflict(e: unknown): boolean {
  const err = e as { errCode?: number; errMsg?: string; code?: string };
  return (
    err.code === 'DATABASE_TRANSACTION_CONFLICT' ||
    (err.errCode === -501001 && /\[ResourceUnavailable\.TransactionConflict\]/.test(err.errMsg ?? ''))
  );
}

/** A small deterministic generator, so two runs move the same amounts between the same accounts. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const fmt = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));

export async function run(): Promise<{ reads: ReadRow[]; transactions: TxRow[] }> {
  const local = new TestCloud();
  await local.start();
  const cloud = local.cloud;
  const engine = cloud.engine;
  const reads: ReadRow[] = [];
  const transactions: TxRow[] = [];
  try {
    // Point this process's wx-server-sdk at the local cloud, as a function's process would be.
    Object.assign(process.env, cloud.sdkEnv(), { SILENCE: 'true' });
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- must load after the env above
    const sdk = require('wx-server-sdk') as typeof WxServerSdk;
    sdk.init({ env: cloud.envId });
    const db = sdk.database();

    for (const name of [DOCS, ACCOUNTS]) {
      const r = engine.handle({ action: 'database.addCollection', collectionName: name });
      if (r.code) throw new Error(`addCollection ${name}: ${String(r.message)}`);
    }
    for (let i = 0; i < 2000; i++)
      engine.insertDoc(DOCS, {
        _id: `doc_${String(i).padStart(5, '0')}`,
        title: `post ${i}`,
        store: i % 2 ? 'A' : 'B',
        n: i,
        tags: ['x', 'y'],
        body: 'b'.repeat(200),
      });

    // ---- reads: wire vs in-process -------------------------------------------------------------
    const readCases = [
      {
        name: 'doc().get()',
        samples: DOC_GET_SAMPLES,
        expect: 1,
        sdkCall: async () => (await ok(db.collection(DOCS).doc('doc_01234').get())).data,
        body: {
          action: 'database.getDocument',
          collectionName: DOCS,
          queryType: 'DOC',
          query: JSON.stringify({ _id: 'doc_01234' }),
        },
      },
      {
        name: 'where().get() 1,000 docs',
        samples: WHERE_GET_SAMPLES,
        expect: 1000,
        sdkCall: async () => (await ok(db.collection(DOCS).where({ store: 'A' }).limit(1000).get())).data,
        body: {
          action: 'database.getDocument',
          collectionName: DOCS,
          queryType: 'WHERE',
          query: JSON.stringify({ store: 'A' }),
          limit: 1000,
        },
      },
    ];
    for (const c of readCases) {
      const count = (data: unknown) => (Array.isArray(data) ? data.length : data ? 1 : 0);
      const check = async () => {
        const got = count(await c.sdkCall());
        if (got !== c.expect) throw new Error(`${c.name}: ${got} documents, expected ${c.expect}`);
      };
      await check();
      const wire = await sample(c.sdkCall, c.samples);
      const restore = connectSdkInProcess(engine);
      let sdkInProcess: Stats;
      try {
        await check();
        sdkInProcess = await sample(c.sdkCall, c.samples);
      } finally {
        restore();
      }
      const engineOnly = await sample(() => {
        const r = engine.handle(c.body);
        if (r.code) throw new Error(`${c.name}: ${String(r.message)}`);
      }, c.samples);
      reads.push({ name: c.name, wire, sdkInProcess, engine: engineOnly });
    }

    // ---- transactions ----------------------------------------------------------------------------
    const accountIds = Array.from({ length: ACCOUNT_COUNT }, (_v, i) => `acct_${i}`);
    for (const id of accountIds) engine.insertDoc(ACCOUNTS, { _id: id, bal: START_BALANCE });
    const total = () => engine.findDocs(ACCOUNTS).reduce((sum, d) => sum + (d.bal as number), 0);
    const rand = rng(7);
    for (const level of TX_LEVELS) {
      let conflicts = 0;
      let next = 0;
      const latencies: number[] = [];
      const transfer = async () => {
        const fromIdx = Math.floor(rand() * ACCOUNT_COUNT);
        const from = accountIds[fromIdx] as string;
        const to = accountIds[(fromIdx + 1 + Math.floor(rand() * (ACCOUNT_COUNT - 1))) % ACCOUNT_COUNT] as string;
        const amount = 1 + Math.floor(rand() * 20);
        const t0 = performance.now();
        for (let attempt = 1; ; attempt++) {
          try {
            await db.runTransaction(async (tx: Tx) => {
              const a = (await tx.collection(ACCOUNTS).doc(from).get()).data as { bal: number };
              await tx
                .collection(ACCOUNTS)
                .doc(from)
                .update({ data: { bal: a.bal - amount } });
              await tx
                .collection(ACCOUNTS)
                .doc(to)
                .update({ data: { bal: db.command.inc(amount) } });
            });
            break;
          } catch (e) {
            if (!isConflict(e) || attempt >= MAX_ATTEMPTS) throw e;
            conflicts++;
            await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
          }
        }
        latencies.push(performance.now() - t0);
      };
      const started = performance.now();
      await Promise.all(
        Array.from({ length: level.concurrency }, async () => {
          while (next < level.transfers) {
            next++;
            await transfer();
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const conserved = total() === ACCOUNT_COUNT * START_BALANCE;
      transactions.push({
        concurrency: level.concurrency,
        transfers: latencies.length,
        conflicts,
        seconds,
        perSecond: latencies.length / seconds,
        latency: stats(latencies),
        conserved,
      });
      if (!conserved) throw new Error(`total not conserved at concurrency ${level.concurrency}: ${total()}`);
    }
  } finally {
    await local.stop();
  }

  console.log('local cloud database: real wx-server-sdk over HTTP vs the engine in-process (same run)');
  console.log('read                        path               n   median ms  p95 ms   wire ÷ this (median)');
  for (const r of reads) {
    const rows: [string, Stats][] = [
      ['SDK over HTTP', r.wire],
      ['SDK in-process', r.sdkInProcess],
      ['engine.handle', r.engine],
    ];
    for (const [label, s] of rows)
      console.log(
        `${r.name.padEnd(26)}  ${label.padEnd(16)}  ${String(s.n).padStart(4)}  ${fmt(s.medianMs).padStart(9)}  ${fmt(s.p95Ms).padStart(6)}   ${(r.wire.medianMs / s.medianMs).toFixed(2)}×`,
      );
  }
  console.log('runTransaction transfers over HTTP (read, update, inc; conflicts retried by the caller)');
  console.log('concurrency  transfers  conflicts  seconds  tx/s    median ms  p95 ms  total conserved');
  for (const t of transactions)
    console.log(
      `${String(t.concurrency).padStart(11)}  ${String(t.transfers).padStart(9)}  ${String(t.conflicts).padStart(9)}  ${t.seconds.toFixed(2).padStart(7)}  ${t.perSecond.toFixed(1).padStart(6)}  ${fmt(t.latency.medianMs).padStart(9)}  ${fmt(t.latency.p95Ms).padStart(6)}  ${t.conserved ? 'yes' : 'NO'}`,
    );
  return { reads, transactions };
}

runWhenMain(__filename, run);
