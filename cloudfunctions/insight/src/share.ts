/**
 * Share tokens: one per (sharer, post or none, parent token or none), crypto-random so a token
 * cannot be guessed, and stable so sharing twice gives the same link. The unique index on
 * (sharer, postKey, parentKey) makes two first shares at once end with one token.
 */
import { SHARE_TOKEN_LENGTH } from '@core/contracts/insight';
import { AppError } from '@core/errors';
import { loadShareLink, NONE, ShareLinkDoc } from '@server/data/visits';
import { isDuplicateKeyError } from '@server/db/errors';
import { parseDoc } from '@server/db/read';
import type { Database } from '@server/db/types';
import { BASE62, randomString } from '@server/ids';

export const GONE = '分享链接已失效';

export interface ShareKey {
  sharer: string;
  sharerRole: ShareLinkDoc['sharerRole'];
  postId?: string;
  /** The share passed on (a reshare), already checked by the caller. */
  parent?: ShareLinkDoc;
}

async function findLink(db: Database, sharer: string, postKey: string, parentKey: string) {
  const { data } = await db.collection('share_links').where({ sharer, postKey, parentKey }).limit(1).get();
  const [raw] = data;
  return raw === undefined ? null : parseDoc(ShareLinkDoc, raw, 'share_links');
}

/** The one token of (sharer, post, parent): found, or made. */
export async function ensureShareLink(db: Database, key: ShareKey, now: number): Promise<ShareLinkDoc> {
  const postKey = key.postId ?? NONE;
  const parentKey = key.parent?._id ?? NONE;
  const found = await findLink(db, key.sharer, postKey, parentKey);
  if (found) return found;
  for (let attempt = 0; attempt < 3; attempt++) {
    const token = randomString(BASE62, SHARE_TOKEN_LENGTH);
    const doc: ShareLinkDoc = {
      _id: token,
      sharer: key.sharer,
      sharerRole: key.sharerRole,
      postKey,
      parentKey,
      ...(key.parent ? { parentSharer: key.parent.sharer } : {}),
      root: key.parent?.root ?? token,
      hop: key.parent ? key.parent.hop + 1 : 0,
      createdAt: now,
    };
    try {
      await db.collection('share_links').add({ data: doc });
      return doc;
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
      const winner = await findLink(db, key.sharer, postKey, parentKey);
      if (winner) return winner;
      // Else the random token itself collided (2^-101 per pair): draw again.
    }
  }
  throw new AppError('RESOURCE_EXHAUSTED', '分享链接生成繁忙，请稍后重试');
}

/** The share a token stands for; an unknown or forged token is NOT_FOUND. */
export async function resolveToken(db: Database, token: string): Promise<ShareLinkDoc> {
  const link = await loadShareLink(db, token);
  if (!link) throw new AppError('NOT_FOUND', GONE);
  return link;
}
