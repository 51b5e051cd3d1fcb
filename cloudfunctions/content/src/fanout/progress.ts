/**
 * How far each post's fan-out has got, counted in the database (one aggregate for many posts): the
 * guides planned in the post's batches, made, given up on, and the batches waiting or running.
 */
import type { VariantProgress } from '@core/contracts/content';
import type { PostDoc } from '@server/data/posts';
import { groupRows, num } from '@server/db/aggregate';
import type { Ctx } from '../guide-text';

/** Progress per post id, for the posts that have batches of their current revision. */
export async function progressOf(ctx: Ctx, posts: readonly PostDoc[]): Promise<Map<string, VariantProgress>> {
  const out = new Map<string, VariantProgress>();
  if (posts.length === 0) return out;
  const rev = new Map(posts.map((p) => [p._id, p.rev]));
  const $ = ctx._.aggregate;
  const rows = await groupRows(
    ctx.db
      .collection('variant_jobs')
      .aggregate()
      .match({ postId: ctx._.in(posts.map((p) => p._id)) })
      .group({
        _id: { postId: '$postId', rev: '$rev', status: '$status' },
        size: $.sum('$size'),
        made: $.sum('$made'),
        batches: $.sum(1),
      }),
  );
  for (const row of rows) {
    const key = row._id as { postId?: unknown; rev?: unknown; status?: unknown };
    if (typeof key.postId !== 'string' || rev.get(key.postId) !== key.rev) continue;
    const p = out.get(key.postId) ?? { made: 0, total: 0, failed: 0, queued: 0, running: 0 };
    const size = num(row.size);
    const made = num(row.made);
    p.total += size;
    p.made += made;
    if (key.status === 'failed') p.failed += size - made;
    if (key.status === 'queued') p.queued += num(row.batches);
    if (key.status === 'running') p.running += num(row.batches);
    out.set(key.postId, p);
  }
  return out;
}
