import type { ActionName, InputOf, OutputOf } from '@core/contracts/define';
import type { InsightContract } from '@core/contracts/insight';
import type { TransferCustomersOutput } from '@core/contracts/account-transfer';
import { unwrapReply } from '@/lib/cloud/errors';
import { send } from '@/lib/cloud/transport';

type Action = ActionName<InsightContract>;

/**
 * Typed calls to the insight function through the app's one transport. The shared Contracts map
 * in lib/cloud lists account only, so the typing is local to this domain (as content does).
 */
async function callInsight<A extends Action>(
  action: A,
  input: InputOf<InsightContract, A>,
): Promise<OutputOf<InsightContract, A>> {
  return unwrapReply(await send('insight', { ...(input as Record<string, unknown>), action }));
}

export type RecordVisitInput = InputOf<InsightContract, 'recordVisit'>;
export type Opened = OutputOf<InsightContract, 'recordVisit'>;
export type MyCustomers = OutputOf<InsightContract, 'myCustomers'>;
export type Customer = MyCustomers['customers'][number];
export type Timeline = OutputOf<InsightContract, 'customerTimeline'>;
export type MyFigures = OutputOf<InsightContract, 'myFigures'>;
export type Poster = OutputOf<InsightContract, 'sharePoster'>;
export type Dashboard = OutputOf<InsightContract, 'dashboard'>;
export type LeaderRow = OutputOf<InsightContract, 'leaderboard'>['rows'][number];
export type Graph = OutputOf<InsightContract, 'referralGraph'>;
export type KocRow = OutputOf<InsightContract, 'kocList'>['rows'][number];

export const recordVisit = (input: RecordVisitInput) => callInsight('recordVisit', input);
export const endVisit = (visitId: string, seconds: number) => callInsight('endVisit', { visitId, seconds });
export const fetchShareLink = (postId?: string) => callInsight('shareLink', postId ? { postId } : {});
export const fetchSharePoster = (postId?: string) => callInsight('sharePoster', postId ? { postId } : {});
export const fetchMyCustomers = (filter: { tag?: string; seenWithinDays?: number }) =>
  callInsight('myCustomers', filter);
export const fetchTimeline = (openid: string) => callInsight('customerTimeline', { openid });
export const fetchMyFigures = () => callInsight('myFigures', {});
export const fetchDashboard = (from: string, to: string) => callInsight('dashboard', { from, to });
export const fetchLeaderboard = async (from: string, to: string, by: 'guide' | 'store') =>
  (await callInsight('leaderboard', { from, to, by })).rows;
export const fetchGraph = (root: string | undefined, depth: number) =>
  callInsight('referralGraph', root ? { root, depth } : { depth });
export const fetchKocList = async () => (await callInsight('kocList', {})).rows;
export const fetchPostTags = async (postId: string) => (await callInsight('postTags', { postId })).tags;
export const savePostTags = async (postId: string, tags: string[]) =>
  (await callInsight('setPostTags', { postId, tags })).tags;
export const fetchTagRules = async () => (await callInsight('tagRules', {})).rules;
export const saveTagRules = async (rules: { tag: string; minSeconds: number }[]) =>
  (await callInsight('setTagRules', { rules })).rules;

/** account.transferCustomers (the account function; typed here because insight's transfer page calls it). */
export async function transferCustomers(
  fromGuide: string,
  toGuide: string,
  override: boolean,
): Promise<TransferCustomersOutput> {
  return unwrapReply(await send('account', { action: 'transferCustomers', fromGuide, toGuide, override }));
}
