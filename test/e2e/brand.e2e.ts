/**
 * A brand onboards itself (run them with --only=onboarding): HQ names the brand and picks its colour, opens a store and invites a
 * guide; a visitor who allows their location joins the store nearest to them.
 */
import assert from 'node:assert/strict';
import type { StoreSummary, WhoamiOutput } from '@core/contracts/account';
import { DEMO_BRAND_SETTINGS, DEMO_GUIDES, DEMO_HQ_OPENID, DEMO_STORES } from '../../host/seed/demo-data';
import { openAs, type E2eContext, type E2eTest } from './harness';
import { joinAsMember } from './steps';

const UI_TIMEOUT = 20_000;
let visitors = 0;
const freshVisitor = () => `o_visitor_brand${Date.now().toString(36)}${++visitors}`;

async function fill(ctx: E2eContext, testId: string, value: string): Promise<void> {
  const input = ctx.page.locator(`[data-testid="${testId}"] input`);
  await input.waitFor({ timeout: UI_TIMEOUT });
  await input.fill(value);
}

const rootVariable = (ctx: E2eContext, name: string) =>
  ctx.page.evaluate((n) => getComputedStyle(document.documentElement).getPropertyValue(n).trim(), name);

const rebrand: E2eTest = {
  name: 'onboarding: HQ renames the brand and sets a colour, and screens and titles show it',
  async run(ctx) {
    const { page } = ctx;
    try {
      await openAs(ctx, DEMO_HQ_OPENID, '/console/brand/index');
      await fill(ctx, 'brand-name', '松风茶舍');
      await fill(ctx, 'brand-shortName', '松风');
      await fill(ctx, 'brand-pointsName', '茶豆');
      await fill(ctx, 'brand-themeColor', '#1e6fd9');
      await ctx.screenshot('brand-form');
      await page.locator('[data-testid="brand-save"]').click();
      await page.getByText('已保存').first().waitFor({ timeout: UI_TIMEOUT });
      assert.equal(await rootVariable(ctx, '--brand-color'), '#1e6fd9', 'the colour applies at once');

      // The console home, freshly opened: subtitle, title and the themed colour.
      await openAs(ctx, DEMO_HQ_OPENID, '/console/pages/home/index');
      await page.getByText('松风茶舍 · 总部').waitFor({ timeout: UI_TIMEOUT });
      await page.waitForFunction(() => document.title.includes('松风'), undefined, { timeout: UI_TIMEOUT });
      assert.equal(await rootVariable(ctx, '--brand-color'), '#1e6fd9');
      await ctx.screenshot('console-home');

      // A member's home and the rules read the new name and points name.
      await openAs(ctx, 'o_demo_cust_01', '/pages/customer/index');
      await page.getByText('松风茶舍会员').first().waitFor({ timeout: UI_TIMEOUT });
      await page.getByText('茶豆商城').first().waitFor({ timeout: UI_TIMEOUT });
      await page.waitForFunction(() => document.title === '松风会员', undefined, { timeout: UI_TIMEOUT });
      const text = await page.locator('body').innerText();
      assert.ok(!text.includes('山茶生活会员'), 'the old name is gone from the member home');
      await ctx.screenshot('member-home');

      // The join page: title and hero in the brand's colour.
      await openAs(ctx, freshVisitor(), '/pages/join/index');
      await page.getByText('欢迎来到松风茶舍').waitFor({ timeout: UI_TIMEOUT });
      const hero = await page.locator('.join__hero').evaluate((el) => getComputedStyle(el).backgroundImage);
      assert.match(hero, /rgb\(30, 111, 217\)/, 'the hero is drawn in the brand colour');
      await ctx.screenshot('join');
    } finally {
      // The other journeys run on the demo brand.
      await ctx.call('account', 'saveBrand', { ...DEMO_BRAND_SETTINGS }, DEMO_HQ_OPENID);
    }
  },
};

