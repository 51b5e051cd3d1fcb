/**
 * The content function through the local cloud: HQ posts, content security, scheduled publish by
 * the timer, the guide feed, per-guide variants (stable per guide, different across guides),
 * outcomes and stats, the role matrix and bad inputs that leave the database unchanged.
 */
import type { ActionOf } from '@core/contracts';
import type { Reply } from '@core/errors';
import { dataOf, newOpenid, TEST_HQ, useLocalCloud } from '../support/local-cloud';
import { fetchBytes, md5, SAMPLE_BODY, uploadImages } from './content-helpers';

jest.setTimeout(60_000);

const cloud = useLocalCloud();
const { call, ok } = cloud.client('content');
const HQ = TEST_HQ;

async function draft(extra: Record<string, unknown> = {}) {
  return ok(
    'savePost',
    { title: '春日焕新', body: SAMPLE_BODY, protectTerms: ['山茶生活', '玫瑰精华水'], ...extra },
    HQ,
  );
}

async function published(extra: Record<string, unknown> = {}) {
  const { id } = await draft(extra);
  await ok('publishPost', { id }, HQ);
  return id;
}

/** Fires the content function's timer as the platform would at `at`. */
async function fireTimer(at: number) {
  const firing = await cloud.cloud.timers.fire('content', 'publishDue', at);
  if (!firing.ok) throw new Error(`timer failed: ${firing.error}`);
  return dataOf(firing.result as Reply<{ published: string[] }>);
}

