/**
 * Cloud functions through the real wx-server-sdk: per-invocation identity under concurrency,
 * cloud.callFunction between functions, timeouts from config.json, and timer triggers.
 */
import os from 'node:os';
import { FunctionError } from '../../host/functions/runtime';
import { BACKGROUND_NICE } from '../../host/functions/worker/instance';
import { startTestCloud, type TestCloud } from './support';

interface WhoamiReply {
  expected: string;
  before: string;
  after: string;
  ctx: Record<string, unknown>;
  hq: string;
}

let t: TestCloud;
beforeAll(async () => {
  t = await startTestCloud({ hqOpenids: ['o-hq-1', 'o-hq-2'] });
});
afterAll(async () => {
  await t.dispose();
});

test('keeps every caller identity right across 100 concurrent invocations from 100 callers', async () => {
  const callers = Array.from({ length: 100 }, (_, i) => `o-user-${i}`);
  const replies = (await Promise.all(
    callers.map((openid) => t.cloud.invoke('whoami', { me: openid }, { openid })),
  )) as WhoamiReply[];
  const wrong = replies.filter(
    (r, i) =>
      r.before !== callers[i] || r.after !== callers[i] || r.ctx.OPENID !== callers[i] || r.expected !== callers[i],
  );
  console.log(`identity: ${wrong.length} wrong of ${replies.length} concurrent invocations`);
  expect(wrong).toHaveLength(0);
  expect(new Set(replies.map((r) => r.after)).size).toBe(100);
  // Functions run in worker processes: the first burst starts the instances (about two seconds of
  // CPU each on a cold machine), which the default 5 s would measure instead of identity.
}, 30_000);

test('gives getWXContext the platform keys and hides the API token', async () => {
  const r = (await t.cloud.invoke('whoami', { me: 'o-a' }, { openid: 'o-a', unionid: 'u-a' })) as WhoamiReply;
  expect(r.ctx).toEqual({
    OPENID: 'o-a',
    APPID: t.cloud.appid,
    UNIONID: 'u-a',
    CLIENTIP: '127.0.0.1',
    ENV: t.cloud.envId,
    SOURCE: 'wx_client',
  });
  expect(r.ctx).not.toHaveProperty('API_TOKEN');
  expect(r.hq).toBe('o-hq-1,o-hq-2');
});

test('propagates the user through cloud.callFunction and grows SOURCE along the chain', async () => {
  const r = (await t.cloud.invoke('caller', { depth: 1 }, { openid: 'o-alice' })) as {
    before: string;
    after: string;
    callee: {
      errMsg: string;
      result: { sum: number; ctx: Record<string, unknown>; inner: { ctx: Record<string, unknown> } };
    };
  };
  expect(r.callee.errMsg).toBe('callFunction:ok'); // a callee failure shows its message here
  expect(r.callee.result.sum).toBe(5);
  expect(r.callee.result.ctx).toMatchObject({ OPENID: 'o-alice', SOURCE: 'wx_client,scf' });
  expect(r.callee.result.inner.ctx).toMatchObject({ OPENID: 'o-alice', SOURCE: 'wx_client,scf,scf' });
  expect([r.before, r.after]).toEqual(['o-alice', 'o-alice']);
  // The caller waits on two cold background instances in a row (callee, then the inner callee at the
  // lower priority), a few seconds on a busy machine: the config.json of both gives them 60 s, not
  // the default 3 (the callee waits on its own inner call's cold start).
}, 90_000);

test("runs calls made by functions and timer firings at a lower CPU priority than callers' calls", async () => {
  // Relative to this process: instances inherit its priority, and may only lower their own.
  // Every thread of the instance, not only its main one: on Linux a nice value is per thread, and V8's
  // own threads (concurrent marking, the compilers) start with the process.
  const base = os.getPriority();
  const background = Math.max(base, BACKGROUND_NICE);
  const threads = (n: number) => (process.platform === 'linux' ? [n] : expect.any(Array));
  type Priority = { nice: number; threads: number[] };
  const direct = (await t.cloud.invoke('callee', { x: 1 }, { openid: 'o-n' })) as Priority;
  expect(direct).toMatchObject({ nice: base, threads: threads(base) });
  const chained = (await t.cloud.invoke('caller', {}, { openid: 'o-n' })) as { callee: { result: Priority } };
  expect(chained.callee.result).toMatchObject({ nice: background, threads: threads(background) });
  const firing = await t.cloud.timers.fire('ticker', 'everySecond');
  expect(firing).toMatchObject({ ok: true, result: { nice: background, threads: threads(background) } });
  // A caller's call after them still runs at the callers' priority (background instances stay apart).
  const again = (await t.cloud.invoke('callee', { x: 1 }, { openid: 'o-n' })) as Priority;
  expect(again).toMatchObject({ nice: base, threads: threads(base) });
}, 90_000);