const storeAndInvite: E2eTest = {
  name: 'onboarding: HQ creates a store and an invitation, and a new visitor redeems it and becomes its guide',
  async run(ctx) {
    const { page } = ctx;
    const storeName = `松风·南京新街口店${Date.now().toString(36).slice(-4)}`;
    await openAs(ctx, DEMO_HQ_OPENID, '/console/stores/list/index');
    await page.locator('[data-testid="store-list-row"]').first().waitFor({ timeout: UI_TIMEOUT });
    await page.locator('[data-testid="store-new"]').click();
    await page.waitForURL(/console\/stores\/edit\/index/, { timeout: UI_TIMEOUT });
    await fill(ctx, 'store-name', storeName);
    await fill(ctx, 'store-city', '南京');
    await page.locator('.location-field__city', { hasText: '南京' }).click();
    assert.equal(await page.locator('[data-testid="store-lat"] input').inputValue(), '32.0603');
    await ctx.screenshot('store-new');
    await page.locator('[data-testid="store-save"]').click();
    await page.waitForURL(/console\/stores\/list\/index/, { timeout: UI_TIMEOUT });
    const row = page.locator('[data-testid="store-list-row"]', { hasText: storeName });
    await row.waitFor({ timeout: UI_TIMEOUT });
    const { stores } = await ctx.call<{ stores: StoreSummary[] }>('account', 'listStores', {}, DEMO_HQ_OPENID);
    const store = stores.find((s) => s.name === storeName);
    assert.ok(store, 'the store exists');
    assert.deepEqual(store.location, { lat: 32.0603, lng: 118.7969 });

    await row.click();
    await page.waitForURL(/console\/stores\/guides\/index/, { timeout: UI_TIMEOUT });
    await page.locator('[data-testid="invite-new"]').click();
    const codeText = page.locator('[data-testid="invite-code"]');
    await codeText.waitFor({ timeout: UI_TIMEOUT });
    const code = (await codeText.innerText()).trim();
    assert.match(code, /^[2-9A-HJ-KM-NP-Z]{8}$/);
    await page.locator('[data-testid="coupon-qr"]').waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('invite');

    // The QR leads to the join page with the code: a new visitor opens it.
    const visitor = freshVisitor();
    await openAs(ctx, visitor, `/pages/join/index?invite=${code}`);
    const codeInput = page.locator('input[placeholder="总部发给你的 8 位邀请码"]');
    await codeInput.waitFor({ timeout: UI_TIMEOUT });
    assert.equal(await codeInput.inputValue(), code, 'the code is filled in');
    await page.locator('input').first().fill('新导购小南');
    await ctx.screenshot('redeem');
    await page.locator('taro-button-core', { hasText: '加入门店' }).click();
    await page.waitForURL(/pages\/guide\/index/, { timeout: UI_TIMEOUT });
    await page.getByText('新导购小南').first().waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('guide-home');
    const who = await ctx.call<WhoamiOutput>('account', 'whoami', {}, visitor);
    assert.equal(who.role, 'guide');
    assert.equal(who.storeId, store.id);

    // One-time: the same code is refused to anyone else; the store page lists the new guide.
    const again = await fetch(`${ctx.baseUrl}/fn/account`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-openid': freshVisitor() },
      body: JSON.stringify({ action: 'redeemInvite', code, name: '第二人' }),
    });
    assert.deepEqual(await again.json(), {
      ok: false,
      error: { code: 'FAILED_PRECONDITION', message: '邀请码已被使用' },
    });
    await openAs(ctx, DEMO_HQ_OPENID, `/console/stores/guides/index?id=${store.id}`);
    await page.locator('[data-testid="store-guide-row"]', { hasText: '新导购小南' }).waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('store-guides');
  },
};

const nearestJoin: E2eTest = {
  name: 'onboarding: a visitor joins with the browser location and picks a nearest store',
  async run(ctx) {
    const { page } = ctx;
    // Near Chengdu's Taikoo Li.
    await page.context().grantPermissions(['geolocation'], { origin: ctx.baseUrl });
    await page.context().setGeolocation({ latitude: 30.6556, longitude: 104.0806 });
    const visitor = freshVisitor();
    await openAs(ctx, visitor, '/pages/join/index');
    const items = page.locator('[data-testid="nearest-store"]');
    await items.first().waitFor({ timeout: UI_TIMEOUT });
    const names = await items.allInnerTexts();
    const cd = DEMO_STORES.find((s) => s.key === 'cd')!;
    assert.ok(names[0]?.includes(cd.name), `nearest first: ${names.join(' | ')}`);
    assert.ok(names.length <= 3);
    await items.first().click();
    await page.locator('.join__store--on', { hasText: cd.name }).waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('nearest');
    await joinAsMember(ctx, '成都新会员', 'joined');
    const who = await ctx.call<WhoamiOutput>('account', 'whoami', {}, visitor);
    // An earlier step may have renamed the store (its name then starts with the seed's).
    assert.ok(who.storeName?.startsWith(cd.name), `the member belongs to the picked store: ${who.storeName}`);
    const cdGuides = DEMO_GUIDES.filter((g) => g.store === 'cd').map((g) => g.openid);
    assert.ok(who.guideOpenid && cdGuides.includes(who.guideOpenid), 'served by a guide of that store');
    await ctx.screenshot('member-home');
  },
};

export const brandTests: E2eTest[] = [rebrand, storeAndInvite, nearestJoin];
