/**
 * A post published while WeChat's text check was down (lenient mode) is checked again by the
 * recheckPosts timer; refused, it is withdrawn — out of the guide's feed — and HQ's console home
 * announces it: the banner opens the list with the check's reason and marks it read.
 */
import assert from 'node:assert/strict';
import { DEMO_GUIDES, DEMO_HQ_OPENID } from '../../host/seed/demo-data';
import { openAs, type E2eTest } from './harness';

const UI_TIMEOUT = 15_000;
const TITLE = '周末兼职 · 限时招募';
/** A word the local check refuses as advertising (host/openapi/sensitive-words.ts). */
const REFUSED_WORD = '刷单';

interface FeedReply {
  posts: { id: string }[];
}

const withdrawnNotice: E2eTest = {
  name: 'console home: a post refused by the re-check is withdrawn and announced',
  async run(ctx) {
    const guide = DEMO_GUIDES[0]!.openid;
    const body = `周末在家也能赚，${REFUSED_WORD}兼职日结，名额有限。`;
    // The check is down: saving and publishing go through unchecked.
    const id = await ctx.withApisDown(['security.msgSecCheck'], async () => {
      const saved = await ctx.call<{ id: string }>(
        'content',
        'savePost',
        { title: TITLE, body, images: [] },
        DEMO_HQ_OPENID,
      );
      const published = await ctx.call<{ status: string }>('content', 'publishPost', { id: saved.id }, DEMO_HQ_OPENID);
      assert.equal(published.status, 'published');
      return saved.id;
    });
    const before = await ctx.call<FeedReply>('content', 'feed', {}, guide);
    assert.ok(
      before.posts.some((p) => p.id === id),
      'the unchecked post reached the guide',
    );

    // The check is back; the timer refuses the text and withdraws the post.
    const firing = await ctx.fireTimer('content', 'recheckPosts');
    if (!firing.ok) throw new Error(`timer content.recheckPosts failed: ${firing.error}`);
    const after = await ctx.call<FeedReply>('content', 'feed', {}, guide);
    assert.ok(!after.posts.some((p) => p.id === id), 'the withdrawn post left the guide feed');

    await openAs(ctx, DEMO_HQ_OPENID, '/console/pages/home/index');
    const banner = ctx.page.getByText('有 1 条内容被撤回');
    await banner.waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('withdrawn-banner');
    await banner.click();
    const row = ctx.page.locator('[data-testid="withdrawn-row"]').first();
    await row.waitFor({ timeout: UI_TIMEOUT });
    const text = (await row.textContent()) ?? '';
    assert.ok(text.includes(TITLE), `the row names the post: ${text}`);
    assert.ok(text.includes(REFUSED_WORD), `the row gives the check's reason: ${text}`);
    await ctx.screenshot('withdrawn-list');

    // Opened once, read: the next visit shows no banner.
    let unread = -1;
    for (let i = 0; i < 50 && unread !== 0; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      unread = (await ctx.call<{ unread: number }>('content', 'notices', {}, DEMO_HQ_OPENID)).unread;
    }
    assert.equal(unread, 0, 'opening the list marks the notice read');
  },
};

export const noticeTests: readonly E2eTest[] = [withdrawnNotice];
