/**
 * Documents other domains own, in the shape their functions store them, for tests and benches
 * that write them straight into a local cloud's database because they are about reading them.
 */

/** A post as content.publishPost leaves it (status `published` unless told). */
export function postDoc(p: {
  _id: string;
  title: string;
  body?: string;
  images?: string[];
  status?: string;
  createdBy: string;
  at: number;
  publishedAt?: number;
}): Record<string, unknown> {
  return {
    _id: p._id,
    title: p.title,
    body: p.body ?? '正文',
    images: p.images ?? [],
    protectTerms: [],
    variation: { text: 'subtle', image: 'subtle' },
    storeIds: [],
    allStores: true,
    status: p.status ?? 'published',
    rev: 1,
    createdAt: p.at,
    createdBy: p.createdBy,
    updatedAt: p.at,
    publishedAt: p.publishedAt ?? p.at,
  };
}

/**
 * A guide's stored variant of a post as their own opening made it (content.myVariant: opened at
 * `at`), copied at `copiedAt` when given.
 */
export function variantDoc(v: {
  postId: string;
  guideOpenid: string;
  storeId: string;
  text: string;
  images?: string[];
  at: number;
  copiedAt?: number;
}): Record<string, unknown> {
  return {
    _id: `${v.postId}:${v.guideOpenid}`,
    postId: v.postId,
    guideOpenid: v.guideOpenid,
    storeId: v.storeId,
    rev: 1,
    text: v.text,
    textStrength: 'subtle',
    changes: [],
    images: v.images ?? [],
    suggestedAt: v.at,
    ms: 1,
    createdAt: v.at,
    openedAt: v.at,
    ...(v.copiedAt !== undefined ? { copiedAt: v.copiedAt } : {}),
  };
}
