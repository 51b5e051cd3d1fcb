/**
 * Sharing that brings people in, in the browser against a real local cloud with the demo seed:
 * 1. a guide opens a post and makes the share card (its path carries the guide's token) and the
 *    poster (an image with a mini-program code carrying the same token); a new visitor opens the
 *    path, reads for 40 seconds to the last paragraph and joins, credited to the guide; the guide's
 *    customers show them with reading time, and the timeline says how far they read; the visitor
 *    passes the post on (a child token), a member opens that and passes it on again; HQ's spread
 *    tree of the post shows the three levels, and the guide sees the tree of their own share;
 * 2. a member invites a friend from their home (card and poster), the friend joins through it and
 *    "我邀请的好友" shows the friend and the points it earned;
 * 3. a share path naming a page this version does not have (a card made by an earlier one) lands on
 *    joining with its token kept, and the visitor joins credited to the guide who shared.
 *
 * `shareTests` joins the suite in test/e2e/run.ts.
 */
import { awaitImageChecks } from '../../host/seed/image-checks';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { DEMO_CUSTOMERS, DEMO_GUIDES, DEMO_HQ_OPENID } from '../../host/seed/demo-data';
import { makeFixtureImage } from '../fixtures/variation/images';
import { openAs, type E2eContext, type E2eTest } from './harness';
import { joinAsMember, makePoster, sharedPath, tokenIn } from './steps';

const UI_TIMEOUT = 20_000;
/** How long the visitor stays on the post, by the page's own clock (heartbeats every 10 s). */
const READ_MS = 40_000;
const PARAGRAPHS = 12;
const BODY = Array.from(
  { length: PARAGRAPHS },
  (_, i) =>
    `第${i + 1}段：春天的玫瑰精华水，会员价 ¥199。早晚各用一次，清爽不黏腻，适合换季时偏干的皮肤。到店可以先试用小样，导购会帮你看肤质。`,
).join('\n');

const newVisitorId = () => `o_visitor_e2e${randomBytes(6).toString('hex')}`;

interface Timeline {
  events: { kind: string; postTitle?: string; seconds?: number; depth?: { paragraph: number; paragraphs: number } }[];
}

/** HQ publishes a one-image post through the bridge, as the console would. */
async function publishPost(ctx: E2eContext, title: string): Promise<string> {
  const bytes = await makeFixtureImage('poster');
  const up = await fetch(
    `${ctx.baseUrl}/storage/upload?cloudPath=${encodeURIComponent(`e2e/share-${Date.now()}.jpg`)}`,
    {
      method: 'POST',
      body: new Uint8Array(bytes),
    },
  );
  const { data } = (await up.json()) as { data: { fileID: string } };
  const { id } = await ctx.call<{ id: string }>(
    'content',
    'savePost',
    { title, body: BODY, images: [data.fileID] },
    DEMO_HQ_OPENID,
  );
  await awaitImageChecks((images) => ctx.call('content', 'checkImages', { images }, DEMO_HQ_OPENID), [data.fileID]);
  await ctx.call('content', 'publishPost', { id }, DEMO_HQ_OPENID);
  return id;
}

/** Scrolls the reader down a little at a time for `ms`, ending on the last paragraph. */
async function readSlowly(page: Page, ms: number): Promise<void> {
  const until = Date.now() + ms;
  const paragraphs = page.locator('[data-testid="reader-paragraph"]');
  let next = 1;
  while (Date.now() < until) {
    await page.waitForTimeout(Math.min(4_000, Math.max(0, until - Date.now())));
    const count = await paragraphs.count();
    if (next < count) await paragraphs.nth(next++).scrollIntoViewIfNeeded();
  }
  await paragraphs.last().scrollIntoViewIfNeeded();
}

