/**
 * One invocation as the platform presents it to a function: who called (identity, SOURCE), the
 * environment variables the SDK reads that from, the `context` argument of `main`, and how a failed
 * call is reported.
 */
import type { FunctionConfig } from '@server/config/function-config';
import type { EnvVars } from './env-proxy';

/** Who triggered an invocation, as the platform tells the function. */
export interface Caller {
  openid?: string;
  appid?: string;
  unionid?: string;
  clientIp?: string;
  /** TCB_SOURCE: `wx_client` (mini-program), `wx_trigger` (timer), `...,scf` along callFunction. */
  source?: string;
}

export interface InvocationContext {
  functionName: string;
  requestId: string;
  openid: string;
  appid: string;
  unionid: string;
  clientIp: string;
  source: string;
}

export type FunctionFailure = 'NOT_FOUND' | 'TIMEOUT' | 'CRASH' | 'STOPPED';

/** Why an invocation did not return a value. `message` is the platform's wording, never a stack. */
export class FunctionError extends Error {
  readonly kind: FunctionFailure;
  readonly functionName: string;
  readonly requestId: string;

  constructor(kind: FunctionFailure, functionName: string, requestId: string, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'FunctionError';
    this.kind = kind;
    this.functionName = functionName;
    this.requestId = requestId;
  }
}

/** The lane of a call: from a caller (user or timer), or made by a function (cloud.callFunction). */
export type Lane = 'callers' | 'functions';

export function laneOf(source: string): Lane {
  return /(^|,)scf$/.test(source) ? 'functions' : 'callers';
}

/**
 * The invocation's own environment: `base` (function settings, the wire endpoint) and the identity
 * keys production injects (the SDK finds them through the *_CONTEXT_KEYS lists).
 */
export function invocationVars(ctx: InvocationContext, token: string, base: EnvVars): EnvVars {
  const vars: EnvVars = {
    ...base,
    SCF_FUNCTIONNAME: ctx.functionName,
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_CLIENTIPV6,WX_API_TOKEN',
    WX_OPENID: ctx.openid,
    WX_APPID: ctx.appid,
    WX_UNIONID: ctx.unionid,
    WX_CLIENTIP: ctx.clientIp,
    WX_API_TOKEN: token,
    TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SEQID,TCB_SOURCE',
    TCB_SOURCE: ctx.source,
    TCB_SEQID: ctx.requestId,
  };
  // An empty identity is absent on the platform, not an empty string.
  for (const key of ['WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'WX_CLIENTIP']) if (vars[key] === '') delete vars[key];
  return vars;
}

/** The `context` argument of `main`. */
export function invocationContext(
  ctx: InvocationContext,
  envId: string,
  config: FunctionConfig,
): Record<string, unknown> {
  return {
    callbackWaitsForEmptyEventLoop: false,
    request_id: ctx.requestId,
    function_name: ctx.functionName,
    function_version: '$LATEST',
    namespace: envId,
    memory_limit_in_mb: config.memorySize,
    time_limit_in_ms: config.timeout * 1000,
  };
}
