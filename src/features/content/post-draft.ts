import type { CloudErrorCode } from '@/lib/cloud';
import type { ImageCheck, PostDetail, SavePostInput } from './api';
import type { STRENGTH_LABELS } from './format';

export type Strength = keyof typeof STRENGTH_LABELS;

/** One image of the post: a local file while it uploads, then a stored file. */
export interface ImageSlot {
  key: string;
  /** The chosen file's local path while uploading, then the storage URL. */
  preview: string;
  /** Set once the upload has finished. */
  fileID?: string;
  /** 0..1 */
  progress: number;
  failed?: boolean;
  /** WeChat's image check of the stored file, once submitted (the editor polls it while pending). */
  check?: ImageCheck;
}

/** The post as HQ edits it, before it is saved. */
export interface Draft {
  /** Absent until the first save. */
  id?: string;
  title: string;
  body: string;
  images: ImageSlot[];
  /** Brand and product names the variants keep as they are. */
  protectTerms: string[];
  /** Interest tags: readers who spend time on tagged posts get the tag (HQ's tag rules). */
  tags: string[];
  textStrength: Strength;
  imageStrength: Strength;
  /** Empty means every store. */
  storeIds: string[];
}

export const NEW_DRAFT: Draft = {
  title: '',
  body: '',
  images: [],
  protectTerms: [],
  tags: [],
  textStrength: 'subtle',
  imageStrength: 'subtle',
  storeIds: [],
};

export function draftFromPost(post: PostDetail): Draft {
  const checks = new Map(post.imageChecks.map((c) => [c.fileID, c]));
  return {
    id: post.id,
    title: post.title,
    body: post.body,
    images: post.images.map((image) => {
      const check = checks.get(image.fileID);
      return { key: image.fileID, preview: image.url, fileID: image.fileID, progress: 1, ...(check ? { check } : {}) };
    }),
    protectTerms: post.protectTerms,
    tags: post.tags,
    textStrength: post.variation.text,
    imageStrength: post.variation.image,
    storeIds: post.storeIds,
  };
}

/** Everything that can stop a draft from being saved or published; each has its Chinese message. */
export type DraftErrorKind =
  | 'missing-title'
  | 'missing-body'
  | 'uploading'
  | 'upload-failed'
  | 'invalid-time'
  | 'past-time'
  /** An image the image check refused or holds for review, or one still being checked. */
  | 'image-refused'
  | 'image-checking'
  /** The cloud refused or could not be reached; `code` says which. */
  | 'cloud';

export class DraftError extends Error {
  constructor(
    readonly kind: DraftErrorKind,
    message: string,
    readonly code?: CloudErrorCode,
  ) {
    super(message);
    this.name = 'DraftError';
  }
}

/** The first reason the draft cannot be saved as it is, or null. */
export function checkDraft(draft: Draft): DraftError | null {
  if (!draft.title.trim()) return new DraftError('missing-title', '请填写标题');
  if (!draft.body.trim()) return new DraftError('missing-body', '请填写朋友圈文案');
  if (draft.images.some((slot) => !slot.fileID && !slot.failed)) {
    return new DraftError('uploading', '图片还在上传，请稍候');
  }
  const failed = draft.images.filter((slot) => slot.failed).length;
  if (failed > 0) return new DraftError('upload-failed', `${failed} 张图片上传失败，请移除后重新添加`);
  return null;
}

/** Why the draft's images keep it from being published (refused first, then still checking), or null. */
export function checkImagesPublishable(draft: Draft): DraftError | null {
  const refused = draft.images.findIndex((slot) => slot.check?.status === 'risky' || slot.check?.status === 'review');
  if (refused >= 0) {
    const reason = draft.images[refused]?.check?.reason ?? '疑似违规内容';
    return new DraftError('image-refused', `第 ${refused + 1} 张图片未通过内容安全检测：${reason}，请移除或更换`);
  }
  if (draft.images.some((slot) => slot.fileID && (!slot.check || slot.check.status === 'pending'))) {
    return new DraftError('image-checking', '图片安全检测中，请稍候再发布');
  }
  return null;
}

/** A scheduled time must be a real time still ahead. */
export function checkPublishAt(publishAt: number, now: number): DraftError | null {
  if (!Number.isFinite(publishAt)) return new DraftError('invalid-time', '请选择定时发布的日期和时间');
  if (publishAt <= now) return new DraftError('past-time', '定时发布的时间需晚于现在');
  return null;
}

/** What savePost receives: the post and its tags, saved together. */
export function toSaveInput(draft: Draft): SavePostInput {
  return {
    ...(draft.id ? { id: draft.id } : {}),
    title: draft.title,
    body: draft.body,
    images: draft.images.flatMap((slot) => (slot.fileID ? [slot.fileID] : [])),
    protectTerms: draft.protectTerms,
    variation: { text: draft.textStrength, image: draft.imageStrength },
    storeIds: draft.storeIds,
    tags: draft.tags,
  };
}