const guideShares: E2eTest = {
  name: 'a guide shares a post: a visitor reads it 40 s and joins, passes it on twice, and HQ sees three levels',
  async run(ctx) {
    const { page } = ctx;
    const guide = DEMO_GUIDES[0]!;
    const third = DEMO_CUSTOMERS[5]!;
    const title = `换季护肤小课堂 ${Date.now() % 10000}`;
    const postId = await publishPost(ctx, title);

    // The guide's post page: the card's path and the poster's code carry the guide's own token.
    await openAs(ctx, guide.openid, `/pages/post/index?id=${postId}`);
    await page.locator('[data-testid="variant-text"]').waitFor({ timeout: UI_TIMEOUT });
    await page.locator('[data-testid="post-share"]').scrollIntoViewIfNeeded();
    await ctx.screenshot('guide-post');
    const path = await sharedPath(page);
    const token = tokenIn(path);
    assert.equal(path, `/pages/customers/read/index?t=${token}`, 'the card opens the reader with the token');
    const again = await ctx.call<{ shareToken: string }>('insight', 'shareLink', { postId }, guide.openid);
    assert.equal(again.shareToken, token, 'sharing twice gives the same link');
    assert.ok(!path.includes(guide.openid), 'no openid in the shared path');
    await page.locator('[data-testid="share-panel"]').scrollIntoViewIfNeeded();
    await ctx.screenshot('share-card');
    const poster = await makePoster(ctx, 'poster');
    assert.ok(
      poster.height > poster.width && poster.width >= 500,
      `a portrait poster (${poster.width}×${poster.height})`,
    );
    assert.match(poster.code, /^wxacode:\/\/[^/]+\/pages\/customers\/read\/index\?scene=t%3D/, poster.code);
    assert.equal(tokenIn(poster.code), token, "the poster's code carries the same token");

    // A new visitor opens the path and reads to the end for 40 s.
    const visitor = newVisitorId();
    const visitorName = `读者${visitor.slice(-4)}`;
    await openAs(ctx, visitor, path);
    await page.getByText(`${guide.name} 分享给你`).waitFor({ timeout: UI_TIMEOUT });
    await page.getByText(title).first().waitFor({ timeout: UI_TIMEOUT });
    assert.equal(await page.locator('[data-testid="reader-paragraph"]').count(), PARAGRAPHS);
    // Until they agree, the open is counted without them; they agree, so this reading is theirs.
    await page.locator('[data-testid="reader-consent-agree"]').waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('reader-consent');
    await page.locator('[data-testid="reader-consent-agree"]').click();
    await page.getByText('已同意', { exact: false }).waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('reader-top');
    await readSlowly(page, READ_MS + 1_500);
    await ctx.screenshot('reader-end');

    // 进入小程序 → the join page, which knows whose share brought them.
    await page.getByText('进入小程序', { exact: true }).click();
    await page.waitForURL(/pages\/join\/index/, { timeout: UI_TIMEOUT });
    await page.getByText(`你由 ${guide.name} 邀请而来`).first().waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('join');
    const said = await joinAsMember(ctx, visitorName, 'joined');
    assert.equal(said, `你是通过 ${guide.name} 的分享加入的，已记为 Ta 的邀请。`);
    const who = await ctx.call<{ role: string; guideOpenid?: string }>('account', 'whoami', {}, visitor);
    assert.equal(who.guideOpenid, guide.openid, "the new member is in the guide's care");

    // The server kept the reading time and depth; the guide's customers and timeline say them.
    const timeline = await ctx.call<Timeline>('insight', 'customerTimeline', { openid: visitor }, guide.openid);
    const visit = timeline.events.find((e) => e.kind === 'visit' && e.postTitle === title);
    assert.ok(visit, 'the visit is on the customer timeline');
    const seconds = visit.seconds ?? 0;
    assert.ok(seconds >= 40 && seconds <= 60, `reading time ${seconds} s is about 40 s`);
    assert.deepEqual(
      { paragraph: visit.depth?.paragraph, paragraphs: visit.depth?.paragraphs },
      { paragraph: PARAGRAPHS, paragraphs: PARAGRAPHS },
      'read to the last paragraph',
    );
    await openAs(ctx, guide.openid, '/pages/customers/index');
    const row = page.locator('[data-testid="customer-row"]').filter({ hasText: visitorName });
    await row.first().waitFor({ timeout: UI_TIMEOUT });
    assert.match(await row.first().innerText(), /来看过 · 共读 \d+秒/);
    await ctx.screenshot('my-customers');
    await row.first().click();
    const event = page.locator('[data-testid="timeline-event"]').filter({ hasText: title });
    await event.first().waitFor({ timeout: UI_TIMEOUT });
    assert.match(
      await event.first().innerText(),
      new RegExp(`读到第 ${PARAGRAPHS} 段（共 ${PARAGRAPHS} 段，已读完），停留 ${seconds}秒`),
    );
    await ctx.screenshot('timeline');

    // The new member passes the post on: a child token; a member opens it and passes it on again.
    await openAs(ctx, visitor, path);
    await page.getByText(title).first().waitFor({ timeout: UI_TIMEOUT });
    const childPath = await sharedPath(page);
    const child = tokenIn(childPath);
    assert.notEqual(child, token, "the reshare is the reader's own link");
    await page.locator('[data-testid="share-panel"]').scrollIntoViewIfNeeded();
    await ctx.screenshot('reshare');
    await openAs(ctx, third.openid, childPath);
    await page.getByText(`${visitorName} 分享给你`).waitFor({ timeout: UI_TIMEOUT });
    const grandchild = tokenIn(await sharedPath(page));
    assert.ok(![token, child].includes(grandchild), 'a third link');
    await ctx.screenshot('third-reader');

    // HQ: the post's spread, three levels deep.
    await openAs(ctx, DEMO_HQ_OPENID, `/console/posts/stats/index?id=${postId}`);
    const nodes = page.locator('[data-testid="spread-node"]');
    await nodes.nth(2).waitFor({ timeout: UI_TIMEOUT });
    const rows = await nodes.allInnerTexts();
    const levels = [guide.name, visitorName, third.name].map((name) => rows.findIndex((r) => r.includes(name)));
    assert.ok(
      levels.every((i, k) => i >= 0 && (k === 0 || i > levels[k - 1]!)),
      `tree order: ${rows.join(' | ')}`,
    );
    assert.match(rows[levels[0]!]!, /第 1 层[\s\S]*入会 1/);
    assert.match(rows[levels[1]!]!, /第 2 层[\s\S]*打开 1/);
    assert.match(rows[levels[2]!]!, /第 3 层/);
    const hops = await page.locator('[data-testid="spread-hop"]').allInnerTexts();
    assert.equal(hops.length, 3, `reach per hop: ${hops.join(' | ')}`);
    await page.locator('[data-testid="spread-tree"]').scrollIntoViewIfNeeded();
    await ctx.screenshot('hq-spread');

    // Content KOCs beside the membership KOCs.
    await openAs(ctx, DEMO_HQ_OPENID, '/console/insight/koc/index');
    await page.locator('[data-testid="koc-tab-content"]').click();
    await page
      .locator('[data-testid="content-koc-row"]', { hasText: guide.name })
      .first()
      .waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('content-kocs');

    // The guide sees the tree of their own share on the post page.
    await openAs(ctx, guide.openid, `/pages/post/index?id=${postId}`);
    const mine = page.locator('[data-testid="spread-node"]');
    await mine.nth(2).waitFor({ timeout: UI_TIMEOUT });
    await page.locator('[data-testid="spread-tree"]').scrollIntoViewIfNeeded();
    await ctx.screenshot('guide-spread');
  },
};

