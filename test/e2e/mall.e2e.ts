/**
 * Points and the mall in the browser, against a real local cloud with the demo seed:
 * 1. a new visitor opens a member's share and registers; the referrer's points rise, and the
 *    referrer's points page shows the reward;
 * 2. a member redeems a coupon in the mall and sees its QR (decoded from the screenshot: it must
 *    carry the code); a guide verifies the code; a second verification is refused; HQ sees it.
 *
 *   npx tsx test/e2e/mall.e2e.ts        (standalone; screenshots in test-output/e2e/)
 */
import assert from 'node:assert/strict';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { DEMO_CUSTOMERS, DEMO_GUIDES, DEMO_HQ_OPENID } from '../../host/seed/demo-data';
import { DEV_OPENID_KEY, openAs, type E2eContext, type E2eTest } from './harness';
import { joinAsMember } from './steps';

const UI_TIMEOUT = 20_000;
const ITEM_TITLE = '满100减20·春日券';

async function typeInto(page: Page, testId: string, text: string): Promise<void> {
  const field = page.locator(`[data-testid="${testId}"]`).locator('input').first();
  await field.waitFor({ timeout: UI_TIMEOUT });
  await field.fill(text);
}

const balanceOf = async (ctx: E2eContext, openid: string) =>
  (await ctx.call<{ balance: number }>('points', 'balance', {}, openid)).balance;

/** HQ's rules and one coupon in the catalog, set through the bridge as the console would. */
async function prepare(ctx: E2eContext): Promise<string> {
  await ctx.call(
    'points',
    'setRules',
    { memberWelcome: 20, referralJoined: 100, referralFirstRedeem: 50 },
    DEMO_HQ_OPENID,
  );
  const { items } = await ctx.call<{ items: { id: string; title: string }[] }>('mall', 'catalog', {}, DEMO_HQ_OPENID);
  const existing = items.find((i) => i.title === ITEM_TITLE);
  if (existing) return existing.id;
  const { id } = await ctx.call<{ id: string }>(
    'mall',
    'saveItem',
    {
      title: ITEM_TITLE,
      kind: 'coupon',
      pointsPrice: 100,
      stock: 20,
      perUserLimit: 2,
      validDays: 30,
      amountFen: 2000,
      thresholdFen: 10000,
    },
    DEMO_HQ_OPENID,
  );
  return id;
}

