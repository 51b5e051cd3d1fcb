import * as z from 'zod';
import { defineContract } from '@core/contracts/define';
import { text } from '@core/contracts/common';
import { AppError } from '@core/errors';
import type { UserDoc } from '../data/users';
import { readEnv } from '../env';
import { defineFunction, internalMessage } from './define-function';
import type { ActionContext, Runtime, Services, TimerContext } from './types';

const contract = defineContract('demo', {
  echo: {
    input: z.strictObject({ name: text(5), tags: z.array(z.unknown()).optional(), deep: z.unknown().optional() }),
    output: z.object({ name: z.string(), by: z.string() }),
    roles: ['hq', 'guide', 'customer', 'visitor'],
  },
  whoami: {
    input: z.strictObject({}),
    output: z.object({ role: z.string() }),
    roles: ['hq', 'guide', 'customer', 'visitor'],
    allowInactive: true,
  },
  hqOnly: { input: z.strictObject({}), output: z.object({}), roles: ['hq'] },
  guideOnly: { input: z.strictObject({}), output: z.object({}), roles: ['guide'] },
  boom: { input: z.strictObject({}), output: z.object({}), roles: ['visitor', 'hq'] },
  refuse: { input: z.strictObject({}), output: z.object({}), roles: ['visitor'] },
  badOutput: { input: z.strictObject({}), output: z.object({ n: z.number() }), roles: ['visitor'] },
  internalAppError: { input: z.strictObject({}), output: z.object({}), roles: ['visitor'] },
  anonymous: {
    input: z.strictObject({}),
    output: z.object({ openid: z.string(), role: z.string() }),
    roles: ['visitor'],
    allowAnonymous: true,
  },
  batch: {
    input: z.strictObject({ n: z.number() }),
    output: z.object({ openid: z.string(), role: z.string() }),
    roles: [],
    internal: true,
  },
});

interface World {
  openid?: string;
  source?: string;
  users: Map<string, UserDoc>;
  env: Record<string, string>;
  lines: string[];
}

function runtimeFor(world: World): Runtime {
  return {
    identity: () => ({
      ...(world.openid ? { openid: world.openid } : {}),
      ...(world.source ? { source: world.source } : {}),
    }),
    // The handlers under test never touch the database.
    services: () => ({}) as Services,
    env: () => readEnv(world.env),
    now: () => 1_700_000_000_000,
    findUser: (openid) => Promise.resolve(world.users.get(openid) ?? null),
    write: (line) => world.lines.push(line),
  };
}

function setup(overrides: Partial<World> = {}) {
  const world: World = {
    openid: 'o_visitor_1',
    users: new Map(),
    env: { SIYU_HQ_OPENIDS: 'o_hq_1' },
    lines: [],
    ...overrides,
  };
  const calls: { action: string; input: unknown; ctx: ActionContext }[] = [];
  const timerCalls: TimerContext[] = [];
  const pushes: Readonly<Record<string, unknown>>[] = [];
  const main = defineFunction(
    contract,
    {
      echo: (input, ctx) => {
        calls.push({ action: 'echo', input, ctx });
        return { name: input.name, by: ctx.caller.role, extra: 'dropped by the output schema' } as {
          name: string;
          by: string;
        };
      },
      whoami: (_input, ctx) => ({ role: ctx.caller.role }),
      hqOnly: () => ({}),
      guideOnly: () => ({}),
      boom: () => {
        throw new Error('secret path /srv/db/password.txt leaked');
      },
      refuse: () => {
        throw new AppError('FAILED_PRECONDITION', '积分不足');
      },
      badOutput: () => ({ n: 'not a number' }) as unknown as { n: number },
      internalAppError: () => {
        throw new AppError('INTERNAL', '数据库连接串 mongodb://admin:pw@10.0.0.1');
      },
      anonymous: (_input, ctx) => ({ openid: ctx.caller.openid, role: ctx.caller.role }),
      batch: (input, ctx) => {
        calls.push({ action: 'batch', input, ctx });
        return { openid: ctx.caller.openid, role: ctx.caller.role };
      },
    },
    {
      runtime: runtimeFor(world),
      timers: {
        nightly: (ctx) => {
          timerCalls.push(ctx);
          return Promise.resolve({ swept: 3 });
        },
      },
      pushes: {
        wxa_media_check: (event) => {
          pushes.push(event);
          return Promise.resolve({ recorded: true });
        },
      },
    },
  );
  return { world, main, calls, timerCalls, pushes };
}

