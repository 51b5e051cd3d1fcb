/**
 * Ids derived from an openid with a secret key, so a tombstone or an anonymous node cannot be
 * traced back to the openid by anyone without it (and not at all across environments).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { isDuplicateKeyError } from '@server/db/errors';
import { getDoc } from '@server/db/read';
import type { Database } from '@server/db/types';
import { SALT_ID, SaltDoc } from '../documents';

const hmac = (key: string, text: string) => createHmac('sha256', key).update(text).digest('hex');

/** The environment's key, or null before the first deletion ever (then no openid has a tombstone). */
export async function findErasureKey(db: Database): Promise<string | null> {
  return (await getDoc(db.collection('erasures').doc(SALT_ID), SaltDoc, 'erasures'))?.key ?? null;
}

/** The environment's key, made by the first deletion (a racing twin's insert wins; both then read it). */
export async function erasureKey(db: Database, now: number): Promise<string> {
  const found = await findErasureKey(db);
  if (found) return found;
  try {
    await db
      .collection('erasures')
      .add({ data: { _id: SALT_ID, key: randomBytes(32).toString('hex'), createdAt: now } });
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e;
  }
  const made = await findErasureKey(db);
  if (!made) throw new Error('erasure key missing right after it was written');
  return made;
}

/** The tombstone of an openid. */
export const erasureId = (key: string, openid: string) => `era_${hmac(key, `tomb\n${openid}`).slice(0, 40)}`;

/**
 * The anonymous node of the n-th deletion of an openid. Deterministic, so a retried deletion
 * rewrites to the same node; it has the shape of an openid so guides' views that take one
 * (a customer's timeline) still open, but WeChat never issues an `anon_` openid.
 */
export const anonId = (key: string, openid: string, n: number) =>
  `anon_${hmac(key, `anon\n${openid}\n${n}`).slice(0, 24)}`;