/** Reads the QR code off a screenshot of the element. */
async function decodeQr(page: Page): Promise<string | null> {
  const shot = await page.locator('[data-testid="coupon-qr"]').first().screenshot();
  const png = PNG.sync.read(shot);
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

const referral: E2eTest = {
  name: 'a visitor joins through a member share and the referrer earns points',
  async run(ctx) {
    const { page } = ctx;
    await prepare(ctx);
    const referrer = DEMO_CUSTOMERS[2]!;
    const before = await balanceOf(ctx, referrer.openid);

    // The member's invitation link carries a token before the hash route, as a shared link would.
    const link = await ctx.call<{ shareToken: string }>('insight', 'shareLink', {}, referrer.openid);
    await page.goto(`${ctx.baseUrl}/?t=${link.shareToken}`);
    await page.waitForURL(/pages\/dev-login\/index/, { timeout: UI_TIMEOUT });
    await page.locator('[data-testid="new-visitor"]').click();
    await page.waitForURL(/pages\/join\/index/, { timeout: UI_TIMEOUT });
    await page.getByText(`你由 ${referrer.name} 邀请而来`).first().waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('join');
    const said = await joinAsMember(ctx, '新会员小满');
    assert.equal(said, `你是通过 ${referrer.name} 的分享加入的，已记为 Ta 的邀请。`);
    const visitor = (await page.evaluate((k) => window.localStorage.getItem(k), DEV_OPENID_KEY)) ?? '';

    assert.equal(await balanceOf(ctx, referrer.openid), before + 100, 'referralJoined paid once to the referrer');
    assert.equal(await balanceOf(ctx, visitor), 20, 'the welcome bonus');

    // The new member's own points page shows the welcome bonus.
    await page.goto(`${ctx.baseUrl}/#/pages/points/index`);
    await page.locator('[data-testid="points-balance"]', { hasText: '20' }).waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('new-member-points');

    // The referrer sees the reward, named after the friend.
    await openAs(ctx, referrer.openid, '/pages/points/index');
    await page
      .locator('[data-testid="points-balance"]', { hasText: String(before + 100) })
      .waitFor({ timeout: UI_TIMEOUT });
    const row = page.locator('[data-testid="points-entry"]', { hasText: '新会员小满' });
    await row.waitFor({ timeout: UI_TIMEOUT });
    assert.match(await row.innerText(), /邀请好友入会[\s\S]*\+100/);
    await ctx.screenshot('referrer-points');

    // The rules page states the rules in full, including what never earns points.
    await page.locator('[data-testid="rules-link"]').click();
    await page.locator('[data-testid="rules"]').waitFor({ timeout: UI_TIMEOUT });
    const rules = await page.locator('[data-testid="rules"]').innerText();
    assert.ok(rules.includes('你获得 100 积分'), 'referral reward stated');
    assert.ok(rules.includes('分享到朋友圈不获得任何积分'), 'no reward for Moments stated');
    await ctx.screenshot('rules');
  },
};

const redeemAndVerify: E2eTest = {
  name: 'a member redeems a coupon, a guide verifies it once, a second verification is refused',
  async run(ctx) {
    const { page } = ctx;
    const itemId = await prepare(ctx);
    const member = DEMO_CUSTOMERS[4]!;
    const who = await ctx.call<{ guideOpenid?: string }>('account', 'whoami', {}, member.openid);
    const guide = DEMO_GUIDES.find((g) => g.openid === who.guideOpenid) ?? DEMO_GUIDES[0]!;
    await ctx.call('points', 'adjust', { openid: member.openid, delta: 300, reason: '门店活动赠送' }, DEMO_HQ_OPENID);
    const before = await balanceOf(ctx, member.openid);

    await openAs(ctx, member.openid, '/pages/mall/index');
    const tile = page.locator('[data-testid="mall-item"]', { hasText: ITEM_TITLE });
    await tile.waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('mall');
    await tile.click();
    await page.waitForURL(/pages\/mall\/item\/index/, { timeout: UI_TIMEOUT });
    const button = page.locator('taro-button-core', { hasText: '使用 100 积分兑换' });
    await button.waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('item');
    await button.click();
    await page.locator('.taro-model__confirm', { hasText: '兑换' }).click();
    await page.waitForURL(/pages\/coupons\/index/, { timeout: UI_TIMEOUT });
    const card = page.locator('[data-testid="coupon-card"]', { hasText: ITEM_TITLE }).first();
    await card.waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('my-coupons');

    assert.equal(await balanceOf(ctx, member.openid), before - 100, '100 points taken');
    const { coupons } = await ctx.call<{ coupons: { code: string; itemId: string; status: string }[] }>(
      'mall',
      'myCoupons',
      { status: 'unused' },
      member.openid,
    );
    const coupon = coupons.find((c) => c.itemId === itemId);
    assert.ok(coupon, 'the coupon is issued');
    const shown = (await card.locator('[data-testid="coupon-code"]').innerText()).replace(/-/g, '');
    assert.equal(shown, coupon.code, 'the page shows the code');
    assert.equal(await decodeQr(page), coupon.code, 'the QR carries the code');

    await openAs(ctx, guide.openid, '/pages/verify/index');
    await typeInto(page, 'verify-input', coupon.code.toLowerCase());
    await page.locator('taro-button-core', { hasText: '核销' }).last().click();
    await page.locator('[data-testid="verify-ok"]').waitFor({ timeout: UI_TIMEOUT });
    assert.match(
      await page.locator('[data-testid="verify-ok"]').innerText(),
      new RegExp(`${ITEM_TITLE}[\\s\\S]*${member.name}`),
    );
    await page
      .locator('[data-testid="verification-row"]', { hasText: ITEM_TITLE })
      .first()
      .waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('verified');

    await typeInto(page, 'verify-input', coupon.code);
    await page.locator('taro-button-core', { hasText: '核销' }).last().click();
    const fail = page.locator('[data-testid="verify-fail"]');
    await fail.waitFor({ timeout: UI_TIMEOUT });
    assert.match(await fail.innerText(), /该券已于 .+ 核销，不能重复使用/);
    await ctx.screenshot('second-verification-refused');

    await openAs(ctx, member.openid, '/pages/coupons/index');
    await page.getByText('已使用', { exact: true }).click();
    await page.locator('[data-testid="coupon-card"]', { hasText: ITEM_TITLE }).first().waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('member-used-coupons');

    await openAs(ctx, DEMO_HQ_OPENID, '/console/mall/redemptions/index');
    const hqRow = page.locator('[data-testid="redemption-row"]', { hasText: '已使用' }).first();
    await hqRow.waitFor({ timeout: UI_TIMEOUT });
    assert.ok((await hqRow.innerText()).includes(guide.name), 'HQ sees who verified');
    await ctx.screenshot('hq-redemptions');
  },
};

const hqConsole: E2eTest = {
  name: 'HQ adds a gift in the catalog editor and changes the referral reward',
  async run(ctx) {
    const { page } = ctx;
    await openAs(ctx, DEMO_HQ_OPENID, '/console/mall/catalog/index');
    await page.locator('[data-testid="new-item"]').click();
    await page.waitForURL(/console\/mall\/edit\/index/, { timeout: UI_TIMEOUT });
    await page.getByText('礼品', { exact: true }).click();
    await typeInto(page, 'item-title', '山茶花香薰小样');
    await typeInto(page, 'item-pointsPrice', '300');
    await typeInto(page, 'item-stock', '40');
    await ctx.screenshot('item-editor');
    await page.locator('[data-testid="save-item"]').click();
    await page.waitForURL(/console\/mall\/catalog\/index/, { timeout: UI_TIMEOUT });
    const row = page.locator('[data-testid="catalog-item"]', { hasText: '山茶花香薰小样' });
    await row.waitFor({ timeout: UI_TIMEOUT });
    assert.match(await row.innerText(), /300 积分[\s\S]*库存 40/);
    await ctx.screenshot('catalog');

    await openAs(ctx, DEMO_HQ_OPENID, '/console/points/rules/index');
    await typeInto(page, 'rule-referralJoined', '120');
    await typeInto(page, 'rule-dailyCap', '500');
    await ctx.screenshot('rules-editor');
    await page.locator('taro-button-core', { hasText: '保存规则' }).click();
    const deadline = Date.now() + UI_TIMEOUT;
    let rules = await ctx.call<{ referralJoined: number; dailyCap: number | null }>(
      'points',
      'rules',
      {},
      DEMO_HQ_OPENID,
    );
    while (rules.referralJoined !== 120 && Date.now() < deadline) {
      await page.waitForTimeout(200);
      rules = await ctx.call('points', 'rules', {}, DEMO_HQ_OPENID);
    }
    assert.equal(rules.referralJoined, 120);
    assert.equal(rules.dailyCap, 500);
    await openAs(ctx, DEMO_CUSTOMERS[0]!.openid, '/pages/points/rules/index');
    await page.getByText('你获得 120 积分', { exact: false }).waitFor({ timeout: UI_TIMEOUT });
    await page.getByText('每天通过邀请获得的积分最多 500 分', { exact: false }).waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('rules-after-edit');
  },
};

export const mallTests: readonly E2eTest[] = [referral, redeemAndVerify, hqConsole];
