import { callFunction, type CallInput, type CallOutput } from '@/lib/cloud';

export type SetRulesInput = CallInput<'points', 'setRules'>;

export type PointsRules = CallOutput<'points', 'rules'>;
export type Balance = CallOutput<'points', 'balance'>;
export type HistoryPage = CallOutput<'points', 'history'>;
export type Entry = HistoryPage['entries'][number];
export type JournalPage = CallOutput<'points', 'journal'>;
export type JournalEntry = JournalPage['entries'][number];

export const fetchBalance = () => callFunction('points', 'balance', {});
export const fetchHistory = (beforeSeq?: number) =>
  callFunction('points', 'history', beforeSeq === undefined ? { limit: 20 } : { limit: 20, beforeSeq });
export const fetchRules = () => callFunction('points', 'rules', {});
export const saveRules = (rules: SetRulesInput) => callFunction('points', 'setRules', rules);
export const fetchJournal = (filter: { openid?: string; kind?: JournalEntry['kind']; cursor?: string }) =>
  callFunction('points', 'journal', { ...filter, limit: 30 });
export const adjustPoints = (openid: string, delta: number, reason: string, requestId: string) =>
  callFunction('points', 'adjust', { openid, delta, reason, requestId });
export const reverseEntry = (entryId: string, reason: string) => callFunction('points', 'reverse', { entryId, reason });

export type MemberCode = CallOutput<'account', 'memberCode'>;
export type MyTier = CallOutput<'points', 'myTier'>;
export type Tiers = CallOutput<'points', 'tiers'>;
export type SetTiersInput = CallInput<'points', 'setTiers'>;
export type AwardResult = CallOutput<'points', 'awardPurchase'>;
export type MyAwards = CallOutput<'points', 'myAwards'>;
export type GuideAwards = CallOutput<'points', 'awardsByGuide'>;
export type AwardsPage = CallOutput<'points', 'listAwards'>;

export const fetchMemberCode = () => callFunction('account', 'memberCode', {});
export const fetchMyTier = () => callFunction('points', 'myTier', {});
export const fetchTiers = () => callFunction('points', 'tiers', {});
export const saveTiers = (input: SetTiersInput) => callFunction('points', 'setTiers', input);
export const awardPurchase = (memberCode: string, amountFen: number, requestId: string) =>
  callFunction('points', 'awardPurchase', { memberCode, amountFen, requestId });
export const fetchMyAwards = () => callFunction('points', 'myAwards', {});
export const fetchAwardsByGuide = (from: string, to: string) => callFunction('points', 'awardsByGuide', { from, to });
export const fetchAwards = (guideOpenid?: string, cursor?: string) =>
  callFunction('points', 'listAwards', {
    limit: 30,
    ...(guideOpenid !== undefined ? { guideOpenid } : {}),
    ...(cursor !== undefined ? { cursor } : {}),
  });
export const reverseAward = (awardId: string, reason: string) =>
  callFunction('points', 'reverseAward', { awardId, reason });
