import type * as WxCloud from 'wx-server-sdk';
import type { ActionName, Contract, ParsedInputOf, ResultOf } from '@core/contracts/define';
import type { Role } from '@core/roles';
import type { UserDoc } from '../data/users';
import type { Command, Database } from '../db/types';
import type { ServerEnv } from '../env';

export type Cloud = typeof WxCloud;

/** Who is calling, as decided by the kit. Actions never read the platform's context themselves. */
export interface Caller {
  openid: string;
  role: Role;
  /** The caller's `users` document (guides and customers only). */
  user?: UserDoc;
}

export type LogFields = Record<string, unknown>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/** The SDK handles every function needs, created once per container. */
export interface Services {
  cloud: Cloud;
  db: Database;
  _: Command;
}

interface BaseContext extends Services {
  requestId: string;
  /** Epoch milliseconds; the one clock actions use, so tests and rules agree on "now". */
  now(): number;
  /** The function's validated settings (server/env.ts). */
  env(): ServerEnv;
  log: Logger;
}

export interface ActionContext extends BaseContext {
  caller: Caller;
}

export interface TimerContext extends BaseContext {
  trigger: { name: string; time?: string };
}

export type ActionHandler<C extends Contract, A extends ActionName<C>> = (
  input: ParsedInputOf<C, A>,
  ctx: ActionContext,
) => Promise<ResultOf<C, A>> | ResultOf<C, A>;

/** One handler per action of the contract; the compiler reports a missing or misspelt one. */
export type ActionHandlers<C extends Contract> = { [A in ActionName<C>]: ActionHandler<C, A> };

export type TimerHandler = (ctx: TimerContext) => Promise<unknown>;

/** What the platform tells the kit about the invocation. */
export interface PlatformIdentity {
  openid?: string;
  appid?: string;
  unionid?: string;
  source?: string;
}

/**
 * The kit's seam to the platform. Production (and the local cloud) use wxRuntime(); kit unit tests
 * pass their own to exercise the envelope, routing and validation without a database.
 */
export interface Runtime {
  identity(): PlatformIdentity;
  services(): Services;
  env(): ServerEnv;
  now(): number;
  /** The caller's `users` document, or null. */
  findUser(openid: string): Promise<UserDoc | null>;
  /** Where log lines go (one JSON object per line). */
  write(line: string): void;
}

/** A message push's handler (`Event` names it); the event is the platform's, already inspected. */
export type PushHandler = (event: Readonly<Record<string, unknown>>, ctx: TimerContext) => Promise<unknown>;

export interface KitLimits {
  /** Deepest nesting of objects/arrays accepted in an event. */
  maxDepth: number;
  /** Largest event accepted, in UTF-8 bytes of its strings and keys (plus a little per value). */
  maxBytes: number;
}

export interface DefineOptions {
  /** Handlers for timer triggers declared in the function's config.json, by trigger name. */
  timers?: Record<string, TimerHandler>;
  /** Handlers for message pushes (消息推送) configured to this function, by the event's `Event`. */
  pushes?: Record<string, PushHandler>;
  limits?: Partial<KitLimits>;
  /** Replaces the platform; for kit unit tests only. */
  runtime?: Runtime;
}

/** The signature WeChat calls. `context` carries request_id among others. */
export type MainFunction = (event: unknown, context?: unknown) => Promise<unknown>;
