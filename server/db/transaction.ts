import { AppError } from '@core/errors';
import { isTransactionConflict } from './errors';
import type { Database, Transaction } from './types';

export interface TransactionOptions {
  /** Attempts in all, the first included. */
  attempts?: number;
  /** Shown to the user when every attempt lost to a concurrent writer. */
  busyMessage?: string;
  /** Waits between attempts; injectable so tests need not sleep. */
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` in a database transaction and retries it when another writer got to a document
 * first. The SDK's own retry only sees conflicts raised at commit (a conflict on a document
 * operation reaches it rewrapped, without its code), so the retry lives here and the SDK's is off.
 * The callback must be safe to run again: read inside it, decide inside it.
 *
 * An AppError thrown by `work` rolls back and reaches the caller unchanged. Losing every attempt
 * becomes RESOURCE_EXHAUSTED, a state the user can act on ("try again"), never INTERNAL.
 */
export async function runTransaction<T>(
  db: Database,
  work: (t: Transaction) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? 5);
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.runTransaction(work, 0);
    } catch (e) {
      if (!isTransactionConflict(e)) throw e;
      if (attempt >= attempts) {
        throw new AppError('RESOURCE_EXHAUSTED', options.busyMessage ?? '当前操作的人较多，请稍后重试');
      }
      // Jittered backoff so racing writers stop colliding in lockstep.
      await sleep(Math.floor(Math.random() * 10 * attempt) + 2);
    }
  }
}
