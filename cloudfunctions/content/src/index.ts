import { contentContract } from '@core/contracts/content';
import { defineFunction } from '@server/kit';
import { archivePost } from './actions/archive-post';
import { feed } from './actions/feed';
import { getPost } from './actions/get-post';
import { listPosts } from './actions/list-posts';
import { myVariant } from './actions/my-variant';
import { postStats } from './actions/post-stats';
import { previewVariants } from './actions/preview-variants';
import { publishPost } from './actions/publish-post';
import { recordOutcome } from './actions/record-outcome';
import { savePost } from './actions/save-post';
import { variantProgress } from './actions/variant-progress';
import { runVariantJobs } from './fanout/runner';
import { publishDue } from './publish-due';
import { prepareVariants } from './timers/prepare-variants';
import { releaseStorage } from './timers/release-storage';

export const main = defineFunction(
  contentContract,
  {
    savePost,
    publishPost,
    archivePost,
    listPosts,
    getPost,
    previewVariants,
    postStats,
    feed,
    myVariant,
    variantProgress,
    recordOutcome,
    runVariantJobs,
  },
  { timers: { publishDue, prepareVariants: (ctx) => prepareVariants(ctx), releaseStorage } },
);
