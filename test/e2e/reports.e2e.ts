/**
 * Reminders and reports in the browser: a guide opts in to the posting reminder on their home,
 * the reminder timer sends it at the guide's staggered slot, and the H5 inbox shows it.
 *
 * `reportTests` joins the suite in test/e2e/run.ts (`--only=reminder`).
 */
import assert from 'node:assert/strict';
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

export const reportTests: E2eTest[] = [postingReminder];
