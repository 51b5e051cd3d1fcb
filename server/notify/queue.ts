/**
 * The reminder queue (`notifications`). Producers (a member joined, a long read, a posting slot, an
 * expiry) queue a message under a key naming the event, so producing it twice queues it once;
 * the `sendReminders` timer delivers what is due. Queuing needs no credit: the sender spends one.
 */
import type { ReminderKind } from '@core/contracts/insight-notify';
import { isDuplicateKeyError } from '../db/errors';
import type { Database } from '../db/types';
import { getDoc } from '../db/read';
import { keyedHex } from '../privacy/keys';
import { CreditDoc, creditId, type NotificationDoc } from './documents';

export interface Reminder {
  openid: string;
  kind: ReminderKind;
  /** What it is about (a member's openid, a visit id, a variant id…); unique within the kind. */
  key: string;
  data: Record<string, string>;
  page: string;
  dueAt: number;
}

/** A queued message's id. The key may be a person's openid (a member who joined): only its keyed hash is stored. */
export const notificationId = (kind: ReminderKind, key: string): string => `${kind}:${keyedHex('notify', [key])}`;

/** Queues one message; false when that event was already queued. */
export async function queueReminder(db: Database, r: Reminder, now: number): Promise<boolean> {
  const doc: NotificationDoc = {
    _id: notificationId(r.kind, r.key),
    openid: r.openid,
    kind: r.kind,
    data: r.data,
    page: r.page,
    status: 'pending',
    dueAt: r.dueAt,
    createdAt: now,
  };
  try {
    await db.collection('notifications').add({ data: doc });
    return true;
  } catch (e) {
    if (isDuplicateKeyError(e)) return false;
    throw e;
  }
}

/**
 * Queues a message for someone who holds a credit of its kind now (a later sender still spends one
 * conditionally); events of people who did not subscribe leave nothing behind.
 */
export async function queueIfSubscribed(db: Database, r: Reminder, now: number): Promise<boolean> {
  const credit = await getDoc(
    db.collection('subscribe_credits').doc(creditId(r.openid, r.kind)),
    CreditDoc,
    'subscribe_credits',
  );
  if (!credit || credit.credits <= 0) return false;
  return queueReminder(db, r, now);
}

/** A template `thing` value holds 20 characters at most. */
export function thing(s: string): string {
  const chars = [...s.trim()];
  return chars.length <= 20 ? chars.join('') : `${chars.slice(0, 19).join('')}…`;
}

/** `YYYY-MM-DD HH:mm` in Beijing time, the form a `time` keyword takes. */
export function beijingTime(t: number): string {
  const d = new Date(t + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** `YYYY-MM-DD` in Beijing time, the form a `date` keyword takes. */
export function beijingDate(t: number): string {
  return beijingTime(t).slice(0, 10);
}
