/**
 * A chain's variants in the H5 app: HQ publishes a 9-image post to every store (no store named); the fan-out starts
 * making the guides' variants in batches; the guide whom the batch reaches last opens the post at
 * once and sees "正在生成你的专属版本…" with the images done, then their own variant; HQ's list
 * shows "变体生成 x / y" until every guide has theirs, and the post's statistics the storage in use.
 *
 * Registered by test/e2e/run.ts (`variantTests`).
 */
import { awaitImageChecks } from '../../host/seed/image-checks';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { DEMO_GUIDES, DEMO_HQ_OPENID } from '../../host/seed/demo-data';
import { makeFixtureImage, FIXTURE_IMAGE_KINDS } from '../fixtures/variation/images';
import { openAs, type E2eContext, type E2eTest } from './harness';

const UI_TIMEOUT = 20_000;
const TITLE = '九图上新 · 分批生成';
const BODY = '【会员日】新品九宫格，到店出示会员码领取小样。\n✨ 每位导购发出的文案和配图各不相同。';

interface Progress {
  made: number;
  total: number;
}

/** Nine different 1080² JPEGs uploaded through the bridge, as the editor would. */
async function uploadNine(ctx: E2eContext): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < 9; i++) {
    const kind = FIXTURE_IMAGE_KINDS[i % FIXTURE_IMAGE_KINDS.length]!;
    const bytes = await makeFixtureImage(kind, { quality: 80 + i });
    const path = encodeURIComponent(`e2e/nine-${Date.now()}-${i}.jpg`);
    const up = await fetch(`${ctx.baseUrl}/storage/upload?cloudPath=${path}`, {
      method: 'POST',
      body: new Uint8Array(bytes),
    });
    ids.push(((await up.json()) as { data: { fileID: string } }).data.fileID);
  }
  return ids;
}

/**
 * A store's stagger order of a post as the content function documents it (guides sorted by sha256 of
 * post id, NUL, openid). Tests reach the product only through the local cloud, so it is written here.
 */
function staggerOrder(postId: string, openids: string[]): string[] {
  const key = (g: string) => createHash('sha256').update(`${postId}\u0000${g}`).digest('hex');
  return [...openids].sort((a, b) => key(a).localeCompare(key(b)));
}

/**
 * The demo guide whose variant the fan-out makes last: it goes through the stores' stagger orders
 * rank by rank, then by openid, so the highest rank and openid waits behind all the others of the
 * batch (six guides fit one). Should that order change, this guide may get theirs ahead and the wait
 * screen assertion below fails: the test then needs the new order, not a looser check.
 */
function lastMade(postId: string): string {
  const rank = new Map<string, number>();
  for (const store of new Set(DEMO_GUIDES.map((g) => g.store))) {
    const ids = DEMO_GUIDES.filter((g) => g.store === store).map((g) => g.openid);
    staggerOrder(postId, ids).forEach((openid, i) => rank.set(openid, i));
  }
  const order = DEMO_GUIDES.map((g) => g.openid).sort(
    (a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0) || a.localeCompare(b),
  );
  return order[order.length - 1]!;
}

const waitScreen: E2eTest = {
  name: 'a guide who opens a 9-image post before the fan-out reaches them sees their variant being made',
  async run(ctx) {
    const { page } = ctx;
    const images = await uploadNine(ctx);
    const { id } = await ctx.call<{ id: string }>(
      'content',
      'savePost',
      { title: TITLE, body: BODY, images },
      DEMO_HQ_OPENID,
    );
    await awaitImageChecks((imgs) => ctx.call('content', 'checkImages', { images: imgs }, DEMO_HQ_OPENID), images);
    await ctx.call('content', 'publishPost', { id }, DEMO_HQ_OPENID);

    // The guide the batch reaches last opens the post straight away: their own opening makes it.
    const guide = lastMade(id);
    await openAs(ctx, guide, `/pages/post/index?id=${id}`);
    const wait = page.locator('[data-testid="variant-wait"]');
    await wait.waitFor({ timeout: UI_TIMEOUT });
    assert.match(await wait.innerText(), /正在生成你的专属版本…/);
    const count = page.locator('[data-testid="variant-wait-count"]');
    await count.waitFor({ timeout: UI_TIMEOUT });
    assert.match(await count.innerText(), /^配图 [0-9] \/ 9$/);
    await ctx.screenshot('variant-wait');

    // Then the variant itself, all nine images.
    await page.locator('[data-testid="variant-text"]').waitFor({ timeout: 60_000 });
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid="variant-image"] img')].filter(
          (i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0,
        ).length === 9,
      undefined,
      { timeout: UI_TIMEOUT },
    );
    assert.equal(await wait.count(), 0, 'the wait screen is gone');
    await ctx.screenshot('variant-ready');

    // HQ: the list says how far the post's variants have got, and ends at every guide.
    const { posts } = await ctx.call<{ posts: { id: string; variants?: Progress }[] }>(
      'content',
      'listPosts',
      { status: 'published' },
      DEMO_HQ_OPENID,
    );
    const total = posts.find((p) => p.id === id)?.variants?.total ?? 0;
    assert.ok(total >= DEMO_GUIDES.length, `every demo guide is planned (${total})`);
    await openAs(ctx, DEMO_HQ_OPENID, '/console/posts/list/index');
    const row = page.locator('[data-testid="post-row"]', { hasText: TITLE }).first();
    await row.waitFor({ timeout: UI_TIMEOUT });
    assert.match(await row.locator('[data-testid="variant-progress"]').innerText(), /^变体生成 \d+ \/ \d+/);
    const deadline = Date.now() + 90_000;
    for (;;) {
      const { posts: now } = await ctx.call<{ posts: { id: string; variants?: Progress }[] }>(
        'content',
        'listPosts',
        { status: 'published' },
        DEMO_HQ_OPENID,
      );
      const p = now.find((x) => x.id === id)?.variants;
      if (p && p.made === p.total) break;
      assert.ok(Date.now() < deadline, `the fan-out finishes (${p?.made ?? 0} / ${p?.total ?? 0})`);
      await page.waitForTimeout(1_000);
    }
    await openAs(ctx, DEMO_HQ_OPENID, '/console/posts/list/index');
    const done = page.locator('[data-testid="post-row"]', { hasText: TITLE }).first();
    await done.waitFor({ timeout: UI_TIMEOUT });
    assert.equal(await done.locator('[data-testid="variant-progress"]').innerText(), `变体生成 ${total} / ${total}`);
    await ctx.screenshot('variant-progress-list');

    // The post's statistics: the progress and the storage its variants use.
    await openAs(ctx, DEMO_HQ_OPENID, `/console/posts/stats/index?id=${id}`);
    const storage = page.locator('[data-testid="variant-storage"]');
    await storage.waitFor({ timeout: UI_TIMEOUT });
    const text = await storage.innerText();
    assert.match(text, new RegExp(`变体生成 ${total} / ${total}`));
    assert.match(text, /变体图片占用 [\d.]+ (KB|MB|GB)（全部素材 [\d.]+ (KB|MB|GB)）/);
    assert.doesNotMatch(text, /变体图片占用 0 KB/);
    await ctx.screenshot('variant-storage');
  },
};

export const variantTests: readonly E2eTest[] = [waitScreen];