const memberInvites: E2eTest = {
  name: 'a member invites a friend who joins, and 我邀请的好友 shows the friend and the points',
  async run(ctx) {
    const { page } = ctx;
    const member = DEMO_CUSTOMERS[6]!;
    await ctx.call(
      'points',
      'setRules',
      { memberWelcome: 20, referralJoined: 100, referralFirstRedeem: 50 },
      DEMO_HQ_OPENID,
    );
    const balance = async () => (await ctx.call<{ balance: number }>('points', 'balance', {}, member.openid)).balance;
    const before = await balance();

    await openAs(ctx, member.openid, '/pages/customer/index');
    await page.locator('[data-testid="invite-section"]').waitFor({ timeout: UI_TIMEOUT });
    const path = await sharedPath(page);
    const token = tokenIn(path);
    assert.equal(path, `/pages/join/index?t=${token}`, 'an invitation opens the join page');
    await page.locator('[data-testid="share-panel"]').scrollIntoViewIfNeeded();
    await ctx.screenshot('invite-card');
    const poster = await makePoster(ctx, 'invite-poster');
    assert.equal(tokenIn(poster.code), token, "the invitation poster's code carries the member's token");

    const friend = newVisitorId();
    const friendName = `好友${friend.slice(-4)}`;
    await openAs(ctx, friend, path);
    await page.getByText(`你由 ${member.name} 邀请而来`).first().waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('friend-join');
    const said = await joinAsMember(ctx, friendName, 'friend-joined');
    assert.equal(said, `你是通过 ${member.name} 的分享加入的，已记为 Ta 的邀请。`);
    assert.equal(await balance(), before + 100, 'the member earned the joining reward once');

    await openAs(ctx, member.openid, '/pages/customer/index');
    await page.locator('[data-testid="my-invites-link"]').click();
    await page.waitForURL(/pages\/invites\/index/, { timeout: UI_TIMEOUT });
    const row = page.locator('[data-testid="invite-friend"]', { hasText: friendName });
    await row.waitFor({ timeout: UI_TIMEOUT });
    assert.match(await row.innerText(), /已入会[\s\S]*\+100 积分/);
    const mine = await ctx.call<{ points: number }>('insight', 'myInvites', {}, member.openid);
    assert.match(await page.locator('[data-testid="invites-total"]').innerText(), new RegExp(`^${mine.points}\\s`));
    assert.ok(mine.points >= 100, `the invitations' points (${mine.points})`);
    await page.getByText('分享这一行为本身不获得任何奖励', { exact: false }).waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('my-invites');
  },
};

