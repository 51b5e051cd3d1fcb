/**
 * Send credits: one per acceptance of a template. Granting is an increment (or the first insert);
 * spending is a conditional decrement (`credits > 0`), so racing senders never spend more than
 * was granted, whichever instance runs them.
 */
import type { ReminderKind } from '@core/contracts/insight-notify';
import { REMINDER_KINDS } from '@core/limits';
import { isDuplicateKeyError } from '../db/errors';
import { getAll, parseDoc } from '../db/read';
import type { Database } from '../db/types';
import { CreditDoc, creditId } from './documents';

export type Credits = Record<ReminderKind, number>;

export async function grantCredit(db: Database, openid: string, kind: ReminderKind, now: number): Promise<void> {
  const c = db.collection('subscribe_credits');
  const _ = db.command;
  const id = creditId(openid, kind);
  for (let attempt = 0; attempt < 3; attempt++) {
    const res = await c.where({ _id: id }).update({ data: { credits: _.inc(1), updatedAt: now } });
    if (res.stats.updated === 1) return;
    try {
      await c.add({ data: { _id: id, openid, kind, credits: 1, updatedAt: now } });
      return;
    } catch (e) {
      // A racer inserted it first: increment theirs.
      if (!isDuplicateKeyError(e)) throw e;
    }
  }
  throw new Error(`grantCredit: ${id} could be neither inserted nor updated`);
}

/** Takes one credit; false when none is left. */
export async function spendCredit(db: Database, openid: string, kind: ReminderKind, now: number): Promise<boolean> {
  const _ = db.command;
  const res = await db
    .collection('subscribe_credits')
    .where({ _id: creditId(openid, kind), credits: _.gt(0) })
    .update({ data: { credits: _.inc(-1), updatedAt: now } });
  return res.stats.updated === 1;
}

/** Gives back a credit a failed send did not use (WeChat counts only delivered messages). */
export async function refundCredit(db: Database, openid: string, kind: ReminderKind, now: number): Promise<void> {
  await grantCredit(db, openid, kind, now);
}

export async function creditsOf(db: Database, openid: string): Promise<Credits> {
  const rows = await getAll(db.collection('subscribe_credits').where({ openid }), CreditDoc, 'subscribe_credits', {
    max: REMINDER_KINDS.length,
  });
  const out = Object.fromEntries(REMINDER_KINDS.map((k) => [k, 0])) as Credits;
  for (const r of rows) out[r.kind] = r.credits;
  return out;
}

/** Openids holding a credit of `kind` (the only people a timer prepares messages for), at most `max`. */
export async function holdersOf(db: Database, kind: ReminderKind, max = 1000): Promise<string[]> {
  const _ = db.command;
  const { data } = await db
    .collection('subscribe_credits')
    .where({ kind, credits: _.gt(0) })
    .limit(max)
    .get();
  return data.map((raw) => parseDoc(CreditDoc, raw, 'subscribe_credits').openid);
}
