/**
 * Making one guide's variant of a post: text through the text engine, images through the image
 * engine, both deterministic in (post, guide and the guide's place in the audience), so the same
 * guide always gets the same copy and different guides different ones.
 */
import { createHash } from 'node:crypto';
import type { Strength, TextChange } from '@core/contracts/content';
import { variationSeed } from '@server/variation/seed';
import { imageEngineOf } from '@server/variation/types';
import type { TextChange as EngineChange } from '@server/variation/text/generate';
import { varyTextAtPlace } from '@server/variation/text/places';
import { varyText } from '@server/variation/text/vary';
import { varyImage } from '@server/variation/image/vary';
import type { PostDoc } from '@server/data/posts';
import type { Cloud } from '@server/kit/types';
import { downloadFile, uploadFile } from '@server/storage';

export interface TextVariant {
  text: string;
  strength: string;
  changes: TextChange[];
}

/**
 * `place` is the guide's place in the post's audience: distinct places get distinct texts (see
 * server/variation/text/places.ts); without one the text is seeded by (post, guide) alone.
 */
export function makeTextVariant(post: PostDoc, guideOpenid: string, place?: number): TextVariant {
  const strength: Strength = post.variation.text;
  if (strength === 'off') return { text: post.body, strength, changes: [] };
  const input = { text: post.body, protectTerms: post.protectTerms, strength };
  const out =
    place === undefined
      ? varyText({ ...input, seed: variationSeed(post._id, guideOpenid) })
      : varyTextAtPlace({ ...input, series: post._id, place });
  return { text: out.text, strength: String(out.strength), changes: out.changes.map(toChange) };
}

function toChange(c: EngineChange): TextChange {
  return { kind: c.kind, start: c.start, end: c.end, ...(c.original !== undefined ? { original: c.original } : {}) };
}

/**
 * Where a guide's variant image lives. Readers of the guide's shares get these file ids and URLs,
 * so the folder is a digest of the guide's openid, never the openid itself (stable per guide, so a
 * remade variant lands in the same place).
 */
export function variantCloudPath(post: PostDoc, guideOpenid: string, index: number): string {
  const folder = createHash('sha256').update(`siyu/variant-folder\n${guideOpenid}`).digest('hex').slice(0, 20);
  return `variants/${post._id}/r${post.rev}/${folder}/${index + 1}.jpg`;
}

/**
 * Where the k-th image of one preview lives: its own folder per preview, so a preview never
 * overwrites a guide's variant or an image an operator may still be looking at.
 */
export function previewCloudPath(postId: string, batch: string, k: number): string {
  return `previews/${postId}/${batch}/${k + 1}.jpg`;
}

/**
 * Source images by fileID. A container may be reused between calls, so a warm one skips the
 * download; nothing depends on it being there. Bounded so a long-lived container cannot grow.
 */
const SOURCE_CACHE_MAX = 18;
const sourceCache = new Map<string, Promise<Buffer>>();

export function loadSource(cloud: Cloud, fileID: string): Promise<Buffer> {
  const hit = sourceCache.get(fileID);
  if (hit) return hit;
  const loading = downloadFile(cloud, fileID);
  sourceCache.set(fileID, loading);
  loading.catch(() => sourceCache.delete(fileID));
  while (sourceCache.size > SOURCE_CACHE_MAX) {
    const oldest = sourceCache.keys().next().value;
    if (oldest === undefined) break;
    sourceCache.delete(oldest);
  }
  return loading;
}

export interface ImageJob {
  guideOpenid: string;
  /** Which image of the post. */
  index: number;
  /**
   * The guide's place in the post's audience: distinct places get distinct codewords in the image
   * engine, which keeps every pair of guides' images apart in perceptual hash.
   */
  guideIndex: number | undefined;
  /** Where the image is uploaded. */
  cloudPath: string;
}

/** An image of a variant as stored: its fileID, and its bytes when it was made (0 for an original handed out). */
export interface MadeImage {
  fileID: string;
  bytes: number;
}

/** One image of one guide's variant, uploaded. 'off' answers the original's fileID. */
export async function makeImageVariant(
  cloud: Cloud,
  post: PostDoc,
  { guideOpenid, index, guideIndex, cloudPath }: ImageJob,
): Promise<MadeImage> {
  const source = post.images[index];
  if (source === undefined) throw new Error(`post ${post._id} has no image ${index}`);
  const strength: Strength = post.variation.image;
  if (strength === 'off') return { fileID: source, bytes: 0 };
  const data = await loadSource(cloud, source);
  const seed = variationSeed(post._id, guideOpenid);
  const out = await varyImage({
    data,
    strength,
    // The post's own engine: a variant made again after the retention is the same bytes.
    engine: imageEngineOf(post.imageEngine),
    seed,
    imageIndex: index,
    ...(guideIndex !== undefined ? { guideIndex } : {}),
  });
  return { fileID: await uploadFile(cloud, cloudPath, out.data), bytes: out.data.length };
}
