import { callFunction, type CallInput, type CallOutput } from '@/lib/cloud';

export type Worklist = CallOutput<'insight', 'worklist'>;
export type WorklistItem = Worklist['items'][number];
export type Outcome = CallInput<'insight', 'worklistOutcome'>['outcome'];
export type WorklistFigures = CallOutput<'insight', 'worklistFigures'>;

export const fetchWorklist = () => callFunction('insight', 'worklist', {});
export const recordOutcome = (id: string, outcome: Outcome) =>
  callFunction('insight', 'worklistOutcome', { id, outcome });
export const fetchWorklistFigures = (from: string, to: string, by: 'guide' | 'store') =>
  callFunction('insight', 'worklistFigures', { from, to, by });

export const WORKLIST_ROUTES = {
  worklist: '/pages/worklist/index',
  myScripts: '/pages/worklist/scripts/index',
  figures: '/console/worklist/index',
  library: '/console/scripts/index',
} as const;

/** What each reason is called on the card. */
export const REASON_LABELS: Record<WorklistItem['reasonKind'], string> = {
  gift: '礼品待领取',
  coupon: '券快到期',
  read: '认真阅读',
  returned: '久别回访',
  welcome: '新会员',
  points: '积分将到期',
  silent: '沉默会员',
};

export type Scripts = CallOutput<'insight', 'scripts'>;
export type Script = Scripts['scripts'][number];
export type SaveScriptInput = CallInput<'insight', 'saveScript'>;
export type ScriptScene = Script['scene'];

export const fetchScripts = () => callFunction('insight', 'scripts', {});
export const saveScript = (input: SaveScriptInput) => callFunction('insight', 'saveScript', input);
export const deleteScript = (id: string) => callFunction('insight', 'deleteScript', { id });

/** Scenes in the order HQ thinks of them. */
export const SCENE_LABELS: Record<ScriptScene, string> = {
  welcome: '欢迎新会员',
  afterReading: '阅读后跟进',
  couponReminder: '用券提醒',
  giftPickup: '礼品领取',
  pointsExpiry: '积分到期',
  holiday: '节日问候',
  reengagement: '唤醒回访',
};

export type CustomerNotes = CallOutput<'insight', 'customerNotes'>;
export const fetchCustomerNotes = (openid: string) => callFunction('insight', 'customerNotes', { openid });
export const addNote = (openid: string, text: string) => callFunction('insight', 'addNote', { openid, text });
export const setCustomerTags = (openid: string, tags: string[]) =>
  callFunction('insight', 'setCustomerTags', { openid, tags });
