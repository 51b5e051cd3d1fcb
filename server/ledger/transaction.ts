import { isDuplicateKeyError } from '../db/errors';
import { runTransaction, type TransactionOptions } from '../db/transaction';
import type { Database, Transaction } from '../db/types';
import { LedgerTx } from './ledger';

/**
 * Runs ledger work in a transaction. Besides write conflicts (retried by runTransaction), a racing
 * twin of the same event can make our insert of its idempotency key fail as a duplicate: the rerun
 * then reads the entry the twin wrote and answers from it, so a duplicate is never an error here.
 */
export async function runLedger<T>(
  db: Database,
  now: number,
  work: (ledger: LedgerTx, t: Transaction) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runTransaction(
        db,
        async (t) => {
          const ledger = new LedgerTx(t, now);
          const result = await work(ledger, t);
          await ledger.commit();
          return result;
        },
        options,
      );
    } catch (e) {
      if (attempt < 3 && isDuplicateKeyError(e)) continue;
      throw e;
    }
  }
}
