/**
 * Insight in the browser: a member reads a guide's shared post for 20 seconds and the guide then
 * sees who read what and for how long; HQ's dashboard and referral graph render with data.
 *
 * `insightTests` joins the suite in test/e2e/run.ts; run alone with `npx tsx test/e2e/insight.e2e.ts`.
 */
import assert from 'node:assert/strict';
import type { WhoamiOutput } from '@core/contracts/account';
import { DEMO_CUSTOMERS, DEMO_GUIDES, DEMO_HQ_OPENID } from '../../host/seed/demo-data';
import { openAs, type E2eContext, type E2eTest } from './harness';

const UI_TIMEOUT = 15_000;
/** What the reader must stay on the page for. */
const READ_MS = 20_000;

async function publishPost(ctx: E2eContext, title: string): Promise<string> {
  const body = '玫瑰精华水会员价 ¥199，3月8日起门店和小程序同价。\n早晚各一次，清爽不黏腻。';
  const { id } = await ctx.call<{ id: string }>('content', 'savePost', { title, body, images: [] }, DEMO_HQ_OPENID);
  await ctx.call('content', 'publishPost', { id }, DEMO_HQ_OPENID);
  return id;
}

const readAndSee: E2eTest = {
  name: 'a member reads a guide shared post for 20 seconds and the guide sees it',
  async run(ctx) {
    const { page } = ctx;
    const guide = DEMO_GUIDES[0]!;
    const reader = DEMO_CUSTOMERS[0]!;
    const who = await ctx.call<WhoamiOutput>('account', 'whoami', {}, reader.openid);
    assert.equal(who.guideOpenid, guide.openid, 'the seeded reader is served by the guide');
    const title = `春日玫瑰精华水 ${Date.now() % 10000}`;
    const postId = await publishPost(ctx, title);
    const link = await ctx.call<{ shareToken: string; path: string }>('insight', 'shareLink', { postId }, guide.openid);

    await openAs(ctx, reader.openid, link.path);
    await page.getByText(title).first().waitFor({ timeout: UI_TIMEOUT });
    await page.getByText(`${guide.name} 分享给你`).waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('reader');
    // Stay on the post; the page reports reading time by heartbeat while it is visible.
    await page.waitForTimeout(READ_MS + 1500);

    await openAs(ctx, guide.openid, '/pages/customers/index');
    const row = page.locator('[data-testid="customer-row"]').filter({ hasText: reader.name });
    await row.first().waitFor({ timeout: UI_TIMEOUT });
    assert.match(await row.first().innerText(), /来看过/);
    await ctx.screenshot('my-customers');
    // Leaving the reader sent its final report; the server now holds the whole reading time.
    const timeline = await ctx.call<{ events: { kind: string; postTitle?: string; seconds?: number }[] }>(
      'insight',
      'customerTimeline',
      { openid: reader.openid },
      guide.openid,
    );
    const visit = timeline.events.find((e) => e.kind === 'visit' && e.postTitle === title);
    assert.ok(visit, 'the visit is on the customer timeline');
    assert.ok(
      (visit.seconds ?? 0) >= 19 && (visit.seconds ?? 0) <= 30,
      `reading time ${visit.seconds} s is about 20 s`,
    );
    await row.first().click();
    await page.waitForURL(/pages\/customers\/timeline\/index/, { timeout: UI_TIMEOUT });
    const event = page.locator('[data-testid="timeline-event"]').filter({ hasText: title });
    await event.first().waitFor({ timeout: UI_TIMEOUT });
    const text = await event.first().innerText();
    // The whole post fits the screen: every paragraph was in view.
    assert.match(
      text,
      new RegExp(`读到第 2 段（共 2 段，已读完），停留 ${visit.seconds}秒`),
      `the timeline says how far and how long (${text})`,
    );
    assert.match(text, new RegExp(`来自 ${guide.name} 的分享`));
    await ctx.screenshot('timeline');
  },
};

const hqCharts: E2eTest = {
  name: 'HQ dashboard and referral graph render with data',
  async run(ctx) {
    const { page } = ctx;
    // A visit today, so the dashboard has something to count whatever ran before.
    const guide = DEMO_GUIDES[1]!;
    const reader = DEMO_CUSTOMERS[3]!;
    const { shareToken } = await ctx.call<{ shareToken: string }>('insight', 'shareLink', {}, guide.openid);
    await ctx.call('insight', 'recordVisit', { shareToken, scene: 1007 }, reader.openid);

    await openAs(ctx, DEMO_HQ_OPENID, '/charts/dashboard/index');
    const visits = page.locator('[data-testid="total-visits"]');
    await visits.waitFor({ timeout: UI_TIMEOUT });
    const shown = Number((await visits.innerText()).split('\n')[0]);
    assert.ok(shown >= 1, `visits shown (${shown})`);
    await page.locator('[data-testid="trend-chart"] canvas').first().waitFor({ timeout: UI_TIMEOUT });
    const members = Number((await page.locator('[data-testid="total-newMembers"]').innerText()).split('\n')[0]);
    assert.ok(members >= DEMO_CUSTOMERS.length, `the seeded members joined today (${members})`);
    await page.waitForTimeout(800);
    await ctx.screenshot('dashboard');

    await openAs(ctx, DEMO_HQ_OPENID, '/charts/graph/index');
    const summary = page.locator('[data-testid="graph-summary"]');
    await summary.waitFor({ timeout: UI_TIMEOUT });
    const graph = await ctx.call<{ nodes: unknown[]; edges: unknown[] }>(
      'insight',
      'referralGraph',
      { depth: 3 },
      DEMO_HQ_OPENID,
    );
    assert.match(
      await summary.innerText(),
      new RegExp(`共 ${graph.nodes.length} 人、${graph.edges.length} 条推荐关系`),
    );
    await page.locator('[data-testid="graph-chart"] canvas').first().waitFor({ timeout: UI_TIMEOUT });
    await page.waitForTimeout(800);
    await ctx.screenshot('graph');
  },
};

export const insightTests: readonly E2eTest[] = [readAndSee, hqCharts];
