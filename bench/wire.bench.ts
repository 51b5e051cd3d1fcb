/**
 * One `mall.redeem` through the whole wire path, taken apart: the CPU it costs in the local cloud's
 * process (HTTP, request guard, the database engine, SQLite) and in the function instances (the
 * handler, the kit, wx-server-sdk), the database round trips it makes and the bytes they carry, set
 * against baselines measured in the same run:
 * - a bare wx-server-sdk `db.collection().doc().get()` round trip (SDK + HTTP + engine, all here);
 * - a bare SQLite transaction writing what a redemption writes (better-sqlite3, same pragmas).
 *
 * One member redeems one coupon after another (warm instances), so each figure is per redemption.
 * CPU time, not wall time, since the machine is shared.
 *
 *   npm run bench -- wire      (SIYU_WIRE_ROUNDS: redemptions measured per way, default 80;
 *                              SIYU_WIRE_PROFILE=<dir>: a CPU profile of the local cloud)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { Session } from 'node:inspector/promises';
import Database from 'better-sqlite3';
import { buildFunctions } from '../scripts/build-functions';
import type { Isolation } from '../host/functions/runtime';
import { registry } from '../host/functions/worker/registry';
import { bridgeClient } from '../test/support/bridge-client';
import { CONSENT, TestCloud } from '../test/support/local-cloud';
import { childCpuSeconds } from './support/proc';
import { runWhenMain } from './support/main';

const HQ = 'o_bench_hq';
const MEMBER = 'o_bench_wire_member';
const ROUNDS = Number(process.env.SIYU_WIRE_ROUNDS ?? 80);
/** Redemptions before any is measured: the instances' JIT is still improving after tens of calls. */
const WARM = 80;
/** Rounds in which the ways compared take turns. */
const TURNS = 4;
/** Redemptions measured again for bytes and engine CPU. */
const DETAIL = 20;

/** One way of running the functions, measured over one member's warm redemptions. */
export interface WireRow {
  isolation: Isolation;
  /** Which idle instance a call takes (worker/registry.ts): 'recent' now, 'oldest' before. */
  order: 'recent' | 'oldest';
  /** CPU ms per redemption in the local cloud's process (this one: it includes the bench's client). */
  hostCpuMs: number;
  /** CPU ms per redemption in the function instances (worker processes; 0 inline). */
  instanceCpuMs: number;
  wallP50Ms: number;
  /** Database wire requests per redemption, by action. */
  roundTrips: number;
  actions: Record<string, number>;
  /** JSON bytes per redemption to and from the database. */
  bytesOut: number;
  bytesIn: number;
  /** CPU time inside the database engine (synchronous) per redemption. */
  engineMs: number;
  /** A bridge call answered without an invocation (unknown function): the bench's client and HTTP. */
  bridgeOnlyCpuMs: number;
  /** TCP connections to the local cloud opened during the measured redemptions (keep-alive: ~0). */
  newConnections: number;
  /** account.whoami: one invocation, one round trip (the caller's user document). */
  whoami: { hostCpuMs: number; instanceCpuMs: number; wallP50Ms: number; roundTrips: number };
}

