import { NOTICES_SHOWN, type ContentContract } from '@core/contracts/content';
import { getAll } from '@server/db/read';
import type { ActionHandler } from '@server/kit';
import { NoticeDoc } from '../withdraw';

/** HQ's notices, newest first (the `created` index), each with whether someone at HQ has read it. */
export const notices: ActionHandler<ContentContract, 'notices'> = async (_input, ctx) => {
  const docs = await getAll(
    ctx.db.collection('hq_notices').orderBy('createdAt', 'desc').limit(NOTICES_SHOWN),
    NoticeDoc,
    'hq_notices',
    { max: NOTICES_SHOWN },
  );
  const list = docs.map((d) => ({
    id: d._id,
    kind: d.kind,
    postId: d.postId,
    title: d.title,
    reason: d.reason,
    createdAt: d.createdAt,
    read: d.readAt !== undefined,
  }));
  return { notices: list, unread: list.filter((n) => !n.read).length };
};

/** Marks the named notices read; one already read keeps its first reading time. */
export const readNotices: ActionHandler<ContentContract, 'readNotices'> = async (input, ctx) => {
  const _ = ctx._;
  const res = await ctx.db
    .collection('hq_notices')
    .where({ _id: _.in([...new Set(input.ids)]), readAt: _.exists(false) })
    .update({ data: { readAt: ctx.now() } });
  return { read: res.stats.updated };
};
