/**
 * The fuzz run: a seeded local cloud, every action of every contract, each bad input sent through
 * `cloud.invoke` or the HTTP bridge, and the checks that must hold for every one: the closed error
 * set (never INTERNAL), the code the kit owes that caller, a Chinese message without stack or path,
 * and the database (and stored files) byte-for-byte unchanged.
 */
import { createHash } from 'node:crypto';
import { ERROR_CODES } from '@core/errors';
import { FunctionError } from '../../host/functions/runtime';
import type { Who } from '../support/role-matrix';
import type { TestCloud } from '../support/local-cloud';
import { actionContext, expectedOf, planAction, type Case, type Category } from './cases';
import { fuzzTargets, type FuzzTarget } from './discover';
import { foreignCases } from './foreign';
import { buildWorld, fuzzCloud, storageFingerprint, type World } from './world';

export interface FuzzOptions {
  /** Bad inputs per action. */
  count: number;
  seed: number;
  /** Hash the database after every call (else after every `chunk` calls sent together). */
  perCall: boolean;
  /** Calls in flight at once when not checking per call. */
  chunk: number;
  /** Every n-th JSON-safe input goes over the HTTP bridge. */
  httpEvery: number;
  /** Only actions whose `fn.action` contains this. */
  only?: string;
  log?: (line: string) => void;
}

export const DEFAULT_OPTIONS: FuzzOptions = { count: 200, seed: 20240601, perCall: true, chunk: 1, httpEvery: 4 };

export interface Failure {
  key: string;
  category: Category;
  caller: Who;
  transport: Case['transport'];
  problem: string;
  input: string;
  reply: string;
}

export interface ActionReport {
  key: string;
  sent: number;
  byCategory: Partial<Record<Category, number>>;
  codes: Record<string, number>;
  internal: number;
  dbChanged: number;
  validBases: number;
  failures: Failure[];
  ms: number;
}

export interface FuzzReport {
  actions: ActionReport[];
  seedMs: number;
  ms: number;
  storageChanged: boolean;
  /** Contracts whose function the local cloud does not have. */
  missingFunctions: string[];
}

const CJK = /\p{Script=Han}/u;
/** What a stack, a file path or an exception name looks like in a message. */
const LEAK = /\n\s*at |\/(work|home|tmp|usr)\/|node_modules|\.(ts|js):\d|\b(TypeError|RangeError|SyntaxError|Error):/;
const MAX_MESSAGE = 200;

const hash = (s: string) => createHash('sha1').update(s).digest('hex');

