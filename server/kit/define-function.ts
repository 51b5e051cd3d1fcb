import { randomUUID } from 'node:crypto';
import type { ActionSpec, Contract } from '@core/contracts/define';
import { AppError, type ErrorBody, type Reply } from '@core/errors';
import type { LogLevel } from '../env';
import { resolveCaller } from './identity';
import { DEFAULT_LIMITS, inspectEvent } from './inspect-event';
import { issueMessage } from './issue-message';
import { createLogger } from './log';
import { wxRuntime } from './runtime';
import type {
  ActionContext,
  ActionHandlers,
  Caller,
  DefineOptions,
  LogFields,
  Logger,
  MainFunction,
  Runtime,
  PushHandler,
  TimerContext,
} from './types';

/** getWXContext().SOURCE of a call made by a user (mini-program, developer tools, HTTP API), chained or not. */
const CLIENT_SOURCE = /(^|,)wx_(client|devtools|http|unknown)(,|$)/;

/**
 * getWXContext().SOURCE of a call made by a function through cloud.callFunction: the platform
 * appends `scf` to the chain, so the last hop is a function whoever started the chain. A client
 * cannot produce it.
 */
const FUNCTION_SOURCE = /(^|,)scf$/;

/** Keys the platform adds to a client's event (wx.cloud.callFunction puts userInfo there). */
const PLATFORM_KEYS = ['userInfo'] as const;

let sharedRuntime: Runtime | undefined;

function requestIdOf(context: unknown): string {
  if (typeof context === 'object' && context !== null) {
    const id = (context as { request_id?: unknown }).request_id;
    if (typeof id === 'string' && /^[\w-]{1,64}$/.test(id)) return id;
  }
  return `req_${randomUUID()}`;
}

function short(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** The message a user sees for anything unexpected: nothing about the cause, the id to quote. */
export function internalMessage(requestId: string): string {
  return `系统繁忙，请稍后再试（编号 ${requestId}）`;
}

/**
 * Builds a cloud function's `main` from its contract and one handler per action.
 *
 * Every invocation goes, in order: inspect the raw event (operators, depth, size) → timer events to
 * `options.timers` → the action must exist → an internal action called by a function runs as nobody;
 * otherwise the caller must have an openid → role from
 * SIYU_HQ_OPENIDS or the `users` document → the action's roles → strict input parse → the handler
 * → output parse. The result is always the envelope; an AppError keeps its code and message,
 * anything else becomes INTERNAL with the request id, and its stack goes to the log only.
 */
export function defineFunction<C extends Contract>(
  contract: C,
  actions: ActionHandlers<C>,
  options: DefineOptions = {},
): MainFunction {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const timers = options.timers ?? {};

  return async function main(event: unknown, context?: unknown): Promise<Reply<unknown>> {
    const started = Date.now();
    const requestId = requestIdOf(context);
    const runtime = options.runtime ?? (sharedRuntime ??= wxRuntime());
    let level: LogLevel = 'info';
    try {
      level = runtime.env().logLevel;
    } catch {
      // A broken environment is reported below, where env() is read again for the caller's role.
    }
    const log = createLogger((line) => runtime.write(line), level, { requestId, fn: contract.name });
    const summary: LogFields = {};

    try {
      inspectEvent(event, limits);
      if (typeof event !== 'object' || event === null || Array.isArray(event)) {
        throw new AppError('INVALID_ARGUMENT', '请求格式不正确');
      }
      const body = event as Record<string, unknown>;

      if (body.MsgType === 'event' && typeof body.Event === 'string') {
        summary.push = body.Event;
        const data = await runPush(runtime, body, options.pushes ?? {}, { requestId, log });
        log.info('reply', { ...summary, ok: true, ms: Date.now() - started });
        return { ok: true, data };
      }

      if (body.Type === 'Timer') {
        summary.trigger = body.TriggerName;
        const data = await runTimer(runtime, body, timers, { requestId, log });
        log.info('reply', { ...summary, ok: true, ms: Date.now() - started });
        return { ok: true, data };
      }

      const action = body.action;
      if (typeof action !== 'string' || !hasOwn(contract.actions, action)) {
        const named = typeof action === 'string' ? `：${short(action)}` : '';
        throw new AppError('INVALID_ARGUMENT', `未知的操作${named}`, { field: 'action' });
      }
      summary.action = action;
      const spec = contract.actions[action] as ActionSpec;
      const handler = (actions as Record<string, (input: unknown, ctx: ActionContext) => unknown>)[action];
      if (!handler) throw new Error(`no handler for ${contract.name}.${action}`);

      const { openid, source } = runtime.identity();
      const internal = spec.internal === true && source !== undefined && FUNCTION_SOURCE.test(source);
      // Internal work runs as nobody (the user a chain began with is not its caller); any other
      // caller of an internal action is refused by its empty roles.
      const { caller, inactive } = internal
        ? { caller: { openid: '', role: 'visitor' as const }, inactive: false }
        : await checkCaller(runtime, spec, openid);
      summary.role = internal ? 'function' : inactive ? 'inactive' : caller.role;

      const input: Record<string, unknown> = { ...body };
      delete input.action;
      for (const key of PLATFORM_KEYS) delete input[key];
      const parsed = spec.input.safeParse(input, { reportInput: true });
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        if (!first) throw new AppError('INVALID_ARGUMENT');
        const { field, message } = issueMessage(first);
        throw new AppError('INVALID_ARGUMENT', message, { field });
      }

      const ctx: ActionContext = {
        ...runtime.services(),
        caller,
        requestId,
        now: () => runtime.now(),
        env: () => runtime.env(),
        log,
      };
      const result = await handler(parsed.data, ctx);
      const out = spec.output.safeParse(result);
      if (!out.success) {
        const issues = out.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code }));
        throw new Error(
          `${contract.name}.${action} returned data that does not fit its output schema: ${JSON.stringify(issues)}`,
        );
      }
      log.info('reply', { ...summary, ok: true, ms: Date.now() - started });
      return { ok: true, data: out.data };
    } catch (e) {
      const error = toErrorBody(e, requestId);
      if (error.code === 'INTERNAL') {
        const err = e instanceof Error ? e : new Error(String(e));
        log.error('reply', {
          ...summary,
          ok: false,
          code: error.code,
          ms: Date.now() - started,
          error: err.message,
          stack: err.stack,
        });
      } else {
        log.info('reply', { ...summary, ok: false, code: error.code, ms: Date.now() - started });
      }
      return { ok: false, error };
    }
  };
}

