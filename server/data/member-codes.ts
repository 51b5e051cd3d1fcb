/**
 * `member_codes`: the rotating code a member shows at the till, `_id` = the code.
 *
 * Why a stored short-lived code rather than an HMAC of (member, time window): the code must name
 * the member and still be short enough to type (12 digits); an HMAC code would have to carry the
 * member's id in the clear or be checked against every member. A stored random code reveals
 * nothing, needs no secret to distribute or rotate across functions, expires by its own
 * `expiresAt`, and is marked used in the award's transaction, so it cannot be replayed either.
 * 12 random digits with at most a few thousand codes alive at once leave a guesser about one
 * chance in 10^8 per try.
 */
import * as z from 'zod';
import { MEMBER_CODE_LENGTH, MEMBER_CODE_TTL_MS } from '@core/points/purchase';
import { isDuplicateKeyError } from '../db/errors';
import type { Database } from '../db/types';
import { randomString } from '../ids';

export const MemberCodeDoc = z.object({
  _id: z.string(),
  openid: z.string(),
  createdAt: z.number(),
  expiresAt: z.number(),
  /** Set by the award that used it: a code pays once. */
  usedAt: z.number().optional(),
  award: z.string().optional(),
});
export type MemberCodeDoc = z.infer<typeof MemberCodeDoc>;

/** Codes stay in the collection this long after they expire (the sweep removes them), for support questions. */
export const MEMBER_CODE_KEEP_MS = 24 * 60 * 60 * 1000;

/** A new code for `openid`, valid for MEMBER_CODE_TTL_MS from `now`. */
export async function issueMemberCode(db: Database, openid: string, now: number): Promise<MemberCodeDoc> {
  for (let attempt = 0; ; attempt++) {
    const doc: MemberCodeDoc = {
      _id: randomString('0123456789', MEMBER_CODE_LENGTH),
      openid,
      createdAt: now,
      expiresAt: now + MEMBER_CODE_TTL_MS,
    };
    try {
      await db.collection('member_codes').add({ data: { ...doc } });
      return doc;
    } catch (e) {
      // A live or recent code drew the same digits: draw again.
      if (!isDuplicateKeyError(e) || attempt >= 4) throw e;
    }
  }
}
