import type { ContentContract } from '@core/contracts/content';
import { storeNames } from '@server/data/stores';
import { VariantDoc } from '@server/data/variants';
import { groupRows, num } from '@server/db/aggregate';
import { getAll } from '@server/db/read';
import type { ActionHandler } from '@server/kit';
import { progressOf } from '../fanout/progress';
import { loadPost } from '../posts';
import { activeGuides } from '../stores';

const OutcomeRow = VariantDoc.pick({ storeId: true, openedAt: true, copiedAt: true, savedAt: true });

interface Counts {
  reached: number;
  opened: number;
  copied: number;
  saved: number;
}

/**
 * Per-post reach for HQ. Reached = active guides in the target stores now; opened = guides who
 * opened their variant; copied / saved = guides who did so at least once. With the fan-out's
 * progress, and the storage the guides' variant images take (this post's and all posts').
 */
export const postStats: ActionHandler<ContentContract, 'postStats'> = async (input, ctx) => {
  const post = await loadPost(ctx.db, input.id);
  const targets = post.allStores ? undefined : post.storeIds;
  const [guides, rows, names, progress, storage] = await Promise.all([
    activeGuides(ctx.db, targets),
    getAll(
      ctx.db
        .collection('post_variants')
        .where({ postId: post._id })
        .field({ storeId: true, openedAt: true, copiedAt: true, savedAt: true }),
      OutcomeRow,
      'post_variants',
      { pageSize: 1000, max: 50_000 },
    ),
    storeNames(ctx.db, targets),
    progressOf(ctx, post.status === 'published' ? [post] : []),
    variantBytes(ctx),
  ]);
  const byStore = new Map<string, Counts>();
  const bucket = (storeId: string) => {
    let c = byStore.get(storeId);
    if (!c) byStore.set(storeId, (c = { reached: 0, opened: 0, copied: 0, saved: 0 }));
    return c;
  };
  for (const id of targets ?? []) bucket(id);
  for (const g of guides) bucket(g.storeId).reached++;
  for (const r of rows) {
    const c = bucket(r.storeId);
    if (r.openedAt !== undefined) c.opened++;
    if (r.copiedAt !== undefined) c.copied++;
    if (r.savedAt !== undefined) c.saved++;
  }
  const stores = [...byStore.entries()].map(([storeId, c]) => ({
    storeId,
    name: names.get(storeId) ?? '已删除的门店',
    ...c,
  }));
  const sum = (k: keyof Counts) => stores.reduce((n, s) => n + s[k], 0);
  return {
    id: post._id,
    reached: sum('reached'),
    opened: sum('opened'),
    copied: sum('copied'),
    saved: sum('saved'),
    stores,
    ...(progress.has(post._id) ? { variants: progress.get(post._id) } : {}),
    storage: { postBytes: storage.get(post._id) ?? 0, totalBytes: [...storage.values()].reduce((n, b) => n + b, 0) },
  };
};

const DAY_MS = 24 * 3600_000;

/**
 * Bytes of variant images still in storage, per post: those made within the retention (read through
 * the imagesAt index; the releaseStorage timer deletes older ones, so a variant past it counts as
 * gone a little before its images are).
 */
async function variantBytes(ctx: Parameters<typeof postStats>[1]): Promise<Map<string, number>> {
  const kept = ctx.now() - ctx.env().variantRetentionDays * DAY_MS;
  const rows = await groupRows(
    ctx.db
      .collection('post_variants')
      .aggregate()
      .match({ imagesAt: ctx._.gte(kept), releasedAt: ctx._.exists(false) })
      .group({ _id: '$postId', bytes: ctx._.aggregate.sum('$bytes') }),
  );
  return new Map(rows.flatMap((r) => (typeof r._id === 'string' ? [[r._id, num(r.bytes)] as const] : [])));
}
