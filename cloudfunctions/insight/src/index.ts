/**
 * The insight cloud function: share tokens and posters, visits with reading time and depth, a
 * member's invitations, a post's spread, interest tags, figures, dashboard, graph.
 */
import { insightContract } from '@core/contracts/insight';
import { defineFunction } from '@server/kit';
import { customerTimeline, myCustomers } from './actions/customers';
import { endVisit } from './actions/end-visit';
import { giveConsent } from './actions/give-consent';
import { exportReport } from './actions/export-report';
import { dashboard, leaderboard, myFigures } from './actions/figures';
import { kocList, referralGraph } from './actions/graph';
import { myInvites } from './actions/invites';
import { addNote, customerNotes, manualTagList, setCustomerTags, setManualTagList } from './actions/notes';
import { recordVisit } from './actions/record-visit';
import { deleteScript, saveScript, scripts } from './actions/scripts';
import { shareLink, sharePoster } from './actions/share-link';
import { contentKocs, postSpread } from './actions/spread';
import { postTags, setPostTags, setTagRules, tagRules } from './actions/tags';
import { worklist, worklistOutcome } from './actions/worklist';
import { worklistFigures } from './actions/worklist-figures';
import { makeWorklists, refreshWorklists } from './worklist/timers';
import { reminderSettings, setReminderTemplates, subscribeReminders } from './actions/reminders';
import { setTargets, targetProgress } from './actions/targets';
import { expiryReminders, sendReminders } from './timers/reminders';

export const main = defineFunction(
  insightContract,
  {
    recordVisit,
    endVisit,
    giveConsent,
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
    worklist,
    worklistOutcome,
    worklistFigures,
    scripts,
    saveScript,
    deleteScript,
    customerNotes,
    addNote,
    setCustomerTags,
    manualTagList,
    setManualTagList,
    reminderSettings,
    setReminderTemplates,
    subscribeReminders,
    exportReport,
    setTargets,
    targetProgress,
  },
  {
    timers: {
      makeWorklists: (ctx) => makeWorklists(ctx),
      refreshWorklists: (ctx) => refreshWorklists(ctx),
      sendReminders,
      expiryReminders,
    },
  },
);
