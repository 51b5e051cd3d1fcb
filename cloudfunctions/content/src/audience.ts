/**
 * A post's audience (the active guides of its stores) and what a guide's variant takes from it:
 * the guide's place (openid order: distinct texts and image codewords per place) and their position
 * in their store's stagger order (when they are suggested to post). Read once per post by whoever
 * makes many variants of it (a batch runner), once per variant otherwise.
 */
import type { PostDoc } from '@server/data/posts';
import type { Database } from '@server/db/types';
import { staggerOrder } from './schedule';
import { activeGuides, type GuideRow } from './stores';

export interface Audience {
  guides: GuideRow[];
  /** The guide's place in the audience (openid order), or undefined when not in it. */
  placeOf(openid: string): number | undefined;
  /** The guide's position in their store's stagger order, and how many guides the store has. */
  positionOf(openid: string, storeId: string): { position: number; of: number };
}

export function audienceOf(post: PostDoc, guides: GuideRow[]): Audience {
  const places = new Map(
    guides
      .map((g) => g._id)
      .sort()
      .map((id, i) => [id, i] as const),
  );
  const orders = new Map<string, string[]>();
  return {
    guides,
    placeOf: (openid) => places.get(openid),
    positionOf: (openid, storeId) => {
      let order = orders.get(storeId);
      if (!order) {
        order = staggerOrder(
          post._id,
          guides.filter((g) => g.storeId === storeId).map((g) => g._id),
        );
        orders.set(storeId, order);
      }
      return { position: order.indexOf(openid), of: order.length };
    },
  };
}

export async function loadAudience(db: Database, post: PostDoc): Promise<Audience> {
  return audienceOf(post, await activeGuides(db, post.allStores ? undefined : post.storeIds));
}

/**
 * The audience in the order its variants are best made: each store's guides in their stagger order
 * (the first to be suggested to post first), the stores interleaved, so the first to need a variant
 * is the first to get it.
 */
export function makingOrder(post: PostDoc, audience: Audience): GuideRow[] {
  const rank = new Map<string, number>();
  const stores = new Set(audience.guides.map((g) => g.storeId));
  for (const storeId of stores) {
    const ids = audience.guides.filter((g) => g.storeId === storeId).map((g) => g._id);
    staggerOrder(post._id, ids).forEach((openid, i) => rank.set(openid, i));
  }
  return [...audience.guides].sort(
    (a, b) => (rank.get(a._id) ?? 0) - (rank.get(b._id) ?? 0) || a._id.localeCompare(b._id),
  );
}
