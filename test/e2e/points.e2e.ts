/**
 * Points for a purchase in store, in the browser against the demo seed (1 point per yuan):
 * a member shows the member code, a guide types it with ¥128 on the till page's 积分 mode, and
 * both sides see it — the member's code page (still open, in its own browser context) announces
 * the points and shows the new balance, the guide's list of today's awards and the member's
 * points history carry the purchase.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_CUSTOMERS, DEMO_GUIDES } from '../../host/seed/demo-data';
import { MOBILE, openAs, type E2eContext, type E2eTest } from './harness';

const UI_TIMEOUT = 20_000;

async function typeInto(page: Page, testId: string, text: string): Promise<void> {
  const field = page.locator(`[data-testid="${testId}"]`).locator('input').first();
  await field.waitFor({ timeout: UI_TIMEOUT });
  await field.fill(text);
}

/** Where run.ts keeps screenshots; the member's own browser context saves its shots beside the guide's. */
const OUT_DIR = path.resolve(__dirname, '..', '..', 'test-output', 'e2e');

async function memberShot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(350);
  await page.screenshot({ path: path.join(OUT_DIR, `points-member--${name}.png`), fullPage: true });
}

const balanceOf = async (ctx: E2eContext, openid: string) =>
  (await ctx.call<{ balance: number }>('points', 'balance', {}, openid)).balance;

const purchase: E2eTest = {
  name: 'a member shows the member code, a guide types it and awards points for ¥128',
  async run(ctx) {
    const { page } = ctx;
    const member = DEMO_CUSTOMERS[6]!;
    const guide = DEMO_GUIDES[1]!;
    const before = await balanceOf(ctx, member.openid);

    // The member's side, in a browser context of its own, stays open on the code page.
    const browser = page.context().browser();
    assert.ok(browser, 'the page belongs to a browser');
    const memberContext = await browser.newContext(MOBILE);
    try {
      const memberPage = await memberContext.newPage();
      await openAs({ page: memberPage, baseUrl: ctx.baseUrl }, member.openid, '/pages/points/index');
      await memberPage.locator('[data-testid="member-code-link"]').click();
      await memberPage.waitForURL(/pages\/points\/code\/index/, { timeout: UI_TIMEOUT });
      const digits = memberPage.locator('[data-testid="member-code-digits"]');
      await digits.waitFor({ timeout: UI_TIMEOUT });
      await memberPage.locator('[data-testid="coupon-qr"]').waitFor({ timeout: UI_TIMEOUT });
      await memberPage
        .locator('[data-testid="member-code-balance"]', { hasText: String(before) })
        .waitFor({ timeout: UI_TIMEOUT });
      const shown = (await digits.innerText()).trim();
      assert.match(shown, /^\d{4} \d{4} \d{4}$/, 'twelve digits in groups of four');
      await memberShot(memberPage, 'member-code-before');

      // The guide types the code as shown (with its spaces) and the amount.
      await openAs(ctx, guide.openid, '/pages/verify/index?mode=points');
      await typeInto(page, 'award-code', shown);
      await typeInto(page, 'award-amount', '128');
      await ctx.screenshot('guide-typed');
      await page.locator('[data-testid="award-button"]').click();
      const ok = page.locator('[data-testid="award-ok"]');
      await ok.waitFor({ timeout: UI_TIMEOUT });
      assert.match(
        await ok.innerText(),
        new RegExp(`已发放 128 积分[\\s\\S]*${member.name}[\\s\\S]*当前积分 ${before + 128}`),
      );
      const row = page.locator('[data-testid="award-row"]', { hasText: member.name }).first();
      await row.waitFor({ timeout: UI_TIMEOUT });
      assert.match(await row.innerText(), /¥128\.00 · \+128 积分/);
      assert.match(await page.locator('[data-testid="award-totals"]').innerText(), /128 积分/);
      await ctx.screenshot('guide-awarded');

      // The same code again is refused: it paid once.
      await typeInto(page, 'award-code', shown);
      await typeInto(page, 'award-amount', '128');
      await page.locator('[data-testid="award-button"]').click();
      const fail = page.locator('[data-testid="award-fail"]');
      await fail.waitFor({ timeout: UI_TIMEOUT });
      assert.match(await fail.innerText(), /会员码已使用/);
      await ctx.screenshot('guide-code-reused');
      assert.equal(await balanceOf(ctx, member.openid), before + 128, '128 points, once');

      // The member's open code page sees the balance rise and shows a fresh code.
      await memberPage
        .locator('[data-testid="member-code-gained"]', { hasText: '本次获得 128 积分' })
        .waitFor({ timeout: UI_TIMEOUT });
      await memberPage
        .locator('[data-testid="member-code-balance"]', { hasText: String(before + 128) })
        .waitFor({ timeout: UI_TIMEOUT });
      await memberPage.waitForFunction(
        (old) => document.querySelector('[data-testid="member-code-digits"]')?.textContent?.trim() !== old,
        shown,
        { timeout: UI_TIMEOUT },
      );
      await memberShot(memberPage, 'member-code-after');

      // And the member's points page lists the purchase.
      await openAs({ page: memberPage, baseUrl: ctx.baseUrl }, member.openid, '/pages/points/index');
      await memberPage
        .locator('[data-testid="points-balance"]', { hasText: String(before + 128) })
        .waitFor({ timeout: UI_TIMEOUT });
      const entry = memberPage.locator('[data-testid="points-entry"]', { hasText: '门店消费 ¥128.00' }).first();
      await entry.waitFor({ timeout: UI_TIMEOUT });
      assert.match(await entry.innerText(), /门店消费[\s\S]*\+128/);
      await memberPage.locator('[data-testid="tier-card"]').waitFor({ timeout: UI_TIMEOUT });
      await memberShot(memberPage, 'member-points');
    } finally {
      await memberContext.close();
    }
  },
};

export const pointsTests: E2eTest[] = [purchase];
