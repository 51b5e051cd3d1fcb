import type { InsightContract } from '@core/contracts/insight';
import { AppError } from '@core/errors';
import { readPostTags } from '@server/data/posts';
import type { ActionHandler } from '@server/kit';
import { TAG_RULES_ID } from '../documents';
import { loadTagRules } from '../queries';

export const tagRules: ActionHandler<InsightContract, 'tagRules'> = async (_input, ctx) => ({
  rules: await loadTagRules(ctx.db),
});

/**
 * HQ's rules: a reader gets tag X once they have read posts tagged X for at least N seconds in
 * total. Tags are worked out from the totals when read, so a changed rule applies to everyone at once.
 */
export const setTagRules: ActionHandler<InsightContract, 'setTagRules'> = async (input, ctx) => {
  await ctx.db
    .collection('insight_settings')
    .doc(TAG_RULES_ID)
    .set({ data: { rules: input.rules, updatedAt: ctx.now(), updatedBy: ctx.caller.openid } });
  return { rules: input.rules };
};

export const setPostTags: ActionHandler<InsightContract, 'setPostTags'> = async (input, ctx) => {
  const { data } = await ctx.db.collection('posts').doc(input.postId).get();
  if (data === null || data === undefined) throw new AppError('NOT_FOUND', '内容不存在');
  const tags = [...new Set(input.tags)];
  await ctx.db
    .collection('post_tags')
    .doc(input.postId)
    .set({ data: { tags, updatedAt: ctx.now() } });
  return { postId: input.postId, tags };
};

export const postTags: ActionHandler<InsightContract, 'postTags'> = async (input, ctx) => {
  return { postId: input.postId, tags: await readPostTags(ctx.db, input.postId) };
};
