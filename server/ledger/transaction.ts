import { AppError } from '@core/errors';
import { isDuplicateKeyError, isTransactionConflict } from '../db/errors';
import type { Database, Transaction } from '../db/types';
import { LedgerTx } from './ledger';

export interface RetryOptions {
  /** Keep retrying lost races for this long (ms) before telling the user to try again. */
  maxMs?: number;
  /** Shown when every attempt lost to concurrent writers. */
  busyMessage?: string;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
}

/** Thrown by an attempt that saw the world change under it and should simply run again. */
export class RetryAttempt extends Error {
  override name = 'RetryAttempt';
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Full-jitter exponential backoff. Losers cost the database a few round trips each, so the waits
 * grow quickly: with a hundred members on one item, short waits spend the capacity the winners
 * need to commit.
 */
const BACKOFF_BASE_MS = 100;
const BACKOFF_CAP_MS = 2000;

/**
 * Runs `attempt` until it stops losing races, i.e. until it returns or throws anything other than:
 * - a write conflict (another transaction wrote an account, a stock shard, a counter first);
 * - a duplicate key (a twin of the same event inserted its idempotency key first — the rerun
 *   reads what the twin wrote and answers from it, so a duplicate is never an error here);
 * - RetryAttempt.
 * Bounded by time, not count, so the function answers inside its timeout; the last word is
 * RESOURCE_EXHAUSTED, a state the user acts on ("try again"), never INTERNAL.
 */
export async function retryLostRaces<T>(attempt: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const maxMs = options.maxMs ?? 2000;
  const sleep = options.sleep ?? defaultSleep;
  const started = Date.now();
  let duplicates = 0;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      if (isDuplicateKeyError(e)) {
        if (++duplicates > 3) throw e;
      } else if (!(e instanceof RetryAttempt) && !isTransactionConflict(e)) {
        throw e;
      }
      if (Date.now() - started > maxMs) {
        throw new AppError('RESOURCE_EXHAUSTED', options.busyMessage ?? '当前操作的人较多，请稍后重试');
      }
      await sleep(Math.floor(Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(n, 10))));
    }
  }
}

/** One transaction with a LedgerTx, committed after `work` returns. Errors are not retried here. */
export function ledgerAttempt<T>(
  db: Database,
  now: number,
  work: (ledger: LedgerTx, t: Transaction) => Promise<T>,
): Promise<T> {
  // The SDK's own retry is off (0): it cannot see conflicts raised by document operations.
  return db.runTransaction(async (t) => {
    const ledger = new LedgerTx(t, now);
    const result = await work(ledger, t);
    await ledger.commit();
    return result;
  }, 0);
}

/** Ledger work in one transaction, rerun when it loses a race (see retryLostRaces). */
export function runLedger<T>(
  db: Database,
  now: number,
  work: (ledger: LedgerTx, t: Transaction) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  return retryLostRaces(() => ledgerAttempt(db, now, work), options);
}