/** The caller of a user's call, refused unless its role may call the action. */
async function checkCaller(
  runtime: Runtime,
  spec: ActionSpec,
  openid: string | undefined,
): Promise<{ caller: Caller; inactive: boolean }> {
  if (!openid && !spec.allowAnonymous) throw new AppError('UNAUTHENTICATED', '请先登录');
  const { caller, inactive } = openid
    ? await resolveCaller(runtime, runtime.env(), openid)
    : { caller: { openid: '', role: 'visitor' as const }, inactive: false };
  if (inactive && !spec.allowInactive) throw new AppError('PERMISSION_DENIED', '账号已停用，请联系总部');
  if (!spec.roles.includes(caller.role)) throw new AppError('PERMISSION_DENIED', '没有权限进行此操作');
  return { caller, inactive };
}

/** Only the kit decides what reaches the caller: an AppError's code and message, or INTERNAL. */
export function toErrorBody(e: unknown, requestId: string): ErrorBody {
  if (e instanceof AppError && e.code !== 'INTERNAL') {
    return e.details ? { code: e.code, message: e.message, details: e.details } : { code: e.code, message: e.message };
  }
  return { code: 'INTERNAL', message: internalMessage(requestId) };
}

async function runTimer(
  runtime: Runtime,
  body: Record<string, unknown>,
  timers: Record<string, (ctx: TimerContext) => Promise<unknown>>,
  base: { requestId: string; log: Logger },
): Promise<unknown> {
  // The platform fires timers without a user; an event shaped like a timer that carries a caller,
  // or comes from a client without one (Moments' single-page mode has no openid), must not run
  // scheduled work.
  const { openid, source } = runtime.identity();
  if (openid || (source !== undefined && CLIENT_SOURCE.test(source))) {
    throw new AppError('PERMISSION_DENIED', '没有权限进行此操作');
  }
  const name = body.TriggerName;
  if (typeof name !== 'string' || !hasOwn(timers, name)) {
    throw new Error(`no timer handler for trigger ${typeof name === 'string' ? short(name) : String(name)}`);
  }
  const handler = timers[name];
  if (!handler) throw new Error(`no timer handler for trigger ${name}`);
  const trigger = { name, ...(typeof body.Time === 'string' ? { time: body.Time } : {}) };
  return (await handler(triggerContext(runtime, base, trigger))) ?? null;
}

/** The context of work the platform starts without a user: a timer or a message push. */
function triggerContext(
  runtime: Runtime,
  base: { requestId: string; log: Logger },
  trigger: TimerContext['trigger'],
): TimerContext {
  return {
    ...runtime.services(),
    requestId: base.requestId,
    now: () => runtime.now(),
    env: () => runtime.env(),
    log: base.log,
    trigger,
  };
}

/**
 * A message push (CloudBase 消息推送: WeChat calls the configured function with the message as
 * the event). Only the platform may deliver one: a user's call or a function's (cloud.callFunction)
 * is refused, whatever its event looks like, so nobody can forge a verdict.
 */
async function runPush(
  runtime: Runtime,
  body: Record<string, unknown>,
  pushes: Record<string, PushHandler>,
  base: { requestId: string; log: Logger },
): Promise<unknown> {
  const { source } = runtime.identity();
  if (source !== undefined && (CLIENT_SOURCE.test(source) || FUNCTION_SOURCE.test(source))) {
    throw new AppError('PERMISSION_DENIED', '没有权限进行此操作');
  }
  const name = String(body.Event);
  const handler = hasOwn(pushes, name) ? pushes[name] : undefined;
  if (!handler) throw new AppError('INVALID_ARGUMENT', `未知的消息推送：${short(name)}`);
  return (await handler(body, triggerContext(runtime, base, { name }))) ?? null;
}
