/**
 * The guide's day in the browser: a member reads a tagged post for 70 seconds; after the morning
 * timer the guide's worklist (reached from the guide home) shows them with the reason and a filled
 * script; one tap copies exactly that text; marked contacted, the item is gone and HQ's figures
 * count it.
 */
import assert from 'node:assert/strict';
import { MEMBER_TERMS_VERSION } from '@core/contracts/member-terms';
import { DEMO_GUIDES, DEMO_HQ_OPENID } from '../../host/seed/demo-data';
import { openAs, type E2eTest } from './harness';

const UI_TIMEOUT = 15_000;
/** Longer than the 60 seconds a read needs to be a reason to call. */
const READ_MS = 70_000;

interface Item {
  id: string;
  openid: string;
  name: string;
  reason: string;
  reasonKind: string;
  script?: string;
}

const readThenFollowUp: E2eTest = {
  name: 'worklist: a member reads a tagged post for 70 s and the guide follows up with the filled script',
  async run(ctx) {
    const { page } = ctx;
    const guide = DEMO_GUIDES[2]!;
    const title = `秋冬护肤指南 ${Date.now() % 10000}`;
    const body = '换季皮肤干燥，记得早晚补水。\n玫瑰精华水会员价 ¥199。';
    const { id: postId } = await ctx.call<{ id: string }>(
      'content',
      'savePost',
      { title, body, images: [] },
      DEMO_HQ_OPENID,
    );
    await ctx.call('insight', 'setPostTags', { postId, tags: ['护肤'] }, DEMO_HQ_OPENID);
    await ctx.call('content', 'publishPost', { id: postId }, DEMO_HQ_OPENID);

    // A new member of this guide (joined through the guide's invitation).
    const reader = `o_e2e_reader_${Date.now() % 1_000_000}`;
    const invite = await ctx.call<{ shareToken: string }>('insight', 'shareLink', {}, guide.openid);
    await ctx.call('insight', 'recordVisit', { shareToken: invite.shareToken, scene: 1007 }, reader);
    await ctx.call(
      'account',
      'registerMember',
      { name: '王女士', consent: { version: MEMBER_TERMS_VERSION }, shareToken: invite.shareToken },
      reader,
    );

    const link = await ctx.call<{ path: string }>('insight', 'shareLink', { postId }, guide.openid);
    await openAs(ctx, reader, link.path);
    await page.getByText(title).first().waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('reader');
    await page.waitForTimeout(READ_MS + 2000);

    // Leaving the post sends its last report; then the morning timer (and a refresh) runs.
    await openAs(ctx, guide.openid, '/pages/guide/index');
    for (const trigger of ['makeWorklists', 'refreshWorklists']) {
      const firing = await ctx.fireTimer('insight', trigger);
      if (!firing.ok) throw new Error(`timer insight.${trigger} failed: ${firing.error}`);
    }
    const list = await ctx.call<{ items: Item[] }>('insight', 'worklist', {}, guide.openid);
    const mine = list.items.find((i) => i.openid === reader);
    assert.ok(mine, 'the reader is on the worklist');
    assert.equal(mine.reasonKind, 'read');
    assert.ok(mine.script && !/[{}]/.test(mine.script), `a filled script (${mine.script})`);

    // The guide reaches the worklist from their home.
    await page.getByText('今日跟进').first().click();
    await page.waitForURL(/pages\/worklist\/index/, { timeout: UI_TIMEOUT });
    const card = page.locator('[data-testid="worklist-item"]').filter({ hasText: '王女士' });
    await card.first().waitFor({ timeout: UI_TIMEOUT });
    const reason = await card.locator('[data-testid="worklist-reason"]').innerText();
    // The short post fits the screen, so the reader reached its end.
    assert.match(reason, new RegExp(`^读完了《${title}》（护肤），共 1 分 \\d+ 秒$`), reason);
    const shown = await card.locator('[data-testid="worklist-script"]').innerText();
    assert.equal(shown, mine.script);
    assert.match(shown, /^王女士，看到您在看《/);
    await ctx.screenshot('worklist');

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ctx.baseUrl });
    await card.locator('[data-testid="worklist-copy"]').click();
    await page.waitForTimeout(500);
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(clip, mine.script, 'the clipboard holds exactly the filled script');

    await card.locator('[data-testid="worklist-contacted"]').click();
    await page
      .locator('[data-testid="worklist-item"]')
      .filter({ hasText: '王女士' })
      .waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await ctx.screenshot('contacted');
    const after = await ctx.call<{ items: Item[] }>('insight', 'worklist', {}, guide.openid);
    assert.ok(!after.items.some((i) => i.openid === reader), 'the item is gone');

    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const figures = await ctx.call<{ rows: { id: string; contacted: number; made: number }[] }>(
      'insight',
      'worklistFigures',
      { from: today, to: today, by: 'guide' },
      DEMO_HQ_OPENID,
    );
    const row = figures.rows.find((r) => r.id === guide.openid);
    assert.ok(row && row.contacted >= 1, `HQ counts the contact (${JSON.stringify(row)})`);
    await openAs(ctx, DEMO_HQ_OPENID, '/console/worklist/index');
    const hqRow = page.locator('[data-testid="effect-row"]').filter({ hasText: guide.name });
    await hqRow.first().waitFor({ timeout: UI_TIMEOUT });
    assert.match(await hqRow.first().innerText(), new RegExp(`已联系 ${row.contacted}\\b`));
    await ctx.screenshot('hq-figures');

    // What the guide learned goes on the customer: a note on their timeline.
    await openAs(ctx, guide.openid, `/pages/customers/timeline/index?openid=${reader}`);
    const notes = page.locator('[data-testid="customer-notes"]');
    await notes.waitFor({ timeout: UI_TIMEOUT });
    await page.locator('[data-testid="note-text"] textarea').fill('喜欢玫瑰味，下周带朋友来');
    await page.locator('[data-testid="add-note"]').click();
    await page.locator('[data-testid="note"]').filter({ hasText: '喜欢玫瑰味' }).waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('notes');

    // HQ's script library by scene.
    await ctx.call(
      'insight',
      'saveScript',
      { scene: 'holiday', title: '节日问候', text: '{称呼}，节日快乐！{导购}祝您万事顺意～' },
      DEMO_HQ_OPENID,
    );
    await openAs(ctx, DEMO_HQ_OPENID, '/console/scripts/index');
    await page
      .locator('[data-testid="script-row"]')
      .filter({ hasText: '节日问候' })
      .first()
      .waitFor({ timeout: UI_TIMEOUT });
    await ctx.screenshot('script-library');
  },
};

export const worklistTests: readonly E2eTest[] = [readThenFollowUp];
