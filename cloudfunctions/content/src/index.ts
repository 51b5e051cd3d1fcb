import { contentContract } from '@core/contracts/content';
import { defineFunction } from '@server/kit';
import { tuneHeapForImages } from '@server/variation/image/heap';
import { MEDIA_CHECK_EVENT } from '@server/security/media';
import { archivePost } from './actions/archive-post';
import { feed } from './actions/feed';
import { getPost } from './actions/get-post';
import { listPosts } from './actions/list-posts';
import { myVariant } from './actions/my-variant';
import { notices, readNotices } from './actions/notices';
import { postStats } from './actions/post-stats';
import { previewVariants } from './actions/preview-variants';
import { publishPost } from './actions/publish-post';
import { recordOutcome } from './actions/record-outcome';
import { savePost } from './actions/save-post';
import { variantProgress } from './actions/variant-progress';
import { checkImages } from './actions/check-images';
import { runVariantJobs } from './fanout/runner';
import { recordMediaVerdict } from './media-verdict';
import { publishDue } from './publish-due';
import { prepareVariants } from './timers/prepare-variants';
import { recheckPosts } from './timers/recheck-posts';
import { releaseStorage } from './timers/release-storage';

// This function's instances make the guides' image variants (server/variation/image/heap.ts).
tuneHeapForImages();

export const main = defineFunction(
  contentContract,
  {
    savePost,
    publishPost,
    archivePost,
    listPosts,
    getPost,
    checkImages,
    previewVariants,
    postStats,
    notices,
    readNotices,
    feed,
    myVariant,
    variantProgress,
    recordOutcome,
    runVariantJobs,
  },
  {
    timers: { publishDue, prepareVariants: (ctx) => prepareVariants(ctx), releaseStorage, recheckPosts },
    // The environment's message push sends image-check verdicts here (docs/production-checklist.md).
    pushes: { [MEDIA_CHECK_EVENT]: recordMediaVerdict },
  },
);