const movedPage: E2eTest = {
  name: 'a share path naming a page that no longer exists still brings the visitor to joining, credited',
  async run(ctx) {
    const { page } = ctx;
    const guide = DEMO_GUIDES[1]!;
    // A card made by an earlier version: the guide's token on a path this version does not have.
    const feed = await ctx.call<{ posts: { id: string }[] }>('content', 'feed', {}, guide.openid);
    assert.ok(feed.posts[0], 'the guide has a post to share');
    const { shareToken } = await ctx.call<{ shareToken: string }>(
      'insight',
      'shareLink',
      { postId: feed.posts[0].id },
      guide.openid,
    );
    const visitor = newVisitorId();
    await openAs(ctx, visitor, `/pages/moved-away/index?t=${shareToken}`);
    await page.waitForURL(/pages\/join\/index/, { timeout: UI_TIMEOUT });
    await page.getByText(`你由 ${guide.name} 邀请而来`).first().waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('moved-page-join');
    const said = await joinAsMember(ctx, `迁移${visitor.slice(-4)}`);
    assert.equal(said, `你是通过 ${guide.name} 的分享加入的，已记为 Ta 的邀请。`);
    const who = await ctx.call<{ guideOpenid?: string }>('account', 'whoami', {}, visitor);
    assert.equal(who.guideOpenid, guide.openid, "the new member is in the sharing guide's care");
  },
};

export const shareTests: readonly E2eTest[] = [guideShares, memberInvites, movedPage];