export interface WireBenchResult {
  redemptions: number;
  rows: WireRow[];
  /** A bare SDK doc().get() round trip from a process of its own: CPU ms there, and in the local cloud. */
  sdkGetClientCpuMs: number;
  sdkGetHostCpuMs: number;
  /** A bare SQLite transaction writing what a redemption writes. */
  sqliteTxCpuMs: number;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** A bare SQLite transaction of what a redemption writes: five updates and two inserts of similar size. */
function sqliteBaseline(n: number): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-wire-'));
  const sql = new Database(path.join(dir, 'bare.sqlite'));
  try {
    sql.pragma('journal_mode = WAL');
    sql.pragma('synchronous = NORMAL');
    sql.exec(`CREATE TABLE docs (coll TEXT NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL, ver INTEGER NOT NULL,
      body TEXT NOT NULL, PRIMARY KEY (coll, key)) WITHOUT ROWID`);
    const insert = sql.prepare('INSERT INTO docs (coll, key, seq, ver, body) VALUES (?, ?, ?, ?, ?)');
    const update = sql.prepare('UPDATE docs SET ver = ?, body = ? WHERE coll = ? AND key = ?');
    const body = JSON.stringify({ pad: 'x'.repeat(300) });
    for (const c of ['stock', 'users', 'claims', 'accounts']) insert.run(c, 'k', 0, 0, body);
    let seq = 1;
    const tx = sql.transaction((i: number) => {
      for (const c of ['stock', 'users', 'claims', 'accounts']) update.run(i, body, c, 'k');
      insert.run('journal', `j${i}`, seq++, 1, body);
      insert.run('coupons', `c${i}`, seq++, 1, body);
    });
    const c0 = cpuMs();
    for (let i = 0; i < n; i++) tx(i);
    return (cpuMs() - c0) / n;
  } finally {
    sql.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Counts the database wire actions the local cloud answers (and their bytes) while `on`. */
function wireMeter(cloud: TestCloud) {
  const engine = cloud.cloud.engine;
  const handle = engine.handle.bind(engine);
  const m = {
    on: false,
    /** Also bytes and engine CPU: costs CPU of its own, so not while the CPU per redemption is read. */
    detail: false,
    actions: {} as Record<string, number>,
    bytesOut: 0,
    bytesIn: 0,
    engineMs: 0,
  };
  engine.handle = (body) => {
    if (!m.on) return handle(body);
    const a = String(body.action);
    m.actions[a] = (m.actions[a] ?? 0) + 1;
    if (!m.detail) return handle(body);
    const t0 = cpuMs();
    const reply = handle(body);
    // The engine answers synchronously: this process's CPU time meanwhile is the engine's.
    m.engineMs += cpuMs() - t0;
    m.bytesOut += JSON.stringify(body).length;
    m.bytesIn += JSON.stringify(reply).length;
    return reply;
  };
  const total = () => Object.values(m.actions).reduce((a, b) => a + b, 0);
  return { m, total, reset: () => Object.assign(m, { actions: {}, bytesOut: 0, bytesIn: 0, engineMs: 0 }) };
}

/** CPU ms per call in this process (the local cloud and the bench's client) and in the instances. */
async function perInvocation(n: number, call: () => Promise<unknown>) {
  const walls: number[] = [];
  const host0 = cpuMs();
  const inst0 = childCpuSeconds();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await call();
    walls.push(performance.now() - t0);
  }
  const inst1 = childCpuSeconds();
  const host1 = cpuMs();
  return { hostCpuMs: (host1 - host0) / n, instanceCpuMs: ((inst1 - inst0) * 1000) / n, walls };
}

/**
 * `n` bare doc().get() round trips from a wx-server-sdk in a process of its own, as an instance
 * makes them: that process's CPU per call (read by itself) and this one's (the local cloud's).
 */
async function bareSdkCalls(env: Record<string, string>, n: number): Promise<{ clientMs: number; hostMs: number }> {
  const script = `
    const cloud = require('wx-server-sdk');
    cloud.init({ env: process.env.TCB_ENV });
    const users = cloud.database({ throwOnNotFound: false }).collection('users');
    (async () => {
      for (let i = 0; i < 30; i++) await users.doc(${JSON.stringify(MEMBER)}).get();
      process.send('go');
      await new Promise((r) => process.once('message', r));
      const c = process.cpuUsage();
      for (let i = 0; i < ${n}; i++) await users.doc(${JSON.stringify(MEMBER)}).get();
      const d = process.cpuUsage(c);
      process.send(String((d.user + d.system) / 1000 / ${n}));
      process.disconnect();
    })();`;
  const child = spawn(process.execPath, ['-e', script], {
    cwd: path.join(__dirname, '..'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () =>
    new Promise<string>((resolve) =>
      child.once('message', (m) => resolve(typeof m === 'string' ? m : JSON.stringify(m))),
    );
  await next();
  const host0 = cpuMs();
  child.send('go');
  const clientMs = Number(await next());
  return { clientMs, hostMs: (cpuMs() - host0) / n };
}

/**
 * With SIYU_WIRE_PROFILE=<dir>, a V8 CPU profile of this process (the local cloud) over the
 * measured redemptions, written there as wire-host-<isolation>.cpuprofile (Chrome DevTools opens it).
 */
async function startProfile(isolation: Isolation): Promise<{ stop: () => Promise<void> }> {
  const dir = process.env.SIYU_WIRE_PROFILE;
  if (!dir) return { stop: () => Promise.resolve() };
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    stop: async () => {
      const { profile } = await session.post('Profiler.stop');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `wire-host-${isolation}.cpuprofile`), JSON.stringify(profile));
      session.disconnect();
    },
  };
}

/** Client ports of the TCP connections to `port` that the kernel lists now (any state, TIME_WAIT included). */
function connectionsTo(port: number): Set<string> {
  const out = new Set<string>();
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const [, local, remote] = line.trim().split(/\s+/);
      if (local?.endsWith(`:${hex}`) && remote) out.add(remote);
    }
  }
  return out;
}

