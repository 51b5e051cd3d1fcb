import { callFunction, type CallInput, type CallOutput } from '@/lib/cloud';

export type RecordVisitInput = CallInput<'insight', 'recordVisit'>;
export type Opened = CallOutput<'insight', 'recordVisit'>;
export type MyCustomers = CallOutput<'insight', 'myCustomers'>;
export type Customer = MyCustomers['customers'][number];
export type Timeline = CallOutput<'insight', 'customerTimeline'>;
export type MyFigures = CallOutput<'insight', 'myFigures'>;
export type Poster = CallOutput<'insight', 'sharePoster'>;
export type Dashboard = CallOutput<'insight', 'dashboard'>;
export type LeaderRow = CallOutput<'insight', 'leaderboard'>['rows'][number];
export type Graph = CallOutput<'insight', 'referralGraph'>;
export type KocRow = CallOutput<'insight', 'kocList'>['rows'][number];

export const recordVisit = (input: RecordVisitInput) => callFunction('insight', 'recordVisit', input);
export const endVisit = (visitId: string, seconds: number) => callFunction('insight', 'endVisit', { visitId, seconds });
export const fetchShareLink = (postId?: string) => callFunction('insight', 'shareLink', postId ? { postId } : {});
export const fetchSharePoster = (postId?: string) => callFunction('insight', 'sharePoster', postId ? { postId } : {});
export const fetchMyCustomers = (filter: { tag?: string; seenWithinDays?: number }) =>
  callFunction('insight', 'myCustomers', filter);
export const fetchTimeline = (openid: string) => callFunction('insight', 'customerTimeline', { openid });
export const fetchMyFigures = () => callFunction('insight', 'myFigures', {});
export const fetchDashboard = (from: string, to: string) => callFunction('insight', 'dashboard', { from, to });
export const fetchLeaderboard = async (from: string, to: string, by: 'guide' | 'store') =>
  (await callFunction('insight', 'leaderboard', { from, to, by })).rows;
export const fetchGraph = (root: string | undefined, depth: number) =>
  callFunction('insight', 'referralGraph', root ? { root, depth } : { depth });
export const fetchKocList = async () => (await callFunction('insight', 'kocList', {})).rows;
export const fetchTagRules = async () => (await callFunction('insight', 'tagRules', {})).rules;
export const saveTagRules = async (rules: { tag: string; minSeconds: number }[]) =>
  (await callFunction('insight', 'setTagRules', { rules })).rules;