test('keeps identities apart when 40 concurrent callers each call another function', async () => {
  const rs = (await Promise.all(
    Array.from({ length: 40 }, (_, i) => t.cloud.invoke('caller', {}, { openid: `o-c${i}` })),
  )) as {
    after: string;
    callee: { result: { ctx: { OPENID: string } } };
  }[];
  const wrong = rs.filter((r, i) => r.callee.result.ctx.OPENID !== `o-c${i}` || r.after !== `o-c${i}`);
  expect(wrong).toHaveLength(0);
}, 90_000);

test('reports a throwing callee and an unknown callee to the caller as errors', async () => {
  const failed = (await t.cloud.invoke('caller', { fail: true }, { openid: 'o-b' })) as {
    callee: { errCode: number; errMsg: string };
  };
  expect(failed.callee.errCode).not.toBe(0);
  expect(failed.callee.errMsg).toContain('callee failed on purpose');
  const missing = (await t.cloud.invoke('caller', { target: 'nope' }, { openid: 'o-b' })) as {
    callee: { errCode: number; errMsg: string };
  };
  expect(missing.callee.errCode).not.toBe(0);
  expect(missing.callee.errMsg).toMatch(/ResourceNotFound/);
});

test('fails an invocation that runs past its config.json timeout, and refuses its late writes', async () => {
  // The platform's timeout counts from the handler's start, not the instance's cold start: warm an
  // instance first so the clock below measures the timeout alone.
  await t.cloud.invoke('slow', { ms: 0 });
  const started = Date.now();
  // The body sleeps well past the 1 s timeout, so "failed at the timeout" and "waited for the body"
  // stay apart even when a loaded machine delays the timer by most of a second.
  const err = await t.cloud.invoke('slow', { ms: 2600, writeId: 'late-writer' }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(FunctionError);
  expect((err as FunctionError).kind).toBe('TIMEOUT');
  expect((err as FunctionError).message).toBe('Invoking task timed out after 1 seconds');
  expect(Date.now() - started).toBeLessThan(2200);
  // The runaway body wakes after the timeout and tries to write: the wire must refuse it.
  await new Promise((r) => setTimeout(r, Math.max(0, started + 2600 + 700 - Date.now())));
  expect(t.cloud.engine.findDocs('users', { _id: 'late-writer' })).toHaveLength(0);
});

test('reports a callee timeout to the caller the way the platform words it', async () => {
  const r = (await t.cloud.invoke('caller', { target: 'slow', ms: 1300 }, { openid: 'o-b' })) as {
    callee: { errMsg: string };
  };
  expect(r.callee.errMsg).toContain('Invoking task timed out after 1 seconds');
});

test('passes the platform defaults in the context when config.json sets none', async () => {
  const r = (await t.cloud.invoke('echo', { action: 'x' }, { openid: 'o-d' })) as { data: { timeLimit: number } };
  expect(r.data.timeLimit).toBe(3000);
});

test('rejects an unknown function with NOT_FOUND', async () => {
  const err = await t.cloud.invoke('does-not-exist').catch((e: unknown) => e);
  expect((err as FunctionError).kind).toBe('NOT_FOUND');
});

test('calls through invoke() as a mini-program would: the event gains userInfo', async () => {
  const r = (await t.cloud.invoke('echo', { action: 'x' }, { openid: 'o-e' })) as { data: { event: unknown } };
  expect(r.data.event).toEqual({ action: 'x', userInfo: { appId: t.cloud.appid, openId: 'o-e' } });
});