/** CPU and wall figures summed over several rounds of `perInvocation`. */
class Tally {
  private n = 0;
  private host = 0;
  private inst = 0;
  private readonly walls: number[] = [];

  async add(n: number, call: () => Promise<unknown>): Promise<void> {
    const r = await perInvocation(n, call);
    this.n += n;
    this.host += r.hostCpuMs * n;
    this.inst += r.instanceCpuMs * n;
    this.walls.push(...r.walls);
  }

  get figures() {
    return { hostCpuMs: this.host / this.n, instanceCpuMs: this.inst / this.n, wallP50Ms: median(this.walls) };
  }
}

/**
 * Starts a local cloud with the functions run one way and measures redemptions and whoami calls.
 * With instances in processes, `orders` take turns in rounds over the same warm instances, so the
 * instances' warm-up (their JIT keeps improving over hundreds of calls) and the machine's load
 * fall on each alike: one row per order.
 */
async function measure(
  isolation: Isolation,
  orders: readonly WireRow['order'][],
  baselines?: (cloud: TestCloud) => Promise<void>,
): Promise<WireRow[]> {
  const limit = Number(process.env.SIYU_WIRE_INSTANCES);
  const cloud = new TestCloud({ hqOpenids: [HQ], isolation, ...(limit > 0 ? { instances: limit } : {}) });
  await cloud.start();
  try {
    await cloud.ok('account', 'registerMember', { name: '会员', consent: CONSENT }, MEMBER);
    await cloud.ok('points', 'adjust', { openid: MEMBER, delta: 1_000_000, reason: '压测积分' }, HQ);
    const total = WARM + orders.length * ROUNDS + DETAIL;
    // A member may redeem one item at most 100 times: a new item every 90 redemptions.
    const items: string[] = [];
    for (let i = 0; i < Math.ceil(total / 90); i++) {
      const item = {
        title: `券${i}`,
        kind: 'coupon',
        pointsPrice: 1,
        stock: 100_000,
        perUserLimit: 100,
        amountFen: 500,
      };
      items.push((await cloud.ok('mall', 'saveItem', item as never, HQ)).id);
    }
    // Straight to the bridge, without the test client's reply scan (which reads every user per call).
    const bridge = bridgeClient(() => cloud.url);
    let seq = 0;
    const redeem = () => {
      const itemId = items[Math.floor(seq / 90)] ?? '';
      return bridge.ok('mall', 'redeem', { itemId, requestId: `wire_${process.pid}_${++seq}` }, MEMBER);
    };
    const whoami = () => bridge.ok('account', 'whoami', {}, MEMBER);
    for (let i = 0; i < WARM; i++) await Promise.all([redeem(), whoami()]);

    const meter = wireMeter(cloud);
    meter.m.on = true;
    const before = connectionsTo(cloud.cloud.port);
    const profile = await startProfile(isolation);
    const tallies = orders.map(() => new Tally());
    const per = Math.ceil(ROUNDS / TURNS);
    for (let turn = 0; turn < TURNS; turn++) {
      for (const [i, order] of orders.entries()) {
        registry().order = order;
        await tallies[i]?.add(per, redeem);
      }
    }
    registry().order = 'recent';
    await profile.stop();
    const opened = [...connectionsTo(cloud.cloud.port)].filter((c) => !before.has(c)).length;
    const calls = per * TURNS * orders.length;
    const wire = { ...meter.m, trips: meter.total() / calls };
    meter.reset();
    const w = new Tally();
    await w.add(ROUNDS, whoami);
    const whoamiTrips = meter.total() / ROUNDS;
    meter.reset();
    meter.m.detail = true;
    for (let i = 0; i < DETAIL; i++) await redeem();
    const detail = { ...meter.m };
    meter.m.on = false;
    // What the bench's own HTTP client and the bridge route cost, without any invocation.
    const missing = await perInvocation(ROUNDS, () => bridge.callRaw('no_such_function', {}, MEMBER));
    await baselines?.(cloud);
    return orders.map((order, i) => ({
      isolation,
      order,
      ...(tallies[i] as Tally).figures,
      roundTrips: wire.trips,
      actions: Object.fromEntries(Object.entries(wire.actions).map(([k, v]) => [k, v / calls])),
      bytesOut: detail.bytesOut / DETAIL,
      bytesIn: detail.bytesIn / DETAIL,
      engineMs: detail.engineMs / DETAIL,
      bridgeOnlyCpuMs: missing.hostCpuMs,
      // The bench's own bridge calls (one per redemption) come from this process over undici's pool.
      newConnections: opened,
      whoami: { ...w.figures, roundTrips: whoamiTrips },
    }));
  } finally {
    registry().order = 'recent';
    await cloud.stop();
  }
}

