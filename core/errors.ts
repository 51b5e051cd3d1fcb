/**
 * The closed set of error codes every function reply may carry. Codes are English and stable
 * (clients branch on them); messages are Chinese and shown to users as they are.
 */
export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'UNAUTHENTICATED',
  'PERMISSION_DENIED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'FAILED_PRECONDITION',
  'RESOURCE_EXHAUSTED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Default Chinese message per code, used when a thrower gives none. */
export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  INVALID_ARGUMENT: '输入有误，请检查后重试',
  UNAUTHENTICATED: '请先登录',
  PERMISSION_DENIED: '没有权限进行此操作',
  NOT_FOUND: '内容不存在或已被删除',
  ALREADY_EXISTS: '已存在，请勿重复操作',
  FAILED_PRECONDITION: '当前状态下无法进行此操作',
  RESOURCE_EXHAUSTED: '操作太频繁或名额已满，请稍后再试',
  INTERNAL: '系统繁忙，请稍后再试',
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** The one error class of the product. Only the function kit turns it into a reply. */
export class AppError extends Error {
  readonly code: ErrorCode;
  /** Optional machine-readable detail (e.g. which field failed); never a stack or internal state. */
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? DEFAULT_MESSAGES[code]);
    this.name = 'AppError';
    this.code = code;
    if (details) this.details = details;
  }
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** The reply envelope of every action, on every transport. */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
