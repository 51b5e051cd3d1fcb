/**
 * Each role signs in through the H5 demo sign-in page and lands on its own home, which must show
 * that role's own data from the local cloud (cross-checked against the functions' own answers).
 */
import assert from 'node:assert/strict';
import type { StoreSummary, GuideSummary, WhoamiOutput } from '@core/contracts/account';
import { DEMO_CUSTOMERS, DEMO_GUIDES, DEMO_HQ_OPENID, DEMO_STORES } from '../../host/seed/demo-data';
import type { E2eContext, E2eTest } from './harness';
import { joinAsMember } from './steps';

const UI_TIMEOUT = 15_000;

/** Opens the app with no identity, expects the sign-in page, and picks the given entry. */
async function signIn(ctx: E2eContext, testId: string, query = ''): Promise<void> {
  const { page } = ctx;
  await page.goto(`${ctx.baseUrl}/${query}`);
  await page.waitForURL(/pages\/dev-login\/index/, { timeout: UI_TIMEOUT });
  await page.locator('.dev-login__title').waitFor({ timeout: UI_TIMEOUT });
  const entry = page.locator(`[data-testid="${testId}"]`);
  await entry.waitFor({ timeout: UI_TIMEOUT });
  await ctx.screenshot('sign-in');
  await entry.click();
}

async function visibleText(ctx: E2eContext): Promise<string> {
  return ctx.page.locator('body').innerText();
}

const hq: E2eTest = {
  name: 'HQ sees every store and guide with their counts',
  async run(ctx) {
    await signIn(ctx, `user-${DEMO_HQ_OPENID}`);
    await ctx.page.waitForURL(/console\/pages\/home\/index/, { timeout: UI_TIMEOUT });
    const rows = ctx.page.locator('[data-testid="store-row"]');
    await rows.first().waitFor({ timeout: UI_TIMEOUT });

    const { stores } = await ctx.call<{ stores: StoreSummary[] }>('account', 'listStores', {}, DEMO_HQ_OPENID);
    const { guides } = await ctx.call<{ guides: GuideSummary[] }>('account', 'listGuides', {}, DEMO_HQ_OPENID);
    assert.equal(stores.length, DEMO_STORES.length);
    assert.equal(await rows.count(), stores.length, 'one row per store');
    for (const store of stores) {
      const row = rows.filter({ hasText: store.name });
      assert.equal(await row.count(), 1, `row for ${store.name}`);
      assert.match(await row.innerText(), new RegExp(`导购 ${store.guides} · 会员 ${store.customers}`));
    }
    const guideRows = ctx.page.locator('[data-testid="guide-row"]');
    assert.equal(await guideRows.count(), DEMO_GUIDES.length, 'one row per guide');
    for (const guide of guides) {
      assert.match(await guideRows.filter({ hasText: guide.name }).innerText(), new RegExp(`会员 ${guide.customers}`));
    }
    const text = await visibleText(ctx);
    const members = stores.reduce((n, s) => n + s.customers, 0);
    assert.ok(members > 0, 'the seed has members');
    assert.match(text, new RegExp(`会员\\s*${members}\\s*人`), 'member total in the stat card');
    await ctx.screenshot('home');
  },
};

const renameStore: E2eTest = {
  name: 'HQ renames a store from its row, and the new name shows on the home and to its guide',
  async run(ctx) {
    const { stores } = await ctx.call<{ stores: StoreSummary[] }>('account', 'listStores', {}, DEMO_HQ_OPENID);
    const store = stores[stores.length - 1]!;
    const renamed = `${store.name}（新址）`;
    await signIn(ctx, `user-${DEMO_HQ_OPENID}`);
    await ctx.page.waitForURL(/console\/pages\/home\/index/, { timeout: UI_TIMEOUT });
    await ctx.page.locator('[data-testid="store-row"]', { hasText: store.name }).click();
    await ctx.page.waitForURL(/console\/stores\/edit\/index/, { timeout: UI_TIMEOUT });
    const name = ctx.page.locator('[data-testid="store-name"] input');
    await name.waitFor({ timeout: UI_TIMEOUT });
    assert.equal(await name.inputValue(), store.name, 'the form starts from the stored name');
    await name.fill(renamed);
    await ctx.screenshot('store-editor');
    await ctx.page.locator('[data-testid="store-save"]').click();
    await ctx.page.waitForURL(/console\/pages\/home\/index/, { timeout: UI_TIMEOUT });
    await ctx.page.locator('[data-testid="store-row"]', { hasText: renamed }).waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('home-renamed');
    const after = await ctx.call<{ stores: StoreSummary[] }>('account', 'listStores', {}, DEMO_HQ_OPENID);
    assert.equal(after.stores.find((s) => s.id === store.id)?.name, renamed);
    const { guides } = await ctx.call<{ guides: GuideSummary[] }>('account', 'listGuides', {}, DEMO_HQ_OPENID);
    const itsGuide = guides.find((g) => g.storeId === store.id);
    assert.ok(itsGuide, 'the store has a guide');
    const who = await ctx.call<WhoamiOutput>('account', 'whoami', {}, itsGuide.openid);
    assert.equal(who.storeName, renamed, "the guide's store name follows");
  },
};

