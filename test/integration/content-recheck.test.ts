/**
 * Posts published unchecked in lenient mode (the check was down) are checked again by the
 * recheckPosts timer: a text that now passes is marked checked; one refused, or an image refused
 * afterwards, withdraws the post (out of the guides' feed and the reader page) with one notice to
 * HQ; a check still down leaves the post for the next firing; firing again changes nothing.
 */
import type { Reply } from '@core/errors';
import { makeMarkedImage } from '../fixtures/media-check';
import { withCheckDown, withMediaCheckDown } from '../support/check-down';
import { dataOf, TEST_HQ, useLocalCloud } from '../support/local-cloud';
import { NO_RUNNERS, SAMPLE_BODY } from './content-helpers';

jest.setTimeout(90_000);

const cloud = useLocalCloud({ functionEnv: { ...NO_RUNNERS, SIYU_CONTENT_SECURITY: 'lenient' } }, 120_000);
const content = () => cloud.client('content');

/** A sensitive word of the local check (host/openapi/sensitive-words.ts): refused as advertising. */
const REFUSED_WORD = '刷单';

/** What a recheckPosts firing answers. */
interface RecheckResult {
  passed: string[];
  withdrawn: string[];
  resubmitted: number;
  unreachable: boolean;
}

async function fire(): Promise<RecheckResult> {
  const firing = await cloud.cloud.timers.fire('content', 'recheckPosts');
  if (!firing.ok) throw new Error(firing.error);
  return dataOf(firing.result as Reply<RecheckResult>);
}

/** Saves and publishes with the text check down: the post goes out unchecked. */
async function publishUnchecked(body: string, images: string[] = []): Promise<string> {
  const { ok } = content();
  return withCheckDown(cloud, async () => {
    const { id } = await ok('savePost', { title: '春日焕新', body, images }, TEST_HQ);
    expect(await ok('publishPost', { id }, TEST_HQ)).toEqual({ id, status: 'published' });
    return id;
  });
}

const postDoc = (id: string) => cloud.cloud.engine.findDocs('posts').find((p) => p._id === id);
const noticesOf = (id: string) => cloud.cloud.engine.findDocs('hq_notices').filter((n) => n.postId === id);

async function feedIds(guide: string): Promise<string[]> {
  return (await content().ok('feed', {}, guide)).posts.map((p) => p.id);
}