export async function run(): Promise<WireBenchResult> {
  await buildFunctions({ quiet: true, names: ['account', 'points', 'mall'] });
  let sdkGet = { clientMs: Number.NaN, hostMs: Number.NaN };
  const rows = await measure('process', ['recent', 'oldest'], async (cloud) => {
    sdkGet = await bareSdkCalls(cloud.cloud.sdkEnv(), 300);
  });
  rows.push(...(await measure('inline', ['recent'])));
  const result: WireBenchResult = {
    redemptions: ROUNDS,
    rows,
    sdkGetClientCpuMs: sdkGet.clientMs,
    sdkGetHostCpuMs: sdkGet.hostMs,
    sqliteTxCpuMs: sqliteBaseline(2000),
  };
  report(result);
  return result;
}

function report(r: WireBenchResult): void {
  const f = (x: number) => x.toFixed(2);
  const load = os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  const trip = r.sdkGetClientCpuMs + r.sdkGetHostCpuMs;
  const lines = [
    `mall.redeem through the wire: one member, ${r.redemptions} redemptions per way one after another (after ${WARM} to warm up); load ${load}`,
    `  baseline, bare SDK doc().get() round trip from its own process: client ${f(r.sdkGetClientCpuMs)} + local cloud ${f(r.sdkGetHostCpuMs)} = ${f(trip)} CPU ms`,
    `  baseline, bare SQLite transaction of a redemption's writes: ${(r.sqliteTxCpuMs * 1000).toFixed(0)} CPU µs`,
  ];
  for (const row of r.rows) {
    const total = row.hostCpuMs + row.instanceCpuMs;
    lines.push(
      `  functions ${row.isolation}${row.isolation === 'process' ? `, ${row.order} idle instance first` : ''}: CPU ms per redemption: local cloud ${f(row.hostCpuMs)} + instances ${f(row.instanceCpuMs)} = ${f(total)}; wall p50 ${f(row.wallP50Ms)} ms`,
      `    database round trips ${f(row.roundTrips)} (${Object.entries(row.actions)
        .sort((x, y) => y[1] - x[1])
        .map(([a, n]) => `${a.replace('database.', '')} ${f(n)}`)
        .join(', ')})`,
      `    bytes to / from the database ${Math.round(row.bytesOut)} / ${Math.round(row.bytesIn)}; engine ${f(row.engineMs)} CPU ms; new TCP connections ${row.newConnections}`,
      `    a bridge call without an invocation (the bench's HTTP client and the bridge route): ${f(row.bridgeOnlyCpuMs)} CPU ms`,
      `    account.whoami (${f(row.whoami.roundTrips)} round trip): local cloud ${f(row.whoami.hostCpuMs)} + instances ${f(row.whoami.instanceCpuMs)} CPU ms; wall p50 ${f(row.whoami.wallP50Ms)} ms`,
      `    per redemption / (round trips × bare round trip) ${f(total / (row.roundTrips * trip))}×; / bare SQLite transaction ${(total / r.sqliteTxCpuMs).toFixed(0)}×`,
    );
    if (row.isolation === 'process' && row.order === 'recent') {
      const wireHost = row.roundTrips * r.sdkGetHostCpuMs;
      const wireClient = row.roundTrips * r.sdkGetClientCpuMs;
      lines.push(
        `    as round trips × bare round trip + the rest (invocation, handler, SDK work beyond a get):`,
        `      local cloud ${f(wireHost)} + ${f(row.hostCpuMs - wireHost)}; instances ${f(wireClient)} + ${f(row.instanceCpuMs - wireClient)}`,
      );
    }
  }
  console.log(lines.join('\n'));
}

runWhenMain(__filename, run);
