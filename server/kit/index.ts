export { defineFunction, internalMessage, toErrorBody } from './define-function';
export { wxRuntime } from './runtime';
export type {
  ActionContext,
  ActionHandler,
  ActionHandlers,
  Caller,
  DefineOptions,
  Logger,
  MainFunction,
  Runtime,
  Services,
  TimerContext,
  TimerHandler,
  PushHandler,
} from './types';
