/**
 * What each exported report holds: sheets of the same rows the screens show, made by the same
 * handlers, with Chinese column headers.
 */
import type { InsightContract } from '@core/contracts/insight';
import type { ActionContext, ActionHandler } from '@server/kit';
import { dashboard } from './actions/dashboard';
import { leaderboard } from './actions/figures';
import { notSharedToday } from './actions/not-shared';
import { recentPosts } from './actions/post-figures';
import { weeklyReport } from './actions/weekly';

export type Sheet = { name: string; columns: { header: string; key: string }[]; rows: Record<string, unknown>[] };
type Input = Parameters<ActionHandler<InsightContract, 'exportReport'>>[0];

const cols = (pairs: [string, string][]) => pairs.map(([header, key]) => ({ header, key }));

const DASHBOARD_COLUMNS = cols([
  ['日期', 'day'],
  ['发布素材', 'postsPublished'],
  ['复制文案', 'copies'],
  ['打开人次', 'visits'],
  ['阅读秒数', 'readSeconds'],
  ['新会员', 'newMembers'],
  ['兑换', 'redemptions'],
  ['发放积分', 'pointsIssued'],
  ['消耗积分', 'pointsSpent'],
]);

const LEADER_COLUMNS = cols([
  ['名次', 'rank'],
  ['名称', 'name'],
  ['门店', 'storeName'],
  ['复制', 'copies'],
  ['打开', 'visits'],
  ['新会员', 'newMembers'],
  ['核销', 'redemptions'],
  ['得分', 'score'],
]);

const POST_COLUMNS = cols([
  ['素材', 'title'],
  ['打开', 'opens'],
  ['读者', 'readers'],
  ['平均阅读秒数', 'avgSeconds'],
  ['平均阅读深度', 'avgDepth'],
  ['复制', 'copies'],
  ['保存', 'saves'],
  ['入会', 'joins'],
  ['阅读后消费', 'purchases'],
  ['消费金额(元)', 'purchaseYuan'],
]);

const NOT_SHARED_COLUMNS = cols([
  ['门店', 'storeName'],
  ['导购', 'name'],
  ['今日素材', 'of'],
  ['未转发', 'missing'],
]);

const BEHIND_COLUMNS = cols([
  ['范围', 'scopeName'],
  ['名称', 'name'],
  ['月份', 'month'],
  ['新会员偏差', 'newMembers'],
  ['发圈偏差', 'postsShared'],
  ['消费积分偏差', 'purchasePoints'],
]);

const postRow = (p: { purchaseFen: number; avgDepth: number | null }) => ({
  ...p,
  purchaseYuan: p.purchaseFen / 100,
  avgDepth: p.avgDepth ?? '',
});

export async function sheetsOf(input: Input, ctx: ActionContext): Promise<{ label: string; sheets: Sheet[] }> {
  const store = input.report !== 'weekly' && input.storeId ? { storeId: input.storeId } : {};
  switch (input.report) {
    case 'dashboard': {
      const d = await dashboard({ from: input.from, to: input.to, ...store }, ctx);
      const totals = { day: '合计', ...d.totals };
      return {
        label: '数据看板',
        sheets: [{ name: '每日数据', columns: DASHBOARD_COLUMNS, rows: [...d.days, totals] }],
      };
    }
    case 'leaderboard': {
      const by = input.by ?? 'guide';
      const l = await leaderboard({ from: input.from, to: input.to, by, limit: 200, ...store }, ctx);
      const name = by === 'guide' ? '导购排行' : '门店排行';
      return { label: '排行榜', sheets: [{ name, columns: LEADER_COLUMNS, rows: l.rows }] };
    }
    case 'posts': {
      const r = await recentPosts({ limit: 50, ...store }, ctx);
      return { label: '素材数据', sheets: [{ name: '素材数据', columns: POST_COLUMNS, rows: r.rows.map(postRow) }] };
    }
    case 'notShared': {
      const r = await notSharedToday(store, ctx);
      return {
        label: `今日未转发_${r.day}`,
        sheets: [{ name: '今日未转发', columns: NOT_SHARED_COLUMNS, rows: r.rows }],
      };
    }
    case 'weekly': {
      const w = await weeklyReport({ id: input.id }, ctx);
      return {
        label: `周报_${w.from}_${w.to}`,
        sheets: [
          { name: '门店排行', columns: LEADER_COLUMNS, rows: w.stores },
          { name: '导购排行', columns: LEADER_COLUMNS, rows: w.guides },
          { name: '热门素材', columns: POST_COLUMNS, rows: w.topPosts.map(postRow) },
          {
            name: '目标落后',
            columns: BEHIND_COLUMNS,
            rows: w.behind.map((b) => ({ ...b, scopeName: b.scope === 'store' ? '门店' : '导购' })),
          },
        ],
      };
    }
  }
}
