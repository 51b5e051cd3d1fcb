import * as z from 'zod';
import { defineContract } from './define';
import {
  MAX_BODY,
  MAX_IMAGES,
  MAX_PROTECT_TERM_LENGTH,
  MAX_PROTECT_TERMS,
  MAX_TAGS_PER_POST,
  MAX_TITLE,
} from '../limits';
import { openid, prefixedId, tag, text } from './common';
import { ImageCheck, POST_STATUSES, SecurityVerdict, TEXT_SOURCES, TextChange, Variation } from './content-post';

export {
  ImageCheck,
  MEDIA_CHECK_STATUSES,
  POST_STATUSES,
  STRENGTHS,
  SecurityVerdict,
  TEXT_SOURCES,
  TextChange,
  Variation,
  type MediaCheckStatus,
  type PostStatus,
  type Strength,
  type TextSource,
} from './content-post';

export const postId = prefixedId('pst');
const storeRef = prefixedId('sto');

/** A CloudBase storage file id (`cloud://<env>.<bucket>/<path>`). */
export const fileId = z
  .string()
  .max(500)
  .regex(/^cloud:\/\/[^/\s]+\/[^\s]+$/, { message: '图片地址格式不正确' });

export const DEFAULT_VARIATION: Variation = { text: 'subtle', image: 'subtle' };

export const SavePostInput = z.strictObject({
  id: postId.optional(),
  title: text(MAX_TITLE),
  // The body keeps its inner line breaks: they are what folds on Moments.
  body: text(MAX_BODY),
  images: z.array(fileId).max(MAX_IMAGES).default([]),
  protectTerms: z.array(text(MAX_PROTECT_TERM_LENGTH)).max(MAX_PROTECT_TERMS).default([]),
  variation: Variation.default(DEFAULT_VARIATION),
  /** Target stores; empty means every store. */
  storeIds: z.array(storeRef).max(200).default([]),
  /** Interest tags, saved with the post in the same transaction; absent leaves them as they are. */
  tags: z.array(tag).max(MAX_TAGS_PER_POST).optional(),
});
export type SavePostInput = z.input<typeof SavePostInput>;

export const PublishPostInput = z.strictObject({
  id: postId,
  /** Epoch ms; absent = now. Must lie in the future and within 60 days. */
  publishAt: z.number().int().positive().optional(),
});

export const PostStatusOutput = z.object({
  id: z.string(),
  status: z.enum(POST_STATUSES),
  publishAt: z.number().optional(),
});

/**
 * How far the making of a published post's guide variants has got: guides planned, guides whose
 * variant is made, guides given up on after the retries, and the batches still waiting or running.
 */
export const VariantProgress = z.object({
  made: z.number(),
  total: z.number(),
  failed: z.number(),
  queued: z.number(),
  running: z.number(),
});
export type VariantProgress = z.infer<typeof VariantProgress>;

export const PostSummary = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(POST_STATUSES),
  imageCount: z.number(),
  storeIds: z.array(z.string()),
  updatedAt: z.number(),
  publishAt: z.number().optional(),
  publishedAt: z.number().optional(),
  /** Published posts whose variants are being made, or were: the progress ("变体生成 1,240 / 5,000"). */
  variants: VariantProgress.optional(),
});
export type PostSummary = z.infer<typeof PostSummary>;

export const PostDetail = PostSummary.extend({
  body: z.string(),
  images: z.array(z.object({ fileID: z.string(), url: z.string() })),
  protectTerms: z.array(z.string()),
  variation: Variation,
  createdAt: z.number(),
  /** Bumped on every save: variants are keyed to it so an edit never serves stale copies. */
  rev: z.number(),
  security: SecurityVerdict.optional(),
  /** Interest tags (insight reads them when the post is opened). */
  tags: z.array(z.string()),
  /** Each image's content check, in the order of `images` (an image never submitted has none). */
  imageChecks: z.array(ImageCheck),
});
export type PostDetail = z.infer<typeof PostDetail>;

export const VariantImage = z.object({ fileID: z.string(), url: z.string() });
export type VariantImage = z.infer<typeof VariantImage>;

export const PreviewVariantsInput = z.strictObject({
  id: postId,
  /** Guides to preview; absent = the first guides of the target stores (stand-ins when too few). */
  guides: z.array(openid).min(3).max(5).optional(),
  /** Which image to vary for the preview (one image keeps the preview inside the time budget). */
  imageIndex: z
    .number()
    .int()
    .min(0)
    .max(MAX_IMAGES - 1)
    .default(0),
});

export const PreviewVariant = z.object({
  guideOpenid: z.string(),
  guideName: z.string(),
  text: z.string(),
  changes: z.array(TextChange),
  strength: z.string(),
  /** Absent from functions older than the AI rewrite; read as 'local'. */
  source: z.enum(TEXT_SOURCES).optional(),
  image: VariantImage.optional(),
});
export type PreviewVariant = z.infer<typeof PreviewVariant>;

export const PreviewVariantsOutput = z.object({
  original: z.string(),
  originalImage: VariantImage.optional(),
  variants: z.array(PreviewVariant),
});
export type PreviewVariantsOutput = z.infer<typeof PreviewVariantsOutput>;

/** How far a post got among guides. */
const Reach = z.object({
  /** Active guides in the target stores: who the post reaches. */
  reached: z.number(),
  opened: z.number(),
  copied: z.number(),
  saved: z.number(),
});

export const PostStatsOutput = z.object({
  id: z.string(),
  ...Reach.shape,
  stores: z.array(z.object({ storeId: z.string(), name: z.string(), ...Reach.shape })),
  /** Absent before the post is published. */
  variants: VariantProgress.optional(),
  /** Bytes of guides' variant images in storage: this post's, and every post's together. */
  storage: z.object({ postBytes: z.number(), totalBytes: z.number() }),
});
export type PostStatsOutput = z.infer<typeof PostStatsOutput>;