const guide: E2eTest = {
  name: 'a guide sees their own name and store',
  async run(ctx) {
    const me = DEMO_GUIDES[2]!;
    await signIn(ctx, `user-${me.openid}`);
    await ctx.page.waitForURL(/pages\/guide\/index/, { timeout: UI_TIMEOUT });
    await ctx.page.getByText(me.name).first().waitFor({ timeout: UI_TIMEOUT });
    const who = await ctx.call<WhoamiOutput>('account', 'whoami', {}, me.openid);
    assert.ok(who.storeName, 'whoami names the store');
    const text = await visibleText(ctx);
    assert.ok(text.includes(who.storeName), `store ${who.storeName} shown`);
    for (const other of DEMO_GUIDES.filter((g) => g.openid !== me.openid)) {
      assert.ok(!text.includes(other.name), `another guide's name (${other.name}) must not appear`);
    }
    await ctx.screenshot('home');
  },
};

const customer: E2eTest = {
  name: 'a member sees their own membership and store',
  async run(ctx) {
    const me = DEMO_CUSTOMERS[0]!;
    await signIn(ctx, `user-${me.openid}`);
    await ctx.page.waitForURL(/pages\/customer\/index/, { timeout: UI_TIMEOUT });
    await ctx.page.getByText(me.name).first().waitFor({ timeout: UI_TIMEOUT });
    const who = await ctx.call<WhoamiOutput>('account', 'whoami', {}, me.openid);
    assert.equal(who.role, 'customer');
    assert.ok(who.guideOpenid, 'the seeded member has a guide');
    const text = await visibleText(ctx);
    assert.ok(text.includes('已为你分配专属导购') || text.includes(DEMO_GUIDES[0]!.name), 'guide shown');
    if (who.storeName) assert.ok(text.includes(who.storeName), `store ${who.storeName} shown`);
    await ctx.screenshot('home');

    await ctx.page.getByText('我的', { exact: true }).click();
    await ctx.page.waitForURL(/pages\/me\/index/, { timeout: UI_TIMEOUT });
    await ctx.page.getByText(me.openid).waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('me');
  },
};

const visitor: E2eTest = {
  name: 'a new visitor from a member share joins and lands on the member home',
  async run(ctx) {
    const { page } = ctx;
    const friend = DEMO_CUSTOMERS[0]!;
    // A share link carries its token before the hash route.
    const link = await ctx.call<{ shareToken: string }>('insight', 'shareLink', {}, friend.openid);
    await signIn(ctx, 'new-visitor', `?t=${link.shareToken}`);
    await page.waitForURL(/pages\/join\/index/, { timeout: UI_TIMEOUT });
    await page.getByText(`你由 ${friend.name} 邀请而来`).first().waitFor({ timeout: UI_TIMEOUT });
    const openid = (await page.evaluate(() => window.localStorage.getItem('siyu.devOpenid'))) ?? '';
    assert.ok(openid?.startsWith('o_visitor_'), 'a fresh visitor identity');
    const before = await ctx.call<WhoamiOutput>('account', 'whoami', {}, openid);
    assert.equal(before.role, 'visitor');
    await ctx.screenshot('join');

    assert.match(await joinAsMember(ctx, '新朋友阿青'), new RegExp(`你是通过 ${friend.name} 的分享加入的`));
    await page.getByText('新朋友阿青').first().waitFor({ timeout: UI_TIMEOUT });

    const after = await ctx.call<WhoamiOutput>('account', 'whoami', {}, openid);
    assert.equal(after.role, 'customer');
    const referrerGuide = (await ctx.call<WhoamiOutput>('account', 'whoami', {}, friend.openid)).guideOpenid;
    assert.equal(after.guideOpenid, referrerGuide, "the new member gets the sharer's guide");
    await ctx.screenshot('member-home');
  },
};

export const roleTests: readonly E2eTest[] = [hq, renameStore, guide, customer, visitor];