const guide = (openid: string, active = true): UserDoc => ({
  _id: openid,
  role: 'guide',
  name: '导购',
  storeId: 'sto_abcdef',
  active,
  createdAt: 1,
});
const customer = (openid: string): UserDoc => ({ _id: openid, role: 'customer', name: '会员', createdAt: 1 });

describe('the envelope', () => {
  it('wraps an action result as { ok: true, data } parsed by the output schema', async () => {
    const { main } = setup();
    const reply = await main({ action: 'echo', name: ' 小满 ' }, { request_id: 'r1' });
    expect(reply).toEqual({ ok: true, data: { name: '小满', by: 'visitor' } });
  });

  it('passes an AppError code and message through unchanged', async () => {
    const { main } = setup();
    expect(await main({ action: 'refuse' })).toEqual({
      ok: false,
      error: { code: 'FAILED_PRECONDITION', message: '积分不足' },
    });
  });

  it('hands the action only its parsed input, without action or the platform userInfo', async () => {
    const { main, calls } = setup();
    const reply = await main({ action: 'echo', name: 'ab', userInfo: { appId: 'wx1', openId: 'o_visitor_1' } });
    expect(reply).toMatchObject({ ok: true });
    expect(calls[0]?.input).toEqual({ name: 'ab' });
  });

  it('gives the action a context with caller, request id, clock and services', async () => {
    const { main, calls } = setup({ openid: 'o_hq_1' });
    await main({ action: 'echo', name: 'x' }, { request_id: 'req-42' });
    const ctx = calls[0]?.ctx;
    expect(ctx?.caller).toEqual({ openid: 'o_hq_1', role: 'hq' });
    expect(ctx?.requestId).toBe('req-42');
    expect(ctx?.now()).toBe(1_700_000_000_000);
  });

  it('writes one log line per reply carrying the request id', async () => {
    const { main, world } = setup();
    await main({ action: 'echo', name: 'x' }, { request_id: 'req-7' });
    await main({ action: 'refuse' }, { request_id: 'req-8' });
    expect(world.lines).toHaveLength(2);
    const [a, b] = world.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(a).toMatchObject({ requestId: 'req-7', fn: 'demo', action: 'echo', ok: true });
    expect(b).toMatchObject({ requestId: 'req-8', action: 'refuse', ok: false, code: 'FAILED_PRECONDITION' });
  });

  it('generates a request id when the platform gives none', async () => {
    const { main, world } = setup();
    await main({ action: 'boom' });
    const line = JSON.parse(world.lines[0] ?? '{}') as { requestId?: string };
    expect(line.requestId).toMatch(/^req_[0-9a-f-]{36}$/);
  });
});

