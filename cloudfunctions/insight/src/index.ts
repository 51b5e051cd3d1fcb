/**
 * The insight cloud function: share tokens and posters, visits with reading time and depth, a
 * member's invitations, a post's spread, interest tags, figures, dashboard, graph.
 */
import { insightContract } from '@core/contracts/insight';
import { defineFunction } from '@server/kit';
import { customerTimeline, myCustomers } from './actions/customers';
import { endVisit } from './actions/end-visit';
import { dashboard, leaderboard, myFigures } from './actions/figures';
import { kocList, referralGraph } from './actions/graph';
import { myInvites } from './actions/invites';
import { recordVisit } from './actions/record-visit';
import { shareLink, sharePoster } from './actions/share-link';
import { contentKocs, postSpread } from './actions/spread';
import { postTags, setPostTags, setTagRules, tagRules } from './actions/tags';

export const main = defineFunction(insightContract, {
  recordVisit,
  endVisit,
  shareLink,
  sharePoster,
  myInvites,
  postSpread,
  contentKocs,
  tagRules,
  setTagRules,
  setPostTags,
  postTags,
  myCustomers,
  customerTimeline,
  myFigures,
  dashboard,
  leaderboard,
  referralGraph,
  kocList,
});
