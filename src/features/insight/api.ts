import { callFunction, type CallInput, type CallOutput } from '@/lib/cloud';

export type RecordVisitInput = CallInput<'insight', 'recordVisit'>;
export type Opened = CallOutput<'insight', 'recordVisit'>;
export type MyCustomers = CallOutput<'insight', 'myCustomers'>;
export type Customer = MyCustomers['customers'][number];
export type Timeline = CallOutput<'insight', 'customerTimeline'>;
export type MyFigures = CallOutput<'insight', 'myFigures'>;
export type ShareInput = CallInput<'insight', 'shareLink'>;
export type ShareLink = CallOutput<'insight', 'shareLink'>;
export type Poster = CallOutput<'insight', 'sharePoster'>;
export type ReadDepth = NonNullable<CallInput<'insight', 'endVisit'>['depth']>;
export type MyInvites = CallOutput<'insight', 'myInvites'>;
export type PostSpread = CallOutput<'insight', 'postSpread'>;
export type SpreadNode = PostSpread['nodes'][number];
export type ContentKocRow = CallOutput<'insight', 'contentKocs'>['rows'][number];
export type Dashboard = CallOutput<'insight', 'dashboard'>;
export type LeaderRow = CallOutput<'insight', 'leaderboard'>['rows'][number];
export type Graph = CallOutput<'insight', 'referralGraph'>;
export type KocRow = CallOutput<'insight', 'kocList'>['rows'][number];
export type PostFigures = CallOutput<'insight', 'postFigures'>;
export type NotShared = CallOutput<'insight', 'notSharedToday'>;
export type WeeklyReport = CallOutput<'insight', 'weeklyReport'>;
export type ScoreWeights = CallOutput<'insight', 'scoreWeights'>;

export const recordVisit = (input: RecordVisitInput) => callFunction('insight', 'recordVisit', input);
export const endVisit = (visitId: string, seconds: number, depth?: ReadDepth) =>
  callFunction('insight', 'endVisit', depth ? { visitId, seconds, depth } : { visitId, seconds });
/** No postId: an invitation to the mini-program; `parent`: the share the caller passes on. */
export const fetchShareLink = (input: ShareInput) => callFunction('insight', 'shareLink', input);
export const fetchSharePoster = (input: ShareInput) => callFunction('insight', 'sharePoster', input);
export const fetchMyInvites = () => callFunction('insight', 'myInvites', {});
export const fetchPostSpread = (postId: string) => callFunction('insight', 'postSpread', { postId });
export const fetchContentKocs = async () => (await callFunction('insight', 'contentKocs', {})).rows;
export const fetchMyCustomers = (filter: { tag?: string; seenWithinDays?: number }) =>
  callFunction('insight', 'myCustomers', filter);
export const fetchTimeline = (openid: string) => callFunction('insight', 'customerTimeline', { openid });
export const fetchMyFigures = () => callFunction('insight', 'myFigures', {});
/** `storeId` narrows a report to one store (absent: the brand for HQ, their own store for a guide). */
const store = (storeId?: string) => (storeId ? { storeId } : {});
export const fetchDashboard = (from: string, to: string, storeId?: string) =>
  callFunction('insight', 'dashboard', { from, to, ...store(storeId) });
export const fetchLeaderboard = async (from: string, to: string, by: 'guide' | 'store', storeId?: string) =>
  (await callFunction('insight', 'leaderboard', { from, to, by, ...store(storeId) })).rows;
export const fetchRecentPosts = async (storeId?: string) =>
  (await callFunction('insight', 'recentPosts', { limit: 20, ...store(storeId) })).rows;
export const fetchPostFigures = (postId: string, storeId?: string) =>
  callFunction('insight', 'postFigures', { postId, ...store(storeId) });
export const fetchNotShared = (storeId?: string) => callFunction('insight', 'notSharedToday', store(storeId));
export const fetchWeeklyReports = async () => (await callFunction('insight', 'weeklyReports', {})).reports;
export const fetchWeeklyReport = (id: string) => callFunction('insight', 'weeklyReport', { id });
export const fetchScoreWeights = () => callFunction('insight', 'scoreWeights', {});
export const saveScoreWeights = (w: ScoreWeights) => callFunction('insight', 'setScoreWeights', w);
export const fetchGraph = (root: string | undefined, depth: number) =>
  callFunction('insight', 'referralGraph', root ? { root, depth } : { depth });
export const fetchKocList = async () => (await callFunction('insight', 'kocList', {})).rows;
export const fetchTagRules = async () => (await callFunction('insight', 'tagRules', {})).rules;
export const saveTagRules = async (rules: { tag: string; minSeconds: number }[]) =>
  (await callFunction('insight', 'setTagRules', { rules })).rules;
