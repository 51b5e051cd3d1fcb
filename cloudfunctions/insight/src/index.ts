/** The insight cloud function: visits and reading time, interest tags, figures, dashboard, graph. */
import { insightContract } from '@core/contracts/insight';
import { defineFunction } from '@server/kit';
import { customerTimeline, myCustomers } from './actions/customers';
import { endVisit } from './actions/end-visit';
import { dashboard, leaderboard, myFigures } from './actions/figures';
import { kocList, referralGraph } from './actions/graph';
import { recordVisit } from './actions/record-visit';
import { shareLink, sharePoster } from './actions/share-link';
import { postTags, setPostTags, setTagRules, tagRules } from './actions/tags';

export const main = defineFunction(insightContract, {
  recordVisit,
  endVisit,
  shareLink,
  sharePoster,
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