describe('recheckPosts', () => {
  it('withdraws a post whose text is refused once the check is back, with one notice, once', async () => {
    const guide = await cloud.makeGuide(await cloud.makeStore());
    const id = await publishUnchecked(`${SAMPLE_BODY}\n兼职${REFUSED_WORD}，月入过万`);
    expect(postDoc(id)?.security).toMatchObject({ suggest: 'pass', unchecked: true });
    expect(await feedIds(guide.openid)).toContain(id);
    const { shareToken } = await cloud.client('insight').ok('shareLink', { postId: id }, guide.openid);
    const reader = await cloud.client('insight').call('recordVisit', { shareToken }, 'o_reader_recheck');
    expect(reader).toMatchObject({ ok: true, data: { post: { id } } });

    const result = await fire();
    expect(result.withdrawn).toEqual([id]);
    const post = postDoc(id);
    expect(post).toMatchObject({ status: 'withdrawn', withdrawnReason: expect.stringMatching(/^未通过内容安全检测/) });
    expect(post?.security).toMatchObject({ suggest: 'risky' });
    expect(post?.security).not.toHaveProperty('unchecked');
    expect(noticesOf(id)).toEqual([
      expect.objectContaining({
        _id: `withdrawn:${id}`,
        title: '春日焕新',
        reason: expect.stringContaining(REFUSED_WORD),
        createdAt: expect.any(Number),
      }),
    ]);
    expect(await feedIds(guide.openid)).not.toContain(id);
    const variant = await content().call('myVariant', { postId: id }, guide.openid);
    expect(variant).toMatchObject({ ok: false });
    // The reader page of a share made before answers as for any post no longer online.
    const visit = await cloud.client('insight').call('recordVisit', { shareToken }, 'o_reader_recheck');
    expect(visit).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '这篇内容不存在或已下线' } });
    // Nor can it be edited or published again.
    const again = await content().call('publishPost', { id }, TEST_HQ);
    expect(again).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });

    const before = cloud.snapshot();
    expect((await fire()).withdrawn).toEqual([]);
    expect(cloud.snapshot()).toBe(before);

    // HQ reads it in the notice list, newest first, unread until marked.
    const listed = await content().ok('notices', {}, TEST_HQ);
    const notice = listed.notices.find((n) => n.postId === id);
    expect(notice).toEqual({
      id: `withdrawn:${id}`,
      kind: 'withdrawn',
      postId: id,
      title: '春日焕新',
      reason: post?.withdrawnReason,
      createdAt: post?.withdrawnAt,
      read: false,
    });
    const times = listed.notices.map((n) => n.createdAt);
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(listed.unread).toBe(listed.notices.filter((n) => !n.read).length);
    expect(await content().ok('readNotices', { ids: [`withdrawn:${id}`] }, TEST_HQ)).toEqual({ read: 1 });
    expect(await content().ok('readNotices', { ids: [`withdrawn:${id}`] }, TEST_HQ)).toEqual({ read: 0 });
    const after = await content().ok('notices', {}, TEST_HQ);
    expect(after.notices.find((n) => n.postId === id)?.read).toBe(true);
    expect(after.unread).toBe(listed.unread - 1);
  });

  it('marks a text that passes as checked and leaves the post published', async () => {
    const guide = await cloud.makeGuide(await cloud.makeStore());
    const id = await publishUnchecked(SAMPLE_BODY);
    const result = await fire();
    expect(result.passed).toContain(id);
    const post = postDoc(id);
    expect(post?.status).toBe('published');
    expect(post?.security).toMatchObject({ suggest: 'pass' });
    expect(post?.security).not.toHaveProperty('unchecked');
    expect(noticesOf(id)).toEqual([]);
    expect(await feedIds(guide.openid)).toContain(id);
    expect((await fire()).passed).not.toContain(id);
  });

  it('leaves the post as it is while the check is still down, and checks it when it is back', async () => {
    const id = await publishUnchecked(`${SAMPLE_BODY}\n${REFUSED_WORD}`);
    const before = cloud.snapshot();
    const result = await withCheckDown(cloud, fire);
    expect(result).toMatchObject({ unreachable: true, withdrawn: [] });
    expect(cloud.snapshot()).toBe(before);
    expect(postDoc(id)?.security).toMatchObject({ unchecked: true });
    // Back up, and two firings overlap: the post is withdrawn once, with one notice.
    const [a, b] = await Promise.all([fire(), fire()]);
    expect([...a.withdrawn, ...b.withdrawn]).toEqual([id]);
    expect(noticesOf(id)).toHaveLength(1);
  });

  it('withdraws a post whose image, published unchecked, is refused when submitted again', async () => {
    const { ok } = content();
    const guide = await cloud.makeGuide(await cloud.makeStore());
    const bad = await cloud.upload(`posts/test/${Date.now()}-recheck.jpg`, await makeMarkedImage('risky'));
    const id = await withMediaCheckDown(cloud, async () => {
      const { id: draft } = await ok('savePost', { title: '春日焕新', body: SAMPLE_BODY, images: [bad] }, TEST_HQ);
      await ok('publishPost', { id: draft }, TEST_HQ);
      return draft;
    });
    expect(postDoc(id)?.status).toBe('published');
    expect(await feedIds(guide.openid)).toContain(id);
    // The firing submits the image again; its refusal arrives as a push, which withdraws the post.
    expect((await fire()).resubmitted).toBe(1);
    await cloud.cloud.mediaCheck.idle();
    expect(postDoc(id)).toMatchObject({
      status: 'withdrawn',
      withdrawnReason: expect.stringMatching(/^第 1 张图片未通过内容安全检测：疑似色情内容/),
    });
    expect(noticesOf(id)).toHaveLength(1);
    expect(await feedIds(guide.openid)).not.toContain(id);
    const before = cloud.snapshot();
    expect(await fire()).toMatchObject({ withdrawn: [], resubmitted: 0 });
    expect(cloud.snapshot()).toBe(before);
  });

  it('withdraws a post the push marked blocked but died before withdrawing', async () => {
    const { ok } = content();
    const bad = await cloud.upload(`posts/test/${Date.now()}-died.jpg`, await makeMarkedImage('risky'));
    const id = await withMediaCheckDown(cloud, async () => {
      const { id: draft } = await ok('savePost', { title: '春日焕新', body: SAMPLE_BODY, images: [bad] }, TEST_HQ);
      await ok('publishPost', { id: draft }, TEST_HQ);
      return draft;
    });
    await fire();
    await cloud.cloud.mediaCheck.idle();
    const withdrawn = postDoc(id)!;
    // The same post as the push left it had it died after marking: published, blocked, no notice.
    const { withdrawnAt: _a, withdrawnReason: _r, ...rest } = withdrawn;
    const copy = `${id}_died`;
    cloud.cloud.engine.insertDoc('posts', { ...rest, _id: copy, status: 'published' });
    expect(postDoc(copy)).toMatchObject({ status: 'published', mediaBlockedAt: expect.any(Number) });
    expect(noticesOf(copy)).toEqual([]);
    expect((await fire()).withdrawn).toEqual([copy]);
    expect(postDoc(copy)).toMatchObject({
      status: 'withdrawn',
      withdrawnReason: expect.stringMatching(/^第 1 张图片/),
    });
    expect(noticesOf(copy)).toHaveLength(1);
  });
});
