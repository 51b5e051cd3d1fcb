/**
 * What only the insight function stores: HQ's interest-tag rules. Visits, share links and
 * interests, which account's data deletion rewrites, and the posts, variants and coupons insight
 * reads, are described once in server/data/.
 */
import * as z from 'zod';

export const TAG_RULES_ID = 'tag_rules';

export const TagRulesDoc = z.object({
  _id: z.literal(TAG_RULES_ID),
  rules: z.array(z.object({ tag: z.string(), minSeconds: z.number() })),
  updatedAt: z.number(),
  updatedBy: z.string(),
});