describe('INTERNAL', () => {
  it('answers an unexpected error with the request id and no trace of the cause', async () => {
    const { main, world } = setup();
    const reply = await main({ action: 'boom' }, { request_id: 'req-boom' });
    expect(reply).toEqual({ ok: false, error: { code: 'INTERNAL', message: internalMessage('req-boom') } });
    expect(internalMessage('req-boom')).toBe('系统繁忙，请稍后再试（编号 req-boom）');
    const json = JSON.stringify(reply);
    expect(json).not.toContain('secret');
    expect(json).not.toContain('define-function');
    // The cause and stack are kept server-side, under the same request id.
    const log = JSON.parse(world.lines[0] ?? '{}') as Record<string, unknown>;
    expect(log).toMatchObject({ level: 'error', requestId: 'req-boom', code: 'INTERNAL' });
    expect(String(log.error)).toContain('secret path');
    expect(String(log.stack)).toContain('define-function.test');
  });

  it('treats output that does not fit the contract as a bug', async () => {
    const { main, world } = setup();
    const reply = await main({ action: 'badOutput' }, { request_id: 'req-out' });
    expect(reply).toEqual({ ok: false, error: { code: 'INTERNAL', message: internalMessage('req-out') } });
    expect(world.lines[0]).toContain('does not fit its output schema');
  });

  it('never lets an AppError carry its own INTERNAL message to the caller', async () => {
    const { main } = setup();
    const reply = await main({ action: 'internalAppError' }, { request_id: 'req-x' });
    expect(reply).toEqual({ ok: false, error: { code: 'INTERNAL', message: internalMessage('req-x') } });
  });

  it('reports a malformed SIYU_HQ_OPENIDS as INTERNAL rather than guessing roles', async () => {
    const { main } = setup({ env: { SIYU_HQ_OPENIDS: 'o_hq_1,not an openid!' } });
    const reply = await main({ action: 'whoami' }, { request_id: 'req-env' });
    expect(reply).toEqual({ ok: false, error: { code: 'INTERNAL', message: internalMessage('req-env') } });
  });
});

describe('operator objects and hostile shapes', () => {
  const cases: [string, unknown][] = [
    ['a top-level operator', { action: 'echo', name: 'a', $where: '1' }],
    ['an operator as a field value', { action: 'echo', name: { $ne: '' } }],
    ['an operator nested deeper', { action: 'echo', name: 'a', deep: { a: { b: { $gt: 1 } } } }],
    ['an operator inside an array', { action: 'echo', name: 'a', tags: [{ ok: 1 }, { $regex: '.*' }] }],
    ['an operator inside nested arrays', { action: 'echo', name: 'a', tags: [[[{ $in: [1] }]]] }],
  ];
  it.each(cases)('rejects %s before anything else runs', async (_label, event) => {
    // No openid: if the kit looked at identity first, this would be UNAUTHENTICATED.
    const { main, calls } = setup({ openid: undefined });
    const reply = await main(event);
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(JSON.stringify(reply)).toContain('不允许的字段');
    expect(calls).toHaveLength(0);
  });

  it('rejects a prototype key', async () => {
    const { main } = setup();
    const event = JSON.parse('{"action":"echo","name":"a","deep":{"__proto__":{"polluted":true}}}') as unknown;
    expect(await main(event)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('caps nesting depth', async () => {
    const { main } = setup();
    let deep: unknown = 'x';
    for (let i = 0; i < 20; i++) deep = { d: deep };
    expect(await main({ action: 'echo', name: 'a', deep })).toEqual({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: '输入层级过深', details: { reason: 'too_deep' } },
    });
  });

  it('caps total size', async () => {
    const { main } = setup();
    const reply = await main({ action: 'echo', name: 'a', tags: Array.from({ length: 100 }, () => 'x'.repeat(1000)) });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: '输入内容过大' } });
  });

  it('rejects values JSON cannot carry', async () => {
    const { main } = setup();
    expect(await main({ action: 'echo', name: 'a', deep: new Date() })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(await main({ action: 'echo', name: 'a', deep: Number.NaN })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
  });

  it('rejects an event that is not an object', async () => {
    const { main } = setup();
    for (const event of [null, 'echo', 42, [{ action: 'echo' }]]) {
      expect(await main(event)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
  });
});

describe('routing and validation', () => {
  it('refuses an action the contract does not name, in Chinese', async () => {
    const { main } = setup();
    for (const action of ['nope', 'toString', '__proto__', 42, undefined]) {
      const reply = await main({ action });
      expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
      expect(JSON.stringify(reply)).toContain('未知的操作');
    }
  });

  it('names the field of the first problem in Chinese', async () => {
    const { main } = setup();
    expect(await main({ action: 'echo' })).toEqual({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: 'name：必填', details: { field: 'name' } },
    });
    expect(await main({ action: 'echo', name: '太长了太长了' })).toEqual({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: 'name：最多 5 个字', details: { field: 'name' } },
    });
    expect(await main({ action: 'echo', name: 'a', role: 'hq' })).toEqual({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: '不支持的字段：role', details: { field: 'role' } },
    });
    expect(await main({ action: 'echo', name: 7 })).toMatchObject({ error: { message: 'name：应为文本' } });
    expect(await main({ action: 'echo', name: 'a\u202e' })).toMatchObject({
      error: { message: 'name：不能包含不可见字符' },
    });
  });
});