export const FeedItem = z.object({
  id: z.string(),
  title: z.string(),
  /** The first lines of the original, for the list. */
  excerpt: z.string(),
  imageCount: z.number(),
  cover: z.string().optional(),
  publishedAt: z.number(),
  /** Published on the caller's calendar day (China time). */
  today: z.boolean(),
  opened: z.boolean(),
  copied: z.boolean(),
  saved: z.boolean(),
});
export type FeedItem = z.infer<typeof FeedItem>;

export const MyVariantOutput = z.object({
  postId: z.string(),
  title: z.string(),
  text: z.string(),
  images: z.array(VariantImage),
  /** When this guide is suggested to post (epoch ms), staggered against the store's other guides. */
  suggestedAt: z.number(),
  copied: z.boolean(),
  saved: z.boolean(),
  /** What made the text; absent on variants stored before the AI rewrite existed (they are 'local'). */
  source: z.enum(TEXT_SOURCES).optional(),
});
export type MyVariantOutput = z.infer<typeof MyVariantOutput>;

/** A guide's own variant while it is being made: images done of the post's images. */
export const VariantProgressOutput = z.object({ ready: z.boolean(), done: z.number(), of: z.number() });
export type VariantProgressOutput = z.infer<typeof VariantProgressOutput>;

export const RunVariantJobsOutput = z.object({
  /** Batches this invocation finished (done or given up), and the variants it made or found. */
  jobs: z.number(),
  made: z.number(),
  failed: z.number(),
  /** A batch handed back unfinished because the invocation's time ran out. */
  yielded: z.boolean(),
});

/** Images the editor just uploaded: each not yet submitted goes to WeChat's image check. */
export const CheckImagesInput = z.strictObject({ images: z.array(fileId).min(1).max(MAX_IMAGES) });
export const CheckImagesOutput = z.object({ checks: z.array(ImageCheck) });
export type CheckImagesOutput = z.infer<typeof CheckImagesOutput>;

/**
 * What HQ is told of: a post withdrawn because a re-check refused it (`withdrawn`), and a
 * scheduled post taken back to a draft because an image was refused before its time (`held`).
 */
export const HQ_NOTICE_KINDS = ['withdrawn', 'held'] as const;
/** A notice's id: `<kind>:<postId>`. */
export const noticeId = z.string().regex(/^(withdrawn|held):pst_[A-Za-z0-9]{6,40}$/);
export const HqNotice = z.object({
  id: z.string(),
  kind: z.enum(HQ_NOTICE_KINDS),
  postId: z.string(),
  title: z.string(),
  /** The check's Chinese reason. */
  reason: z.string(),
  createdAt: z.number(),
  read: z.boolean(),
});
export type HqNotice = z.infer<typeof HqNotice>;
/** How many notices the console shows: withdrawals are rare, and older ones matter less. */
export const NOTICES_SHOWN = 50;
export const NoticesOutput = z.object({ notices: z.array(HqNotice), unread: z.number() });
export type NoticesOutput = z.infer<typeof NoticesOutput>;

export const OUTCOMES = ['copied', 'saved'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const contentContract = defineContract('content', {
  savePost: { input: SavePostInput, output: z.object({ id: z.string(), rev: z.number() }), roles: ['hq'] },
  publishPost: { input: PublishPostInput, output: PostStatusOutput, roles: ['hq'] },
  archivePost: { input: z.strictObject({ id: postId }), output: PostStatusOutput, roles: ['hq'] },
  listPosts: {
    input: z.strictObject({
      status: z.enum(POST_STATUSES).optional(),
      limit: z.number().int().min(1).max(100).default(50),
    }),
    output: z.object({ posts: z.array(PostSummary) }),
    roles: ['hq'],
  },
  getPost: { input: z.strictObject({ id: postId }), output: PostDetail, roles: ['hq'] },
  /** Submits new images to the image check and answers where each stands (the editor polls it). */
  checkImages: { input: CheckImagesInput, output: CheckImagesOutput, roles: ['hq'] },
  previewVariants: { input: PreviewVariantsInput, output: PreviewVariantsOutput, roles: ['hq'] },
  postStats: { input: z.strictObject({ id: postId }), output: PostStatsOutput, roles: ['hq'] },
  /** HQ's notices (posts withdrawn after a re-check, scheduled posts held back), newest first. */
  notices: { input: z.strictObject({}), output: NoticesOutput, roles: ['hq'] },
  /** Marks the notices HQ has seen as read. */
  readNotices: {
    input: z.strictObject({ ids: z.array(noticeId).min(1).max(NOTICES_SHOWN) }),
    output: z.object({ read: z.number() }),
    roles: ['hq'],
  },
  feed: { input: z.strictObject({}), output: z.object({ posts: z.array(FeedItem) }), roles: ['guide'] },
  myVariant: { input: z.strictObject({ postId }), output: MyVariantOutput, roles: ['guide'] },
  variantProgress: { input: z.strictObject({ postId }), output: VariantProgressOutput, roles: ['guide'] },
  recordOutcome: {
    input: z.strictObject({ postId, outcome: z.enum(OUTCOMES) }),
    output: z.object({ postId: z.string(), outcome: z.enum(OUTCOMES), first: z.boolean() }),
    roles: ['guide'],
  },
  /** One runner of the fan-out: claims batches of a post's variants and makes them (see cloudfunctions/content). */
  runVariantJobs: {
    input: z.strictObject({ postId: postId.optional() }),
    output: RunVariantJobsOutput,
    roles: [],
    internal: true,
  },
});
export type ContentContract = typeof contentContract;