export function preview(v: unknown, max = 240): string {
  let text: string;
  try {
    text =
      JSON.stringify(v, (_k, x: unknown) =>
        typeof x === 'string' && x.length > 60 ? `${x.slice(0, 60)}…(${x.length})` : x,
      ) ?? String(v);
  } catch {
    text = String(v);
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The problems with one reply (empty = it holds). */
export function replyProblems(reply: unknown, expected: ReturnType<typeof expectedOf>): string[] {
  if (typeof reply !== 'object' || reply === null) return ['no envelope'];
  const r = reply as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (r.ok !== false) return [r.ok === true ? 'answered ok to a bad input' : 'no envelope'];
  const code = r.error?.code;
  const message = r.error?.message;
  const out: string[] = [];
  if (typeof code !== 'string' || !(ERROR_CODES as readonly string[]).includes(code))
    out.push(`code ${String(code)} outside the closed set`);
  else if (code === 'INTERNAL') out.push('INTERNAL');
  else if (expected !== 'refusal' && code !== expected) out.push(`code ${code}, expected ${expected}`);
  if (typeof message !== 'string') out.push('no message');
  else {
    if (!CJK.test(message)) out.push('message not Chinese');
    if (LEAK.test(message)) out.push('message leaks a stack or path');
    if (message.length > MAX_MESSAGE) out.push(`message of ${message.length} characters`);
  }
  return out;
}

async function send(world: World, fn: string, action: string, c: Case): Promise<unknown> {
  const openid = world.callers[c.caller];
  const event = { ...c.input, action };
  if (c.transport === 'http') return world.cloud.callRaw(fn, event, openid);
  try {
    return await world.cloud.cloud.invoke(fn, event, openid === undefined ? {} : { openid });
  } catch (err) {
    // The platform answers a crashed or timed-out function with an error, never a reply.
    const kind = err instanceof FunctionError ? err.kind : 'THROW';
    return { transportError: `${kind}: ${(err as Error).message}` };
  }
}

async function fuzzAction(
  world: World,
  target: FuzzTarget,
  cases: Case[],
  opts: FuzzOptions,
  validBases: number,
): Promise<ActionReport> {
  const key = `${target.fn}.${target.action}`;
  const t0 = Date.now();
  const report: ActionReport = {
    key,
    sent: 0,
    byCategory: {},
    codes: {},
    internal: 0,
    dbChanged: 0,
    validBases,
    failures: [],
    ms: 0,
  };
  const snap = () => hash(world.cloud.snapshot());
  let before = snap();
  const width = opts.perCall ? 1 : Math.max(1, opts.chunk);
  for (let i = 0; i < cases.length; i += width) {
    const batch = cases.slice(i, i + width);
    const replies = await Promise.all(batch.map((c) => send(world, target.fn, target.action, c)));
    const after = snap();
    const changed = after !== before;
    before = after;
    batch.forEach((c, j) => {
      const reply = replies[j];
      const expected = expectedOf(target.spec, { ...c.input, action: target.action }, c.caller);
      const problems = replyProblems(reply, expected);
      const code = (reply as { error?: { code?: unknown } } | undefined)?.error?.code;
      const label =
        typeof code === 'string' ? code : (reply as { ok?: unknown } | undefined)?.ok === true ? 'ok' : 'none';
      report.sent += 1;
      report.byCategory[c.category] = (report.byCategory[c.category] ?? 0) + 1;
      report.codes[label] = (report.codes[label] ?? 0) + 1;
      if (label === 'INTERNAL' || label === 'none') report.internal += 1;
      if (changed) {
        report.dbChanged += 1;
        problems.push(batch.length === 1 ? 'database changed' : `database changed in a batch of ${batch.length}`);
      }
      if (problems.length > 0) {
        report.failures.push({
          key,
          category: c.category,
          caller: c.caller,
          transport: c.transport,
          problem: [...problems, ...(c.note ? [`(${c.note})`] : [])].join('; '),
          input: preview(c.input),
          reply: preview(reply),
        });
      }
    });
  }
  report.ms = Date.now() - t0;
  return report;
}

/** Starts a cloud, seeds it, fuzzes every registered action, stops the cloud. */
export async function runFuzz(options: Partial<FuzzOptions> = {}, existing?: TestCloud): Promise<FuzzReport> {
  const opts = { ...DEFAULT_OPTIONS, ...options };
  const log = opts.log ?? (() => undefined);
  const t0 = Date.now();
  const cloud = existing ?? fuzzCloud();
  if (!existing) await cloud.start();
  try {
    const world = await buildWorld(cloud);
    log(`fuzz: world seeded in ${world.seedMs} ms (${world.pool.strings.length} real strings in the pool)`);
    const targets = fuzzTargets().filter((t) => !opts.only || `${t.fn}.${t.action}`.includes(opts.only));
    const functions = new Set(cloud.cloud.runtime.list());
    const missingFunctions = [...new Set(targets.map((t) => t.fn))].filter((fn) => !functions.has(fn));
    const foreign = foreignCases(world);
    const storageBefore = storageFingerprint(cloud);
    const actions: ActionReport[] = [];
    for (const target of targets) {
      if (!functions.has(target.fn)) continue;
      const key = `${target.fn}.${target.action}`;
      const ctx = actionContext(target.spec, world.pool, opts.seed, world.triggers);
      const cases = planAction(key, ctx, foreign[key] ?? [], {
        count: opts.count,
        seed: opts.seed,
        httpEvery: opts.httpEvery,
        perRefusedCaller: 2,
      });
      const report = await fuzzAction(world, target, cases, opts, ctx.bases.length);
      log(`fuzz: ${key} ${report.sent} inputs, ${report.failures.length} failures, ${report.ms} ms`);
      actions.push(report);
    }
    return {
      actions,
      seedMs: world.seedMs,
      ms: Date.now() - t0,
      storageChanged: storageFingerprint(cloud) !== storageBefore,
      missingFunctions,
    };
  } finally {
    if (!existing) await cloud.stop();
  }
}

const SHORT: Record<Category, string> = {
  type: 'typ',
  missing: 'mis',
  extra: 'ext',
  huge: 'big',
  deep: 'dep',
  operator: 'op',
  unicode: 'uni',
  number: 'num',
  shape: 'shp',
  garbage: 'gar',
  raw: 'raw',
  role: 'rol',
  foreign: 'frn',
};

const CODE_SHORT: Record<string, string> = {
  INVALID_ARGUMENT: 'INV',
  UNAUTHENTICATED: 'UNA',
  PERMISSION_DENIED: 'PER',
  NOT_FOUND: 'NF',
  ALREADY_EXISTS: 'AE',
  FAILED_PRECONDITION: 'FP',
  RESOURCE_EXHAUSTED: 'RE',
  INTERNAL: 'INTERNAL',
};

/** The table `npm run fuzz` prints. */
export function formatReport(report: FuzzReport): string {
  const rows = report.actions.map((a) => [
    a.key,
    String(a.sent),
    Object.entries(a.byCategory)
      .map(([c, n]) => `${SHORT[c as Category]} ${n}`)
      .join(' '),
    Object.entries(a.codes)
      .sort((x, y) => y[1] - x[1])
      .map(([c, n]) => `${CODE_SHORT[c] ?? c} ${n}`)
      .join(' '),
    String(a.internal),
    String(a.dbChanged),
    a.failures.length === 0 ? 'ok' : `FAIL ${a.failures.length}`,
  ]);
  const total = report.actions.reduce(
    (t, a) => ({
      sent: t.sent + a.sent,
      internal: t.internal + a.internal,
      db: t.db + a.dbChanged,
      fail: t.fail + a.failures.length,
    }),
    { sent: 0, internal: 0, db: 0, fail: 0 },
  );
  const head = ['function.action', 'sent', 'by category', 'codes seen', 'INTERNAL', 'DB changed', 'result'];
  rows.push([
    `TOTAL (${report.actions.length} actions)`,
    String(total.sent),
    '',
    '',
    String(total.internal),
    String(total.db),
    total.fail === 0 ? 'ok' : `FAIL ${total.fail}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  out.push(
    '',
    `categories: ${Object.entries(SHORT)
      .map(([c, s]) => `${s}=${c}`)
      .join(' ')}`,
    `codes: ${Object.entries(CODE_SHORT)
      .map(([c, s]) => `${s}=${c}`)
      .join(' ')}`,
    `stored files changed: ${report.storageChanged ? 'YES' : 'no'}`,
  );
  if (report.missingFunctions.length > 0)
    out.push(`contracts without a function: ${report.missingFunctions.join(', ')}`);
  const failures = report.actions.flatMap((a) => a.failures);
  if (failures.length > 0) {
    out.push('', `failures (first 40 of ${failures.length}):`);
    for (const f of failures.slice(0, 40)) {
      out.push(
        `- ${f.key} [${f.category}, ${f.caller}, ${f.transport}] ${f.problem}`,
        `    input ${f.input}`,
        `    reply ${f.reply}`,
      );
    }
  }
  return out.join('\n');
}

/** True when the run found nothing wrong. */
export function passed(report: FuzzReport): boolean {
  return (
    report.missingFunctions.length === 0 &&
    !report.storageChanged &&
    report.actions.every((a) => a.failures.length === 0)
  );
}
