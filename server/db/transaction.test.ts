import { AppError } from '@core/errors';
import { isDuplicateKeyError, isTransactionConflict } from './errors';
import { runTransaction } from './transaction';
import type { Database, Transaction } from './types';

/** What wx-server-sdk throws for a conflict on a document operation: the code is folded into text. */
function sdkConflict(): Error {
  const e = new Error(
    'document.update:fail -501001 resource system error. [DATABASE_TRANSACTION_CONFLICT] write conflict on invites/ABCDEFGH',
  );
  Object.assign(e, { errCode: -501001, errMsg: e.message });
  return e;
}

/** A database whose transactions fail with the given errors first, then run the work. */
function flakyDb(failures: unknown[]): { db: Database; attempts: () => number } {
  let attempts = 0;
  const db = {
    runTransaction: async <T>(work: (t: Transaction) => Promise<T>, retries?: number) => {
      expect(retries).toBe(0);
      attempts++;
      const failure = failures.shift();
      // The SDK really does throw plain `{ code, message }` objects for commit-time conflicts.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      if (failure !== undefined) throw failure;
      return work({} as Transaction);
    },
  } as unknown as Database;
  return { db, attempts: () => attempts };
}

const noSleep = () => Promise.resolve();

describe('runTransaction', () => {
  it('retries a conflict and returns the work result', async () => {
    const { db, attempts } = flakyDb([sdkConflict(), { code: 'DATABASE_TRANSACTION_CONFLICT', message: 'conflict' }]);
    await expect(runTransaction(db, () => Promise.resolve('done'), { sleep: noSleep })).resolves.toBe('done');
    expect(attempts()).toBe(3);
  });

  it('turns conflicts on every attempt into RESOURCE_EXHAUSTED', async () => {
    const { db, attempts } = flakyDb([sdkConflict(), sdkConflict(), sdkConflict()]);
    const run = runTransaction(db, () => Promise.resolve(1), { attempts: 3, sleep: noSleep });
    await expect(run).rejects.toMatchObject({ code: 'RESOURCE_EXHAUSTED' });
    expect(attempts()).toBe(3);
  });

  it('passes an AppError from the work through without retrying', async () => {
    const { db, attempts } = flakyDb([]);
    const run = runTransaction(db, () => Promise.reject(new AppError('FAILED_PRECONDITION', '邀请码已被使用')), {
      sleep: noSleep,
    });
    await expect(run).rejects.toEqual(new AppError('FAILED_PRECONDITION', '邀请码已被使用'));
    expect(attempts()).toBe(1);
  });
});

describe('database error recognition', () => {
  it('recognises duplicate keys the way the SDK reports them', () => {
    expect(
      isDuplicateKeyError(
        Object.assign(new Error('collection.add:fail -502001 database request fail. E11000 duplicate key error'), {
          errCode: -502001,
        }),
      ),
    ).toBe(true);
    expect(isDuplicateKeyError({ errMsg: 'duplicate key _id: abc' })).toBe(true);
    expect(isDuplicateKeyError(new Error('timeout'))).toBe(false);
    expect(isDuplicateKeyError(null)).toBe(false);
  });

  it('recognises a transaction conflict with or without its code', () => {
    expect(isTransactionConflict(sdkConflict())).toBe(true);
    expect(isTransactionConflict({ code: 'DATABASE_TRANSACTION_CONFLICT' })).toBe(true);
    expect(
      isTransactionConflict(
        Object.assign(
          new Error(
            'document.update:fail -501001 resource system error. [ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem cannot be solved, contact us.',
          ),
          { errCode: -501001 },
        ),
      ),
    ).toBe(true);
    expect(
      isTransactionConflict({
        code: 'DATABASE_TRANSACTION_FAIL',
        message: '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server',
      }),
    ).toBe(false);
    expect(isTransactionConflict(new Error('duplicate key'))).toBe(false);
  });
});
