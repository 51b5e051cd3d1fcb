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
