/**
 * Privacy in the browser, against a real local cloud with the demo seed: a new visitor reads the
 * rules summary on the join page, is refused until they tick the agreement, joins, reads the full
 * rules and the privacy guide, then deletes their data from "我的" and is a visitor again.
 */
import assert from 'node:assert/strict';
import { CONSENT_REQUIRED } from '@core/contracts/member-terms';
import { DEMO_CUSTOMERS } from '../../host/seed/demo-data';
import { DEV_OPENID_KEY, type E2eContext, type E2eTest } from './harness';

const UI_TIMEOUT = 20_000;
const NAME = '隐私测试小安';

async function refusal(ctx: E2eContext, fn: string, action: string, openid: string): Promise<string> {
  try {
    await ctx.call(fn, action, {}, openid);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  return 'ok';
}

const joinAgreeAndDelete: E2eTest = {
  name: 'privacy: a new member ticks the agreement, reads the rules, then deletes their data',
  async run(ctx) {
    const { page } = ctx;
    const referrer = DEMO_CUSTOMERS[1]!;
    const link = await ctx.call<{ shareToken: string }>('insight', 'shareLink', {}, referrer.openid);
    await page.goto(`${ctx.baseUrl}/?t=${link.shareToken}`);
    await page.waitForURL(/pages\/dev-login\/index/, { timeout: UI_TIMEOUT });
    await page.locator('[data-testid="new-visitor"]').click();
    await page.waitForURL(/pages\/join\/index/, { timeout: UI_TIMEOUT });
    const openid = (await page.evaluate((k) => window.localStorage.getItem(k), DEV_OPENID_KEY)) ?? '';
    assert.ok(openid.startsWith('o_visitor_'), 'a fresh visitor identity');

    // The rules in brief, from HQ's live rules, and an unticked agreement.
    const rules = page.locator('[data-testid="join-rules"]');
    await rules
      .getByText(/注册成为会员/)
      .first()
      .waitFor({ timeout: UI_TIMEOUT });
    await rules
      .getByText(/分享、转发小程序页面不获得积分/)
      .first()
      .waitFor({ timeout: UI_TIMEOUT });
    const consent = page.locator('[data-testid="member-consent"]');
    assert.equal(await consent.getAttribute('aria-checked'), 'false', 'the agreement starts unticked');

    await page.locator('input').first().fill(NAME);
    await page.locator('taro-button-core', { hasText: '注册会员' }).click();
    await page.getByText(CONSENT_REQUIRED).first().waitFor({ timeout: UI_TIMEOUT });
    assert.equal((await ctx.call<{ role: string }>('account', 'whoami', {}, openid)).role, 'visitor');
    await ctx.screenshot('privacy-join-refused');

    // The box itself: the row's text holds the links to the two texts.
    await consent.locator('.member-consent__box').click();
    await page.locator('[data-testid="member-consent"][aria-checked="true"]').waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('privacy-join-agreed');
    await page.locator('taro-button-core', { hasText: '注册会员' }).click();
    await page.locator('[data-testid="join-referral"]').waitFor({ timeout: UI_TIMEOUT });
    await page.locator('taro-button-core', { hasText: '进入会员中心' }).click();
    await page.waitForURL(/pages\/customer\/index/, { timeout: UI_TIMEOUT });
    assert.equal((await ctx.call<{ role: string }>('account', 'whoami', {}, openid)).role, 'customer');

    // The full rules from the points page: every rule, what never earns, and what deletion forfeits.
    await page.goto(`${ctx.baseUrl}/#/pages/points/index`);
    await page.locator('[data-testid="rules-link"]').click();
    await page.waitForURL(/pages\/points\/rules\/index/, { timeout: UI_TIMEOUT });
    const full = page.locator('[data-testid="rules"]');
    await full
      .getByText(/分享到朋友圈不获得任何积分/)
      .first()
      .waitFor({ timeout: UI_TIMEOUT });
    await full
      .getByText(/注销并删除会员数据时，剩余积分清零/)
      .first()
      .waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('privacy-rules');

    await page.goto(`${ctx.baseUrl}/#/privacy/guide/index`);
    const guide = page.locator('[data-testid="privacy-guide"]');
    for (const item of ['剪切板', '相册（仅写入）权限', '摄像头', '选中的照片或视频信息']) {
      await guide.getByText(item, { exact: false }).first().waitFor({ timeout: UI_TIMEOUT });
    }
    await ctx.screenshot('privacy-guide');

    // 我的 → 注销并删除我的数据 → the dialog states what goes → confirm.
    const balance = (await ctx.call<{ balance: number }>('points', 'balance', {}, openid)).balance;
    await page.goto(`${ctx.baseUrl}/#/pages/me/index`);
    await page.locator('taro-button-core', { hasText: '注销并删除我的数据' }).click();
    await page.getByText(`剩余 ${balance} 积分将清零`, { exact: false }).first().waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('privacy-delete-confirm');
    await page.getByText('确认注销', { exact: true }).first().click();
    await page.waitForURL(/pages\/join\/index/, { timeout: UI_TIMEOUT });
    await ctx.screenshot('privacy-deleted');

    assert.equal((await ctx.call<{ role: string }>('account', 'whoami', {}, openid)).role, 'visitor');
    assert.match(await refusal(ctx, 'points', 'balance', openid), /PERMISSION_DENIED/);
    const deletedAgain = await ctx.call<{ status: string }>(
      'account',
      'deleteMyData',
      { requestId: 'e2e_after_01' },
      openid,
    );
    // Idempotent by the person: asking again, with any requestId, answers the deletion already done.
    assert.equal(deletedAgain.status, 'deleted', 'the same deletion, not a second one');
  },
};

export const privacyTests: readonly E2eTest[] = [joinAgreeAndDelete];
