/**
 * The insight cloud function: share tokens and posters, visits with reading time and depth, a
 * member's invitations, a post's spread, interest tags, figures, dashboard, graph, per-post
 * figures, weekly reports, targets and exports.
 */
import { insightContract } from '@core/contracts/insight';
import { defineFunction } from '@server/kit';
import { customerTimeline, myCustomers } from './actions/customers';
import { endVisit } from './actions/end-visit';
import { giveConsent } from './actions/give-consent';
import { exportReport } from './actions/export-report';
import { dashboard } from './actions/dashboard';
import { leaderboard, myFigures } from './actions/figures';
import { kocList, referralGraph } from './actions/graph';
import { myInvites } from './actions/invites';
import { holidays, setHolidays } from './actions/holidays';
import { inviteCode } from './actions/invite-code';
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
import { notSharedToday } from './actions/not-shared';
import { postFigures, recentPosts } from './actions/post-figures';
import { weeklyReport, weeklyReports } from './actions/weekly';
import { scoreWeights, setScoreWeights } from './actions/weights';
import { makeWeeklyReport } from './timers/weekly-report';

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
    holidays,
    setHolidays,
    inviteCode,
    reminderSettings,
    setReminderTemplates,
    subscribeReminders,
    exportReport,
    setTargets,
    targetProgress,
    postFigures,
    recentPosts,
    notSharedToday,
    weeklyReports,
    weeklyReport,
    scoreWeights,
    setScoreWeights,
  },
  {
    timers: {
      makeWorklists: (ctx) => makeWorklists(ctx),
      refreshWorklists: (ctx) => refreshWorklists(ctx),
      sendReminders,
      expiryReminders,
      makeWeeklyReport,
    },
  },
);
