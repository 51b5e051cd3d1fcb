import { MEMBER_CODE_KEEP_MS } from '@server/data/member-codes';
import type { TimerHandler } from '@server/kit';

/** Daily: removes member codes that expired more than a day ago (they can never be used again). */
export const sweepMemberCodes: TimerHandler = async (ctx) => {
  const { stats } = await ctx.db
    .collection('member_codes')
    .where({ expiresAt: ctx._.lt(ctx.now() - MEMBER_CODE_KEEP_MS) })
    .remove();
  ctx.log.info('sweepMemberCodes', { removed: stats.removed });
  return { removed: stats.removed };
};
