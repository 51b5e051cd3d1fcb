import { DEFAULT_MESSAGES, isErrorCode, type ErrorCode } from '@core/errors';

/** The server's closed set plus one client-only code for "the request never got an answer". */
export type CloudErrorCode = ErrorCode | 'NETWORK';

export const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试';

/** Every failed call surfaces as this; `message` is Chinese and meant to be shown as it is. */
export class CloudError extends Error {
  readonly code: CloudErrorCode;

  constructor(code: CloudErrorCode, message?: string) {
    super(message || (code === 'NETWORK' ? NETWORK_MESSAGE : DEFAULT_MESSAGES[code]));
    this.name = 'CloudError';
    this.code = code;
  }
}

export function isCloudError(value: unknown): value is CloudError {
  return value instanceof CloudError;
}

/** A message fit for the user, whatever was thrown (never an English stack or a raw object). */
export function userMessage(error: unknown): string {
  if (error instanceof CloudError) return error.message;
  return DEFAULT_MESSAGES.INTERNAL;
}

/**
 * Turns a reply envelope into data or a CloudError. Anything not shaped like an envelope is a
 * server fault, reported as INTERNAL rather than handed to the page as data.
 */
export function unwrapReply<T>(reply: unknown): T {
  if (typeof reply === 'object' && reply !== null && 'ok' in reply) {
    const envelope = reply as { ok: unknown; data?: unknown; error?: unknown };
    if (envelope.ok === true) return envelope.data as T;
    if (envelope.ok === false && typeof envelope.error === 'object' && envelope.error !== null) {
      const { code, message } = envelope.error as { code?: unknown; message?: unknown };
      throw new CloudError(isErrorCode(code) ? code : 'INTERNAL', typeof message === 'string' ? message : undefined);
    }
  }
  throw new CloudError('INTERNAL');
}