describe('identity and roles', () => {
  it('answers UNAUTHENTICATED when the platform gives no openid', async () => {
    const { main } = setup({ openid: undefined });
    expect(await main({ action: 'whoami' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('lets an action that allows it run anonymously, as a visitor with no openid', async () => {
    const { main } = setup({ openid: undefined });
    expect(await main({ action: 'anonymous' })).toEqual({ ok: true, data: { openid: '', role: 'visitor' } });
  });

  it('takes HQ from SIYU_HQ_OPENIDS, others from their users document, the rest are visitors', async () => {
    const users = new Map<string, UserDoc>([
      ['o_guide_1', guide('o_guide_1')],
      ['o_cust_1', customer('o_cust_1')],
    ]);
    const roleOf = async (openid: string) => {
      const { main } = setup({ openid, users, env: { SIYU_HQ_OPENIDS: ' o_hq_1 , o_hq_2 ' } });
      return main({ action: 'whoami' });
    };
    expect(await roleOf('o_hq_2')).toEqual({ ok: true, data: { role: 'hq' } });
    expect(await roleOf('o_guide_1')).toEqual({ ok: true, data: { role: 'guide' } });
    expect(await roleOf('o_cust_1')).toEqual({ ok: true, data: { role: 'customer' } });
    expect(await roleOf('o_someone')).toEqual({ ok: true, data: { role: 'visitor' } });
  });

  it('refuses roles an action does not list', async () => {
    const users = new Map<string, UserDoc>([['o_guide_1', guide('o_guide_1')]]);
    const { main } = setup({ openid: 'o_guide_1', users });
    expect(await main({ action: 'hqOnly' })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(await main({ action: 'guideOnly' })).toEqual({ ok: true, data: {} });
  });

  it('checks the role before the input, so a stranger learns nothing from validation', async () => {
    const { main } = setup();
    expect(await main({ action: 'hqOnly', junk: 1 })).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION_DENIED' },
    });
  });

  it('sees an inactive guide as a visitor where allowed and refuses them elsewhere', async () => {
    const users = new Map<string, UserDoc>([['o_gone', guide('o_gone', false)]]);
    const { main } = setup({ openid: 'o_gone', users });
    expect(await main({ action: 'whoami' })).toEqual({ ok: true, data: { role: 'visitor' } });
    expect(await main({ action: 'guideOnly' })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    // Even an action open to visitors: a departed guide must not re-register as someone new.
    expect(await main({ action: 'echo', name: 'a' })).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION_DENIED' },
    });
  });
});

describe('timers', () => {
  it('routes a timer event to the handler named by TriggerName', async () => {
    const { main, timerCalls } = setup({ openid: undefined });
    const reply = await main(
      { Type: 'Timer', TriggerName: 'nightly', Time: '2026-01-01T00:00:00Z' },
      { request_id: 't1' },
    );
    expect(reply).toEqual({ ok: true, data: { swept: 3 } });
    expect(timerCalls).toHaveLength(1);
    expect(timerCalls[0]?.trigger).toEqual({ name: 'nightly', time: '2026-01-01T00:00:00Z' });
    expect(timerCalls[0]?.requestId).toBe('t1');
  });

  it('refuses a timer-shaped event sent by a user', async () => {
    const { main, timerCalls } = setup({ openid: 'o_hq_1' });
    const reply = await main({ Type: 'Timer', TriggerName: 'nightly' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(timerCalls).toHaveLength(0);
  });

  it('refuses a timer-shaped event from a client that has no openid', async () => {
    for (const source of ['wx_client', 'wx_client,scf', 'wx_http']) {
      const { main, timerCalls } = setup({ openid: undefined, source });
      for (const name of ['nightly', 'weekly']) {
        expect(await main({ Type: 'Timer', TriggerName: name })).toMatchObject({
          ok: false,
          error: { code: 'PERMISSION_DENIED' },
        });
      }
      expect(timerCalls).toHaveLength(0);
    }
  });

  it('treats a trigger without a handler as a deployment bug', async () => {
    const { main } = setup({ openid: undefined });
    for (const name of ['weekly', 'toString']) {
      expect(await main({ Type: 'Timer', TriggerName: name })).toMatchObject({
        ok: false,
        error: { code: 'INTERNAL' },
      });
    }
  });
});

describe('message pushes', () => {
  const push = { MsgType: 'event', Event: 'wxa_media_check', trace_id: 't1', result: { suggest: 'pass' } };

  it('routes a pushed event from the platform to the handler named by Event', async () => {
    const { main, pushes } = setup({ openid: undefined, source: 'wx_msgpush' });
    expect(await main(push)).toEqual({ ok: true, data: { recorded: true } });
    expect(pushes).toEqual([push]);
  });

  it('refuses a push-shaped event from a user or a function, with or without an openid', async () => {
    for (const [openid, source] of [
      ['o_hq_1', 'wx_client'],
      [undefined, 'wx_client'],
      [undefined, 'wx_http'],
      [undefined, 'wx_devtools'],
      ['o_hq_1', 'wx_client,scf'],
      [undefined, 'wx_trigger,scf'],
    ] as const) {
      const { main, pushes } = setup({ openid, source });
      expect(await main(push)).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
      expect(pushes).toHaveLength(0);
    }
  });

  it('refuses an event type no handler is configured for', async () => {
    const { main, pushes } = setup({ openid: undefined, source: 'wx_msgpush' });
    for (const name of ['user_enter_tempsession', 'toString']) {
      expect(await main({ ...push, Event: name })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
    expect(pushes).toHaveLength(0);
  });
});

describe('internal actions (work one function hands to another)', () => {
  it('runs a call made by a function, as nobody, whoever began the chain', async () => {
    for (const [openid, source] of [
      [undefined, 'wx_trigger,scf'],
      ['o_hq_1', 'wx_client,scf'],
      ['o_visitor_1', 'wx_client,scf,scf'],
    ] as const) {
      const { main, calls } = setup({ openid, source });
      expect(await main({ action: 'batch', n: 1 })).toEqual({ ok: true, data: { openid: '', role: 'visitor' } });
      expect(calls).toHaveLength(1);
    }
  });

  it('refuses it from the mini-program, a timer or any caller whose last hop is not a function', async () => {
    for (const [openid, source, code] of [
      ['o_hq_1', 'wx_client', 'PERMISSION_DENIED'],
      ['o_hq_1', undefined, 'PERMISSION_DENIED'],
      ['o_visitor_1', 'wx_client,scf,wx_client', 'PERMISSION_DENIED'],
      ['o_visitor_1', 'scf,wx_http', 'PERMISSION_DENIED'],
      [undefined, 'wx_client', 'UNAUTHENTICATED'],
      [undefined, 'wx_trigger', 'UNAUTHENTICATED'],
      [undefined, 'xscf', 'UNAUTHENTICATED'],
    ] as const) {
      const { main, calls } = setup({ openid, source });
      expect(await main({ action: 'batch', n: 1 })).toMatchObject({ ok: false, error: { code } });
      expect(calls).toHaveLength(0);
    }
  });

  it('still validates the input of a call made by a function', async () => {
    const { main, calls } = setup({ openid: undefined, source: 'wx_trigger,scf' });
    expect(await main({ action: 'batch', n: 'one' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(calls).toHaveLength(0);
  });
});
