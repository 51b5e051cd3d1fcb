/**
 * Errors the database engine answers with. The `code` strings are CloudBase's own: wx-server-sdk
 * maps them to numeric errCodes (TCB_ERR_CODE in its bundle), so a function sees the same errCode
 * here as in the cloud. Codes the SDK does not know (e.g. DATABASE_TRANSACTION_CONFLICT) reach the
 * caller as -501001 with our message, exactly as they would in production.
 */
import { isPlainObject, type Doc } from './values';

export type DbErrorCode =
  | 'DATABASE_REQUEST_FAILED' // -502001
  | 'DATABASE_INVALID_OPERRATOR' // -502002 (sic: the platform's spelling)
  | 'DATABASE_COLLECTION_NOT_EXIST' // -502005
  | 'DATABASE_TRANSACTION_CONFLICT' // the SDK's runTransaction retries on this code
  | 'DATABASE_TRANSACTION_FAIL' // a transaction id the server no longer has
  | 'INVALID_PARAM' // -501007
  | 'ACTION_NOT_SUPPORTED';

export class DbError extends Error {
  readonly code: DbErrorCode;
  constructor(code: DbErrorCode, message: string) {
    super(message);
    this.name = 'DbError';
    this.code = code;
  }
}

export const requestFailed = (message: string) => new DbError('DATABASE_REQUEST_FAILED', message);
export const invalidOperator = (op: string) => new DbError('DATABASE_INVALID_OPERRATOR', `unknown operator: ${op}`);
export const invalidParam = (message: string) => new DbError('INVALID_PARAM', message);

export const collectionNotExist = (name: string) =>
  new DbError('DATABASE_COLLECTION_NOT_EXIST', `[ResourceNotFound] Db or Table not exist: ${name}`);

/** MongoDB's E11000 text, which CloudBase passes through under DATABASE_REQUEST_FAILED. */
export const duplicateKey = (collection: string, index: string, key: string) =>
  requestFailed(`E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${key}`);

/** CloudBase's wording: its errors carry `[Category.Reason] text` and this closing sentence. */
const CLOSING = 'Please check your request, but if the problem cannot be solved, contact us.';

/**
 * Another transaction (or a write outside any) changed a document this one writes. CloudBase's
 * message has no document in it; the SDK's runTransaction retries on the code.
 */
export const transactionConflict = () =>
  new DbError(
    'DATABASE_TRANSACTION_CONFLICT',
    `[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. ${CLOSING}`,
  );

/**
 * A transaction id the server does not hold: never started, already committed or rolled back,
 * aborted by an earlier failed step, or past its lifetime (30 s, the limit the message names).
 */
export const transactionNotExist = () =>
  new DbError(
    'DATABASE_TRANSACTION_FAIL',
    `[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. ${CLOSING}`,
  );

/**
 * The platform refuses results above 1 MB (-602001 in WeChat's table). wx-server-sdk has no
 * mapping for that code on the database path, so we answer DATABASE_REQUEST_FAILED (-502001) and
 * keep the platform's wording in the message.
 */
export const resultTooLarge = (bytes: number) =>
  requestFailed(`database query result size exceed limit (1MB): ${bytes} bytes [-602001]`);

/** A written document or update body must be a plain object. */
export function assertDoc(v: unknown, what: string): Doc {
  if (!isPlainObject(v)) throw requestFailed(`${what} must be an object`);
  return v;
}