describe('HQ posts', () => {
  it('saves a draft and reads it back with image urls, listed under drafts', async () => {
    const images = await uploadImages(cloud, 2);
    const { id, rev } = await draft({ images, variation: { text: 'standard', image: 'subtle' } });
    expect(id).toMatch(/^pst_/);
    expect(rev).toBe(1);
    const post = await ok('getPost', { id }, HQ);
    expect(post).toMatchObject({
      id,
      status: 'draft',
      title: '春日焕新',
      body: SAMPLE_BODY,
      imageCount: 2,
      protectTerms: ['山茶生活', '玫瑰精华水'],
    });
    expect(post.variation).toEqual({ text: 'standard', image: 'subtle' });
    for (const img of post.images) expect((await fetchBytes(img.url)).length).toBeGreaterThan(1000);
    const drafts = await ok('listPosts', { status: 'draft' }, HQ);
    expect(drafts.posts.map((p) => p.id)).toContain(id);
    const pub = await ok('listPosts', { status: 'published' }, HQ);
    expect(pub.posts.map((p) => p.id)).not.toContain(id);
  });

  it('edits a draft and bumps its revision', async () => {
    const { id } = await draft();
    const again = await ok('savePost', { id, title: '改过的标题', body: '新的正文 ¥99' }, HQ);
    expect(again.rev).toBe(2);
    expect((await ok('getPost', { id }, HQ)).title).toBe('改过的标题');
  });

  it('saves the interest tags with the post in the same call, and an edit without tags keeps them', async () => {
    const { id } = await draft({ tags: ['护肤', '护肤', '新品'] });
    expect((await ok('getPost', { id }, HQ)).tags).toEqual(['护肤', '新品']);
    const tagged = dataOf(await cloud.call('insight' as never, 'postTags' as never, { postId: id } as never, HQ));
    expect(tagged).toEqual({ postId: id, tags: ['护肤', '新品'] });
    await ok('savePost', { id, title: '改过的标题', body: SAMPLE_BODY }, HQ);
    expect((await ok('getPost', { id }, HQ)).tags).toEqual(['护肤', '新品']);
    await ok('savePost', { id, title: '改过的标题', body: SAMPLE_BODY, tags: [] }, HQ);
    expect((await ok('getPost', { id }, HQ)).tags).toEqual([]);
  });

  it('two saves of one revision at once: one wins, the other is told the post changed', async () => {
    const { id } = await draft();
    const replies = await Promise.all(
      ['甲改的', '乙改的'].map((title) => call('savePost', { id, title, body: SAMPLE_BODY, tags: [title] }, HQ)),
    );
    const won = replies.filter((r) => r.ok);
    expect(won).toHaveLength(1);
    expect(replies.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
    const post = await ok('getPost', { id }, HQ);
    expect(post.rev).toBe(2);
    // The tags are the winner's, written in the same transaction as its title.
    expect(post.tags).toEqual([post.title]);
  });

  it('refuses to edit a published post', async () => {
    const id = await published();
    const reply = await call('savePost', { id, title: '偷偷改', body: '改正文' }, HQ);
    expect(reply).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
  });

  it('refuses unknown target stores', async () => {
    const reply = await call('savePost', { title: 't', body: 'b', storeIds: ['sto_doesnotexist1'] }, HQ);
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('archives a post from any status, and archiving twice answers the same', async () => {
    const id = await published();
    expect(await ok('archivePost', { id }, HQ)).toEqual({ id, status: 'archived' });
    expect(await ok('archivePost', { id }, HQ)).toEqual({ id, status: 'archived' });
    expect(await call('publishPost', { id }, HQ)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
  });
});

describe('content security before publish', () => {
  it('refuses a risky post with the reason in Chinese and keeps it a draft', async () => {
    const { id } = await draft({ body: `${SAMPLE_BODY}\n兼职刷单，日赚千元` });
    const reply = await call('publishPost', { id }, HQ);
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('FAILED_PRECONDITION');
    expect(reply.error.message).toMatch(/未通过内容安全检测/);
    expect(reply.error.message).toContain('刷单');
    const post = await ok('getPost', { id }, HQ);
    expect(post.status).toBe('draft');
    expect(post.security).toMatchObject({ suggest: 'risky' });
  });

  it('checks the title too', async () => {
    const { id } = await draft({ title: '点击领取红包' });
    expect(await call('publishPost', { id }, HQ)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
  });

  it('publishes a clean post now', async () => {
    const { id } = await draft();
    expect(await ok('publishPost', { id }, HQ)).toEqual({ id, status: 'published' });
    const post = await ok('getPost', { id }, HQ);
    expect(post.security).toMatchObject({ suggest: 'pass' });
    expect(post.publishedAt).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe('scheduled publish', () => {
  it('is published by the timer once its time has come, not before', async () => {
    const guide = await cloud.makeGuide();
    const at = Date.now() + 5 * 60_000;
    const { id } = await draft();
    expect(await ok('publishPost', { id, publishAt: at }, HQ)).toEqual({ id, status: 'scheduled', publishAt: at });
    expect((await ok('feed', {}, guide.openid)).posts.map((p) => p.id)).not.toContain(id);

    expect((await fireTimer(at - 60_000)).published).not.toContain(id);
    expect((await ok('getPost', { id }, HQ)).status).toBe('scheduled');

    expect((await fireTimer(at + 60_000)).published).toContain(id);
    expect((await ok('getPost', { id }, HQ)).status).toBe('published');
    // A second firing finds nothing left to do.
    expect((await fireTimer(at + 120_000)).published).not.toContain(id);
    expect((await ok('feed', {}, guide.openid)).posts.map((p) => p.id)).toContain(id);
  });

  it('an edit takes a scheduled post back to draft, so the timer leaves it alone', async () => {
    const at = Date.now() + 5 * 60_000;
    const { id } = await draft();
    await ok('publishPost', { id, publishAt: at }, HQ);
    await ok('savePost', { id, title: '改了', body: SAMPLE_BODY }, HQ);
    expect((await ok('getPost', { id }, HQ)).status).toBe('draft');
    expect((await fireTimer(at + 60_000)).published).not.toContain(id);
  });

  it('refuses a time in the past or too far ahead', async () => {
    const { id } = await draft();
    expect(await call('publishPost', { id, publishAt: Date.now() - 1000 }, HQ)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(await call('publishPost', { id, publishAt: Date.now() + 90 * 86_400_000 }, HQ)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
  });
});

describe('guide feed and variants', () => {
  it('shows a guide the posts for their store only, newest first, and drops archived ones', async () => {
    const a = await cloud.makeGuide();
    const b = await cloud.makeGuide();
    const forA = await published({ storeIds: [a.storeId], title: '只给A店' });
    const forAll = await published({ title: '所有门店' });
    const feedA = (await ok('feed', {}, a.openid)).posts;
    const feedB = (await ok('feed', {}, b.openid)).posts;
    expect(feedA.map((p) => p.id)).toEqual(expect.arrayContaining([forA, forAll]));
    expect(feedB.map((p) => p.id)).toContain(forAll);
    expect(feedB.map((p) => p.id)).not.toContain(forA);
    const ids = feedA.map((p) => p.id);
    expect(ids.indexOf(forAll)).toBeLessThan(ids.indexOf(forA));
    expect(feedA.find((p) => p.id === forAll)).toMatchObject({
      today: true,
      opened: false,
      copied: false,
      saved: false,
    });
    await ok('archivePost', { id: forAll }, HQ);
    expect((await ok('feed', {}, a.openid)).posts.map((p) => p.id)).not.toContain(forAll);
  });

  it('gives each guide their own variant, the same on every opening', async () => {
    const store = await cloud.makeStore();
    const g1 = await cloud.makeGuide(store, '导购一');
    const g2 = await cloud.makeGuide(store, '导购二');
    const images = await uploadImages(cloud, 3);
    const id = await published({ images, storeIds: [store], variation: { text: 'standard', image: 'standard' } });

    const v1 = await ok('myVariant', { postId: id }, g1.openid);
    const v1again = await ok('myVariant', { postId: id }, g1.openid);
    const v2 = await ok('myVariant', { postId: id }, g2.openid);

    expect(v1.text).toEqual(v1again.text);
    expect(v1.images.map((i) => i.fileID)).toEqual(v1again.images.map((i) => i.fileID));
    expect(v1.suggestedAt).toBe(v1again.suggestedAt);
    expect(v1.text).not.toEqual(v2.text);
    expect(v1.text).not.toEqual(SAMPLE_BODY);
    for (const term of ['山茶生活', '玫瑰精华水', '¥199', '10:00-22:00', '#春日护肤#']) {
      expect(v1.text).toContain(term);
      expect(v2.text).toContain(term);
    }
    expect(v1.images).toHaveLength(3);
    const originals = await Promise.all((await ok('getPost', { id }, HQ)).images.map((i) => fetchBytes(i.url)));
    const bytes1 = await Promise.all(v1.images.map((i) => fetchBytes(i.url)));
    const bytes2 = await Promise.all(v2.images.map((i) => fetchBytes(i.url)));
    const hashes = new Set([...originals, ...bytes1, ...bytes2].map(md5));
    expect(hashes.size).toBe(9);
    // Guides of one store are staggered, not told to post at the same minute.
    expect(v1.suggestedAt).not.toBe(v2.suggestedAt);
  });

  it('answers the same variant to two openings at the same moment', async () => {
    const g = await cloud.makeGuide();
    const images = await uploadImages(cloud, 2);
    const id = await published({ images });
    const [x, y] = await Promise.all([
      ok('myVariant', { postId: id }, g.openid),
      ok('myVariant', { postId: id }, g.openid),
    ]);
    expect(x.text).toBe(y.text);
    expect(x.images.map((i) => i.fileID)).toEqual(y.images.map((i) => i.fileID));
  });

  it('keeps the original when variation is off', async () => {
    const g = await cloud.makeGuide();
    const images = await uploadImages(cloud, 1);
    const id = await published({ images, variation: { text: 'off', image: 'off' } });
    const v = await ok('myVariant', { postId: id }, g.openid);
    expect(v.text).toBe(SAMPLE_BODY);
    expect(v.images.map((i) => i.fileID)).toEqual(images);
  });

  it('hides drafts and other stores\u2019 posts from a guide', async () => {
    const a = await cloud.makeGuide();
    const other = await cloud.makeStore();
    const { id: draftId } = await draft();
    const elsewhere = await published({ storeIds: [other] });
    expect(await call('myVariant', { postId: draftId }, a.openid)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await call('myVariant', { postId: elsewhere }, a.openid)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await call('myVariant', { postId: 'pst_doesnotexist' }, a.openid)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('outcomes and stats', () => {
  it('records copied and saved once each and counts them in the stats', async () => {
    const store = await cloud.makeStore();
    const g1 = await cloud.makeGuide(store);
    const g2 = await cloud.makeGuide(store);
    await cloud.makeGuide(store);
    const id = await published({ storeIds: [store] });

    expect(await call('recordOutcome', { postId: id, outcome: 'copied' }, g1.openid)).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION' },
    });
    await ok('myVariant', { postId: id }, g1.openid);
    await ok('myVariant', { postId: id }, g2.openid);
    expect(await ok('recordOutcome', { postId: id, outcome: 'copied' }, g1.openid)).toEqual({
      postId: id,
      outcome: 'copied',
      first: true,
    });
    expect(await ok('recordOutcome', { postId: id, outcome: 'copied' }, g1.openid)).toMatchObject({ first: false });
    expect(await ok('recordOutcome', { postId: id, outcome: 'saved' }, g1.openid)).toMatchObject({ first: true });

    const stats = await ok('postStats', { id }, HQ);
    expect(stats).toMatchObject({ id, reached: 3, opened: 2, copied: 1, saved: 1 });
    expect(stats.stores).toEqual([
      expect.objectContaining({ storeId: store, reached: 3, opened: 2, copied: 1, saved: 1 }),
    ]);

    const again = await ok('myVariant', { postId: id }, g1.openid);
    expect(again).toMatchObject({ copied: true, saved: true });
    const item = (await ok('feed', {}, g1.openid)).posts.find((p) => p.id === id);
    expect(item).toMatchObject({ opened: true, copied: true, saved: true });
  });

  it('does not count a guide who has left as reached', async () => {
    const store = await cloud.makeStore();
    await cloud.makeGuide(store);
    const gone = await cloud.makeGuide(store);
    await cloud.deactivateGuide(gone.openid);
    const id = await published({ storeIds: [store] });
    expect((await ok('postStats', { id }, HQ)).reached).toBe(1);
  });
});

describe('variant preview', () => {
  it('shows three guides side by side with their changes and their image', async () => {
    const images = await uploadImages(cloud, 2);
    const { id } = await draft({ images, variation: { text: 'standard', image: 'standard' } });
    const preview = await ok('previewVariants', { id }, HQ);
    expect(preview.original).toBe(SAMPLE_BODY);
    expect(preview.variants.length).toBeGreaterThanOrEqual(3);
    expect(new Set(preview.variants.map((v) => v.text)).size).toBe(preview.variants.length);
    for (const v of preview.variants) {
      expect(v.changes.length).toBeGreaterThan(0);
      expect(v.image?.url).toBeTruthy();
    }
    const hashes = await Promise.all(preview.variants.map(async (v) => md5(await fetchBytes(v.image!.url))));
    expect(new Set(hashes).size).toBe(preview.variants.length);
    // Previewing stores nothing a guide would see.
    expect(cloud.cloud.engine.findDocs('post_variants', { postId: id })).toHaveLength(0);
  });

  it('previews the variant a real guide will get', async () => {
    const g = await cloud.makeGuide();
    const others = [newOpenid('o_x'), newOpenid('o_y')];
    const id = await published();
    const preview = await ok('previewVariants', { id, guides: [g.openid, ...others] }, HQ);
    const mine = await ok('myVariant', { postId: id }, g.openid);
    expect(preview.variants[0]?.text).toBe(mine.text);
  });
});

describe('who may call what', () => {
  const HQ_ONLY: ActionOf<'content'>[] = [
    'savePost',
    'publishPost',
    'archivePost',
    'listPosts',
    'getPost',
    'checkImages',
    'previewVariants',
    'postStats',
    'notices',
    'readNotices',
  ];
  const GUIDE_ONLY: ActionOf<'content'>[] = ['feed', 'myVariant', 'recordOutcome'];

  it('refuses every action to the wrong role and to a caller without openid', async () => {
    const guide = await cloud.makeGuide();
    const customer = await cloud.makeMember();
    const visitor = newOpenid('o_v');
    const before = cloud.snapshot();
    const event = { id: 'pst_aaaaaaaaaaaa', postId: 'pst_aaaaaaaaaaaa', title: 't', body: 'b', outcome: 'copied' };
    for (const action of HQ_ONLY) {
      for (const who of [guide.openid, customer.openid, visitor]) {
        const reply = await cloud.callRaw('content', { action, ...pick(action, event) }, who);
        expect({ action, who, reply }).toMatchObject({ reply: { ok: false, error: { code: 'PERMISSION_DENIED' } } });
      }
    }
    for (const action of GUIDE_ONLY) {
      for (const who of [HQ, customer.openid, visitor]) {
        const reply = await cloud.callRaw('content', { action, ...pick(action, event) }, who);
        expect({ action, who, reply }).toMatchObject({ reply: { ok: false, error: { code: 'PERMISSION_DENIED' } } });
      }
    }
    for (const action of [...HQ_ONLY, ...GUIDE_ONLY]) {
      expect(await cloud.callRaw('content', { action }, undefined)).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED' },
      });
    }
    expect(cloud.snapshot()).toBe(before);
  });

  it('refuses a deactivated guide', async () => {
    const g = await cloud.makeGuide();
    await cloud.deactivateGuide(g.openid);
    expect(await call('feed', {}, g.openid)).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
  });
});

function pick(action: string, event: Record<string, unknown>): Record<string, unknown> {
  switch (action) {
    case 'savePost':
      return { title: event.title, body: event.body };
    case 'listPosts':
    case 'feed':
    case 'notices':
      return {};
    case 'readNotices':
      return { ids: [`withdrawn:${String(event.id)}`] };
    case 'myVariant':
      return { postId: event.postId };
    case 'recordOutcome':
      return { postId: event.postId, outcome: event.outcome };
    case 'checkImages':
      return { images: ['cloud://env.b/posts/a.jpg'] };
    default:
      return { id: event.id };
  }
}

describe('bad inputs leave the database unchanged', () => {
  const cases: [string, Record<string, unknown>][] = [
    [
      'ten images',
      {
        action: 'savePost',
        title: 't',
        body: 'b',
        images: Array.from({ length: 10 }, (_, i) => `cloud://env.b/p/${i}.jpg`),
      },
    ],
    [
      'an image that is not a fileID',
      { action: 'savePost', title: 't', body: 'b', images: ['http://evil.example/x.jpg'] },
    ],
    ['an empty title', { action: 'savePost', title: '   ', body: 'b' }],
    ['a body over the limit', { action: 'savePost', title: 't', body: '长'.repeat(2001) }],
    ['an unknown strength', { action: 'savePost', title: 't', body: 'b', variation: { text: 'wild', image: 'off' } }],
    ['an unknown field', { action: 'savePost', title: 't', body: 'b', author: 'x' }],
    ['an operator as a value', { action: 'savePost', title: { $ne: '' }, body: 'b' }],
    ['an operator as an id', { action: 'getPost', id: { $exists: true } }],
    ['a malformed post id', { action: 'publishPost', id: 'posts/../x' }],
    ['a fractional schedule time', { action: 'publishPost', id: 'pst_aaaaaaaaaaaa', publishAt: 1.5 }],
    ['a non-id target store', { action: 'savePost', title: 't', body: 'b', storeIds: ['all'] }],
    ['an invisible character in the title', { action: 'savePost', title: 'a\u202eb', body: 'b' }],
    [
      'an image that names no file',
      { action: 'savePost', title: 't', body: 'b', images: ['cloud://env.b/p/none.jpg'] },
    ],
    ['no images to check', { action: 'checkImages', images: [] }],
    ['an image to check that is not a fileID', { action: 'checkImages', images: ['http://evil.example/x.jpg'] }],
    ['an image to check that names no file', { action: 'checkImages', images: ['cloud://env.b/p/none.jpg'] }],
    [
      'ten images to check',
      { action: 'checkImages', images: Array.from({ length: 10 }, (_, i) => `cloud://env.b/p/${i}.jpg`) },
    ],
    ['no notices to mark read', { action: 'readNotices', ids: [] }],
    ['a notice id of another form', { action: 'readNotices', ids: ['pst_aaaaaaaaaaaa'] }],
    ['an operator as a notice id', { action: 'readNotices', ids: [{ $exists: true }] }],
    [
      'more notices than the list shows',
      { action: 'readNotices', ids: Array.from({ length: 51 }, (_, i) => `withdrawn:pst_aaaaaaaaa${100 + i}`) },
    ],
    ['an unknown field in the notice list', { action: 'notices', unread: true }],
  ];
  it.each(cases)('rejects %s as INVALID_ARGUMENT', async (_name, event) => {
    const before = cloud.snapshot();
    const reply = await cloud.callRaw('content', event, HQ);
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    if (!reply.ok) expect(reply.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(cloud.snapshot()).toBe(before);
  });

  it('rejects a guide outcome that is not copied or saved', async () => {
    const g = await cloud.makeGuide();
    const before = cloud.snapshot();
    expect(
      await cloud.callRaw(
        'content',
        { action: 'recordOutcome', postId: 'pst_aaaaaaaaaaaa', outcome: 'shared' },
        g.openid,
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(cloud.snapshot()).toBe(before);
  });
});
