/**
 * Reminders and reports in the browser: a guide opts in to the posting reminder on their home,
 * the reminder timer sends it at the guide's staggered slot, and the H5 inbox shows it; HQ exports
 * the dashboard and the downloaded file is read back.
 *
 * `reportTests` joins the suite in test/e2e/run.ts (`--only=reminder`).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { quietEnds } from '@server/notify';
import { DEMO_GUIDES, DEMO_HQ_OPENID } from '../../host/seed/demo-data';
import { openAs, type E2eTest } from './harness';

const UI_TIMEOUT = 15_000;
const TEMPLATES = { post: 'TPL_e2e_post_slot', member: 'TPL_e2e_member', read: 'TPL_e2e_read' };

const postingReminder: E2eTest = {
  name: 'a guide opts in to the posting reminder, the timer sends it at the slot, the inbox shows it',
  async run(ctx) {
    const { page } = ctx;
    const guide = DEMO_GUIDES[1]!;
    await ctx.call('insight', 'setReminderTemplates', { templates: TEMPLATES }, DEMO_HQ_OPENID);

    await openAs(ctx, guide.openid, '/pages/guide/index');
    const optIn = page.locator('[data-testid="reminder-opt-in"]');
    await optIn.waitFor({ timeout: UI_TIMEOUT });
    assert.match(await optIn.innerText(), /发圈提醒/);
    await optIn.locator('taro-button-core', { hasText: '开启提醒' }).click();
    await page.getByText('允许发送「发圈提醒」', { exact: false }).waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('reminder-ask');
    await page.getByText('允许', { exact: true }).first().click();
    await optIn.getByText('还可提醒 1 次', { exact: false }).waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('reminder-on');

    const title = `新品发圈提醒 ${Date.now() % 10000}`;
    const { id } = await ctx.call<{ id: string }>(
      'content',
      'savePost',
      { title, body: '今日新品到店，会员价 ¥99。', images: [] },
      DEMO_HQ_OPENID,
    );
    await ctx.call('content', 'publishPost', { id }, DEMO_HQ_OPENID);
    const variant = await ctx.call<{ suggestedAt: number }>('content', 'myVariant', { postId: id }, guide.openid);
    // Earlier steps' posts of today are due for this guide too (variants are made ahead for every
    // guide) and, due first, would take the one credit: the guide has posted those already.
    const { posts } = await ctx.call<{ posts: { id: string }[] }>('content', 'feed', {}, guide.openid);
    for (const other of posts.filter((p) => p.id !== id)) {
      await ctx.call('content', 'myVariant', { postId: other.id }, guide.openid);
      await ctx.call('content', 'recordOutcome', { postId: other.id, outcome: 'copied' }, guide.openid);
    }

    // A minute before the slot nothing goes; at the slot (or when quiet hours end) it does.
    const early = await ctx.fireTimer('insight', 'sendReminders', variant.suggestedAt - 60_000);
    assert.ok(early.ok, early.error);
    const atSlot = await ctx.fireTimer('insight', 'sendReminders', variant.suggestedAt);
    assert.ok(atSlot.ok, atSlot.error);
    const sendAt = quietEnds(variant.suggestedAt);
    const fired = sendAt === variant.suggestedAt ? atSlot : await ctx.fireTimer('insight', 'sendReminders', sendAt);
    assert.deepEqual((fired.result as { data?: { sent?: number } }).data?.sent, 1, JSON.stringify(fired.result));

    await openAs(ctx, guide.openid, '/pages/dev-inbox/index');
    const item = page.locator('[data-testid="inbox-item"]').filter({ hasText: title });
    await item.first().waitFor({ timeout: UI_TIMEOUT });
    assert.match(await item.first().innerText(), /发圈提醒/);
    await ctx.screenshot('reminder-inbox');
    // The message opens the post it reminds of.
    await item.first().click();
    await page.waitForURL(new RegExp(`pages/post/index\\?id=${id}`), { timeout: UI_TIMEOUT });
  },
};

const exportDashboard: E2eTest = {
  name: 'HQ exports the dashboard and the downloaded xlsx holds its figures',
  async run(ctx) {
    const { page } = ctx;
    await openAs(ctx, DEMO_HQ_OPENID, '/charts/dashboard/index');
    await page.locator('[data-testid="dashboard-totals"]').waitFor({ timeout: UI_TIMEOUT });
    const shown = Number(await page.locator('[data-testid="total-newMembers"] .insight-stat__value').innerText());
    await ctx.screenshot('dashboard-export');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: UI_TIMEOUT }),
      page.locator('taro-button-core', { hasText: '导出 Excel' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^数据看板_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = path.join(os.tmpdir(), `siyu-e2e-${Date.now()}.xlsx`);
    await download.saveAs(file);
    try {
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      const sheet = book.getWorksheet('每日数据');
      assert.ok(sheet, 'the workbook has the daily sheet');
      const header = (sheet.getRow(1).values as unknown[]).map(String);
      const total = sheet.getRow(sheet.rowCount).values as unknown[];
      assert.equal(total[header.indexOf('日期')], '合计');
      assert.equal(total[header.indexOf('新会员')], shown, 'the file total equals the dashboard on screen');
      const [from, to] = download.suggestedFilename().replace('.xlsx', '').split('_').slice(1);
      const board = await ctx.call<{ days: unknown[]; totals: { newMembers: number } }>(
        'insight',
        'dashboard',
        { from, to },
        DEMO_HQ_OPENID,
      );
      assert.equal(sheet.rowCount, board.days.length + 2, 'a header, one row per day and the total');
      assert.equal(total[header.indexOf('新会员')], board.totals.newMembers);
    } finally {
      fs.rmSync(file, { force: true });
    }
  },
};

const storeFilterAndPostFigures: E2eTest = {
  name: "HQ filters the dashboard by store and opens a post's figures; a guide sees their rank",
  async run(ctx) {
    const { page } = ctx;
    const { stores } = await ctx.call<{ stores: { id: string; name: string }[] }>(
      'account',
      'listStores',
      {},
      DEMO_HQ_OPENID,
    );
    const store = stores[0]!;
    await openAs(ctx, DEMO_HQ_OPENID, '/charts/dashboard/index');
    await page.locator('[data-testid="dashboard-totals"]').waitFor({ timeout: UI_TIMEOUT });
    await page.locator('[data-testid="store-chip"]', { hasText: store.name }).click();
    await page.locator('.insight-note', { hasText: `${store.name} ·` }).waitFor({ timeout: UI_TIMEOUT });
    const shown = Number(await page.locator('[data-testid="total-newMembers"] .insight-stat__value').innerText());
    const note = await page.locator('.insight-note', { hasText: `${store.name} ·` }).innerText();
    const [from, to] = note.match(/\d{4}-\d{2}-\d{2}/g) ?? [];
    const board = await ctx.call<{ totals: { newMembers: number } }>(
      'insight',
      'dashboard',
      { from, to, storeId: store.id },
      DEMO_HQ_OPENID,
    );
    assert.equal(shown, board.totals.newMembers, "the store's new members as the dashboard answers them");
    await page.locator('[data-testid="not-shared"]').waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('dashboard-store');

    await openAs(ctx, DEMO_HQ_OPENID, '/console/insight/posts/index');
    const row = page.locator('[data-testid="post-figures-row"]').first();
    await row.waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('recent-posts');
    await row.click();
    const title = page.locator('[data-testid="post-figures-title"]');
    await title.waitFor({ timeout: UI_TIMEOUT });
    const postId = decodeURIComponent(/[?&]id=([^&#]+)/.exec(page.url())?.[1] ?? '');
    const figures = await ctx.call<{ title: string; opens: number; readers: number }>(
      'insight',
      'postFigures',
      { postId },
      DEMO_HQ_OPENID,
    );
    assert.equal(await title.innerText(), figures.title);
    assert.equal(
      Number(await page.locator('[data-testid="post-opens"] .insight-stat__value').innerText()),
      figures.opens,
    );
    assert.equal(
      Number(await page.locator('[data-testid="post-readers"] .insight-stat__value').innerText()),
      figures.readers,
    );
    await ctx.screenshot('post-figures');

    const guide = DEMO_GUIDES[0]!;
    await openAs(ctx, guide.openid, '/pages/customers/figures/index');
    await page.locator('[data-testid="open-store-board"]').click({ timeout: UI_TIMEOUT });
    const rank = page.locator('[data-testid="brand-rank"]');
    await rank.waitFor({ timeout: UI_TIMEOUT });
    const mine = await ctx.call<{ rank: number; of: number; storeRank: number }>(
      'insight',
      'myFigures',
      {},
      guide.openid,
    );
    assert.match(await rank.innerText(), new RegExp(`第 ${mine.rank} 名[\\s\\S]*共 ${mine.of} 位导购`));
    assert.match(
      await page.locator('[data-testid="store-rank"]').innerText(),
      new RegExp(`本店第 ${mine.storeRank} 名`),
    );
    await page.locator('[data-testid="store-board-row"]').first().waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('guide-store-board');
  },
};

const weeklyAndTargets: E2eTest = {
  name: 'HQ opens the weekly report and the monthly targets; a guide sees their own progress',
  async run(ctx) {
    const { page } = ctx;
    const guide = DEMO_GUIDES[0]!;
    const goal = { newMembers: 50, postsShared: 30, purchasePoints: 2000 };
    // Fired "at" next Monday 09:00 Beijing: the report of this week. The target is set for this month
    // (the screens) and for the month of this week's Sunday (the report), when they differ.
    const day = 24 * 3600_000;
    const local = new Date(Date.now() + 8 * 3600_000);
    const sinceMonday = ((local.getUTCDay() + 6) % 7) * day;
    const monday = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - sinceMonday;
    const months = new Set([local.toISOString().slice(0, 7), new Date(monday + 6 * day).toISOString().slice(0, 7)]);
    for (const month of months) {
      const targets = [{ scope: 'guide', id: guide.openid, target: goal }];
      await ctx.call('insight', 'setTargets', { month, targets }, DEMO_HQ_OPENID);
    }
    const firing = await ctx.fireTimer('insight', 'makeWeeklyReport', monday + 7 * day + 3600_000);
    assert.ok(firing.ok, firing.error);

    await openAs(ctx, DEMO_HQ_OPENID, '/console/insight/weekly/index');
    await page.locator('[data-testid="weekly-row"]').first().click({ timeout: UI_TIMEOUT });
    await page.locator('[data-testid="weekly-behind"]').waitFor({ timeout: UI_TIMEOUT });
    assert.match(await page.locator('[data-testid="weekly-behind"]').innerText(), new RegExp(guide.name));
    await ctx.screenshot('weekly-report');

    await openAs(ctx, DEMO_HQ_OPENID, '/console/targets/index');
    const row = page.locator('[data-testid="target-row"]', { hasText: guide.name });
    await row.waitFor({ timeout: UI_TIMEOUT });
    assert.match(await row.innerText(), /新会员 \d+\/50/);
    await ctx.screenshot('targets');

    await openAs(ctx, guide.openid, '/pages/customers/figures/index');
    const mine = page.locator('[data-testid="my-targets"]');
    await mine.waitFor({ timeout: UI_TIMEOUT });
    assert.match(await mine.innerText(), /发圈 \d+\/30/);
    await ctx.screenshot('guide-targets');
  },
};

export const reportTests: E2eTest[] = [postingReminder, exportDashboard, storeFilterAndPostFigures, weeklyAndTargets];
