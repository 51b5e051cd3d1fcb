/**
 * Small onboarding gaps in the browser: a member opts in to the points-expiry reminder on the
 * points page, the expiry timer queues it, the sender delivers it and the H5 inbox shows it; a guide
 * filters their customer list by a manual tag shown on the rows.
 *
 * `onboardingTests` joins the suite in test/e2e/run.ts (`--only=积分到期` / `--only=manual tag`).
 */
import assert from 'node:assert/strict';
import { beijingDate, quietEnds } from '@server/notify';
import { cust, DEMO_GUIDES, DEMO_HQ_OPENID } from '../../host/seed/demo-data';
import { openAs, type E2eTest } from './harness';

const UI_TIMEOUT = 15_000;
const DAY = 86_400_000;
const TEMPLATES = {
  post: 'TPL_e2e_post_slot',
  member: 'TPL_e2e_member',
  read: 'TPL_e2e_read',
  points: 'TPL_e2e_points',
  coupon: 'TPL_e2e_coupon',
};

interface Balance {
  balance: number;
  expiring?: { amount: number; expiresAt: number };
}

const pointsExpiryReminder: E2eTest = {
  name: 'a member opts in to 积分到期提醒 on the points page, the expiry timer sends it, the inbox shows it',
  async run(ctx) {
    const { page } = ctx;
    await ctx.call('insight', 'setReminderTemplates', { templates: TEMPLATES }, DEMO_HQ_OPENID);
    // A demo member whose points expire at some point (the seed's rules give points a validity).
    let member = '';
    let expiring: Balance['expiring'];
    for (let n = 1; n <= 20 && !expiring; n++) {
      const b = await ctx.call<Balance>('points', 'balance', {}, cust(n));
      if (b.expiring && b.expiring.amount > 0) [member, expiring] = [cust(n), b.expiring];
    }
    assert.ok(expiring, 'no demo member has expiring points');

    await openAs(ctx, member, '/pages/points/index');
    const optIn = page.locator('[data-testid="reminder-opt-in"]');
    await optIn.waitFor({ timeout: UI_TIMEOUT });
    assert.match(await optIn.innerText(), /积分到期提醒/);
    await optIn.locator('taro-button-core', { hasText: '开启提醒' }).click();
    await page.getByText('允许发送「积分到期提醒」', { exact: false }).waitFor({ timeout: UI_TIMEOUT });
    await page.getByText('允许', { exact: true }).first().click();
    await optIn.getByText('还可提醒 1 次', { exact: false }).waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('points-reminder-on');

    // Two days before the points lapse the daily timer queues the reminder; the sender delivers it
    // then, or when the quiet hours end.
    const at = expiring.expiresAt - 2 * DAY;
    const queued = await ctx.fireTimer('insight', 'expiryReminders', at);
    assert.ok(queued.ok, queued.error);
    const sent = await ctx.fireTimer('insight', 'sendReminders', quietEnds(at));
    assert.ok(sent.ok, sent.error);
    assert.equal((sent.result as { data?: { sent?: number } }).data?.sent, 1, JSON.stringify(sent.result));

    await openAs(ctx, member, '/pages/dev-inbox/index');
    const item = page.locator('[data-testid="inbox-item"]').filter({ hasText: '积分到期提醒' });
    await item.first().waitFor({ timeout: UI_TIMEOUT });
    const text = await item.first().innerText();
    assert.match(text, new RegExp(String(expiring.amount)));
    // The last valid day, as the points page states it (they lapse at that day's 24:00).
    assert.match(text, new RegExp(beijingDate(expiring.expiresAt - 1)));
    await ctx.screenshot('points-reminder-inbox');
    await item.first().click();
    await page.waitForURL(/pages\/points\/index/, { timeout: UI_TIMEOUT });
  },
};

const manualTagFilter: E2eTest = {
  name: 'a guide sees a manual tag on a customer row and filters the list by it (manual tag)',
  async run(ctx) {
    const { page } = ctx;
    const guide = DEMO_GUIDES[0]!.openid;
    const { customers } = await ctx.call<{ customers: { openid: string; name: string }[] }>(
      'insight',
      'myCustomers',
      {},
      guide,
    );
    assert.ok(customers.length >= 2, 'the demo guide needs two customers');
    const tagged = customers[customers.length - 1]!;
    const tag = `爱逛店${Date.now() % 1000}`;
    await ctx.call('insight', 'setCustomerTags', { openid: tagged.openid, tags: [tag] }, guide);

    await openAs(ctx, guide, '/pages/customers/index');
    const rows = page.locator('[data-testid="customer-row"]');
    await rows.first().waitFor({ timeout: UI_TIMEOUT });
    assert.equal(await rows.count(), customers.length);
    const row = rows.filter({ hasText: tagged.name });
    assert.equal(await row.locator('[data-testid="row-manual-tag"]').innerText(), tag);

    await page.locator('[data-testid="tag-chip"]', { hasText: tag }).click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="customer-row"]').length === n, 1, {
      timeout: UI_TIMEOUT,
    });
    assert.match(await rows.first().innerText(), new RegExp(tagged.name));
    await ctx.screenshot('customers-manual-tag');
  },
};

export const onboardingTests: E2eTest[] = [pointsExpiryReminder, manualTagFilter];
