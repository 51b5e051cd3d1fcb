/** Share paths and the short ids that stand for (sharer, post) where a wxacode scene must fit 32 characters. */
import { SHORT_ID_LENGTH } from '@core/contracts/insight';
import { AppError } from '@core/errors';
import { NO_POST, ShareLinkDoc } from '@server/data/visits';
import { isDuplicateKeyError } from '@server/db/errors';
import { getDoc, parseDoc } from '@server/db/read';
import type { Database } from '@server/db/types';
import { BASE62, randomString } from '@server/ids';

/** The page a shared post or poster opens (no leading slash: wxacode wants it so). */
export const READ_PAGE = 'pages/customers/read/index';

export function sharePath(s: string): string {
  return `/${READ_PAGE}?s=${s}`;
}

export function sceneOf(s: string): string {
  return `s=${s}`;
}

async function findLink(db: Database, sharer: string, postKey: string): Promise<ShareLinkDoc | null> {
  const { data } = await db.collection('share_links').where({ sharer, postKey }).limit(1).get();
  const [raw] = data;
  return raw === undefined ? null : parseDoc(ShareLinkDoc, raw, 'share_links');
}

/**
 * The one short id of (sharer, post): found, or made. Two first shares at once both try to insert;
 * the unique index on (sharer, postKey) lets one win and the other reads the winner's id.
 */
export async function ensureShareLink(
  db: Database,
  sharer: string,
  postId: string | undefined,
  now: number,
): Promise<ShareLinkDoc> {
  const postKey = postId ?? NO_POST;
  const found = await findLink(db, sharer, postKey);
  if (found) return found;
  for (let attempt = 0; attempt < 3; attempt++) {
    const doc: ShareLinkDoc = { _id: randomString(BASE62, SHORT_ID_LENGTH), sharer, postKey, createdAt: now };
    try {
      await db.collection('share_links').add({ data: doc });
      return doc;
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
      const winner = await findLink(db, sharer, postKey);
      if (winner) return winner;
      // Else the random id itself collided (62^8 makes this rare): draw again.
    }
  }
  throw new AppError('RESOURCE_EXHAUSTED', '分享码生成繁忙，请稍后重试');
}

export async function resolveShortId(db: Database, s: string): Promise<{ sharer: string; postId?: string }> {
  const link = await getDoc(db.collection('share_links').doc(s), ShareLinkDoc, 'share_links');
  if (!link) throw new AppError('NOT_FOUND', '分享链接已失效');
  return { sharer: link.sharer, ...(link.postKey !== NO_POST ? { postId: link.postKey } : {}) };
}
