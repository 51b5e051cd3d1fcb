/**
 * Post images through WeChat's image check (security.mediaCheckAsync) in the local cloud: each new
 * image is submitted when the post is saved, the verdict is pushed to the content function as a
 * `wxa_media_check` message event, a refused image is quarantined (moved out of the post's path)
 * and blocks publishing with its place named; a pending one blocks until its verdict lands; an
 * unreachable check refuses in strict mode and publishes `unchecked` in lenient mode.
 */
import type { Reply } from '@core/errors';
import { makeMarkedImage } from '../fixtures/media-check';
import { withMediaCheckDown } from '../support/check-down';
import { dataOf, TEST_HQ, useLocalCloud, type TestCloud } from '../support/local-cloud';
import { filesOf, NO_RUNNERS, SAMPLE_BODY, uploadImages } from './content-helpers';

jest.setTimeout(90_000);

const strict = useLocalCloud({ functionEnv: NO_RUNNERS }, 120_000);
const lenient = useLocalCloud({ functionEnv: { ...NO_RUNNERS, SIYU_CONTENT_SECURITY: 'lenient' } }, 120_000);
const MESSAGE_PUSH = { source: 'wx_msgpush', openid: '', unionid: '' };

const cloudPathOf = (fileID: string) => fileID.replace(/^cloud:\/\/[^/]+\//, '');

async function marked(cloud: TestCloud, verdict: 'risky' | 'review'): Promise<string> {
  return cloud.upload(
    `posts/test/${Date.now()}-${Math.random().toString(36).slice(2, 8)}.jpg`,
    await makeMarkedImage(verdict),
  );
}

function draftOn(cloud: TestCloud, images: string[]) {
  return cloud.client('content').ok('savePost', { title: '春日焕新', body: SAMPLE_BODY, images }, TEST_HQ);
}

function checksOf(cloud: TestCloud) {
  return cloud.cloud.engine.findDocs('media_checks');
}

/** Delivers a message event to content as the platform's message push does. */
async function push(cloud: TestCloud, event: Record<string, unknown>): Promise<Reply<{ recorded: boolean }>> {
  return (await cloud.cloud.runtime.invoke('content', event, MESSAGE_PUSH)) as Reply<{ recorded: boolean }>;
}

function verdictEvent(traceId: string, suggest: 'pass' | 'risky' | 'review', label = '20002') {
  return {
    ToUserName: 'gh_local',
    FromUserName: 'o_wx_media_check',
    CreateTime: 1_700_000_000,
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid: 'wx_local',
    trace_id: traceId,
    version: 2,
    result: { suggest, label },
    detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: 90 }],
  };
}

describe('image check: pass and refusal', () => {
  it('submits each new image once at saving; the pushed pass lets the post publish', async () => {
    const { ok } = strict.client('content');
    const images = await uploadImages(strict, 2);
    const { id } = await draftOn(strict, images);
    const post = await ok('getPost', { id }, TEST_HQ);
    expect(post.imageChecks.map((c) => c.status)).toEqual(['pass', 'pass']);
    const traces = checksOf(strict).map((d) => d.traceId);
    // Saving again with the same images submits nothing new.
    await ok('savePost', { id, title: '春日焕新', body: SAMPLE_BODY, images }, TEST_HQ);
    expect(checksOf(strict).map((d) => d.traceId)).toEqual(traces);
    expect(await ok('publishPost', { id }, TEST_HQ)).toEqual({ id, status: 'published' });
  });

  it('quarantines a refused image, names it, and refuses to publish or preview it, writing nothing', async () => {
    const { ok, call } = strict.client('content');
    const [clean] = await uploadImages(strict, 1);
    const bad = await marked(strict, 'risky');
    const { id } = await draftOn(strict, [clean!, clean!, bad]);
    const post = await ok('getPost', { id }, TEST_HQ);
    expect(post.imageChecks[2]).toMatchObject({ fileID: bad, status: 'risky', reason: expect.stringMatching(/色情/) });
    // Moved: the post's path is empty, the copy sits under quarantine/ and no URL reaches it.
    const files = filesOf(strict);
    expect(files.has(cloudPathOf(bad))).toBe(false);
    expect([...files].filter((f) => f.startsWith('quarantine/'))).toHaveLength(1);
    expect(post.images[2]).toEqual({ fileID: bad, url: '' });

    const before = strict.snapshot();
    const reply = await call('publishPost', { id }, TEST_HQ);
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION', details: { reason: 'media_security', image: 2 } },
    });
    if (!reply.ok) expect(reply.error.message).toMatch(/^第 3 张图片未通过内容安全检测：疑似色情内容/);
    const preview = await call('previewVariants', { id, imageIndex: 2 }, TEST_HQ);
    expect(preview).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
    expect(strict.snapshot()).toBe(before);
    expect((await ok('getPost', { id }, TEST_HQ)).status).toBe('draft');
  });

  it('treats an image held for review like a refused one', async () => {
    const review = await marked(strict, 'review');
    const { id } = await draftOn(strict, [review]);
    const reply = await strict.client('content').call('publishPost', { id }, TEST_HQ);
    expect(reply).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
    if (!reply.ok) expect(reply.error.message).toMatch(/^第 1 张图片未通过内容安全检测：需人工复核/);
  });

  it('answers checkImages right after an upload: pending first, then the verdict', async () => {
    const { ok } = strict.client('content');
    const bad = await marked(strict, 'risky');
    strict.cloud.mediaCheck.hold();
    try {
      expect((await ok('checkImages', { images: [bad] }, TEST_HQ)).checks).toEqual([
        { fileID: bad, status: 'pending' },
      ]);
      // Polling does not submit again.
      expect((await ok('checkImages', { images: [bad] }, TEST_HQ)).checks[0]?.status).toBe('pending');
      expect(checksOf(strict).filter((d) => d.fileId === bad)).toHaveLength(1);
    } finally {
      strict.cloud.mediaCheck.release();
    }
    expect((await ok('checkImages', { images: [bad] }, TEST_HQ)).checks[0]).toMatchObject({ status: 'risky' });
  });
});

describe('image check: pending and unreachable', () => {
  it('blocks publishing while an image is being checked, then publishes once it passed', async () => {
    const { ok, call } = strict.client('content');
    const images = await uploadImages(strict, 1);
    strict.cloud.mediaCheck.hold();
    let id: string;
    try {
      ({ id } = await draftOn(strict, images));
      const before = strict.snapshot();
      const reply = await call('publishPost', { id }, TEST_HQ);
      expect(reply).toMatchObject({
        ok: false,
        error: { code: 'FAILED_PRECONDITION', message: '图片安全检测中，请稍候再发布' },
      });
      expect(strict.snapshot()).toBe(before);
    } finally {
      strict.cloud.mediaCheck.release();
    }
    expect(await ok('publishPost', { id }, TEST_HQ)).toEqual({ id, status: 'published' });
  });

  it('strict: an unreachable check leaves the image unchecked and refuses to publish', async () => {
    const images = await uploadImages(strict, 1);
    const { id } = await withMediaCheckDown(strict, () => draftOn(strict, images));
    expect((await strict.client('content').ok('getPost', { id }, TEST_HQ)).imageChecks[0]?.status).toBe('unchecked');
    const before = strict.snapshot();
    const reply = await withMediaCheckDown(strict, () => strict.client('content').call('publishPost', { id }, TEST_HQ));
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION', details: { reason: 'security_unavailable' } },
    });
    expect(strict.snapshot()).toBe(before);
    // Back up: publishing submits it again, and the verdict lets it out.
    const again = await strict.client('content').call('publishPost', { id }, TEST_HQ);
    expect(again).toMatchObject({ ok: false, error: { message: '图片安全检测中，请稍候再发布' } });
    expect(await strict.client('content').ok('publishPost', { id }, TEST_HQ)).toEqual({ id, status: 'published' });
  });

  it('lenient: publishes with the image unchecked', async () => {
    const { ok } = lenient.client('content');
    const images = await uploadImages(lenient, 1);
    const { id } = await withMediaCheckDown(lenient, () => draftOn(lenient, images));
    const published = await withMediaCheckDown(lenient, () => ok('publishPost', { id }, TEST_HQ));
    expect(published).toEqual({ id, status: 'published' });
    expect((await ok('getPost', { id }, TEST_HQ)).imageChecks[0]?.status).toBe('unchecked');
  });

  it('lenient: an image refused after publishing is quarantined and the post withdrawn, no variant made', async () => {
    const { ok, call } = lenient.client('content');
    const guide = await lenient.makeGuide(await lenient.makeStore());
    const bad = await marked(lenient, 'risky');
    const { id } = await withMediaCheckDown(lenient, async () => {
      const draft = await draftOn(lenient, [bad]);
      await ok('publishPost', { id: draft.id }, TEST_HQ);
      return draft;
    });
    // The check is back: submitting the unchecked image again brings the refusal.
    expect((await ok('checkImages', { images: [bad] }, TEST_HQ)).checks[0]?.status).toBe('pending');
    await lenient.cloud.mediaCheck.idle();
    expect(filesOf(lenient).has(cloudPathOf(bad))).toBe(false);
    expect(lenient.cloud.engine.findDocs('posts').find((p) => p._id === id)).toMatchObject({
      status: 'withdrawn',
      mediaBlockedAt: expect.any(Number),
    });
    const reply = await call('myVariant', { postId: id }, guide.openid);
    expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(lenient.cloud.engine.findDocs('hq_notices').filter((n) => n.postId === id)).toHaveLength(1);
    expect(lenient.cloud.engine.findDocs('post_variants').filter((v) => v.postId === id)).toHaveLength(0);
  });

  it('publishDue keeps a scheduled post back while an image is pending, and takes it back to a draft with a notice once refused', async () => {
    const { ok } = lenient.client('content');
    const bad = await marked(lenient, 'risky');
    const { id } = await withMediaCheckDown(lenient, () => draftOn(lenient, [bad]));
    const publishAt = Date.now() + 120_000;
    await withMediaCheckDown(lenient, () => ok('publishPost', { id, publishAt }, TEST_HQ));
    const fire = async () => {
      const firing = await lenient.cloud.timers.fire('content', 'publishDue', publishAt + 1000);
      if (!firing.ok) throw new Error(firing.error);
      return dataOf(firing.result as Reply<{ published: string[] }>).published;
    };
    lenient.cloud.mediaCheck.hold();
    try {
      expect(await fire()).not.toContain(id);
    } finally {
      lenient.cloud.mediaCheck.release();
    }
    expect((await ok('getPost', { id }, TEST_HQ)).status).toBe('scheduled');
    await lenient.cloud.mediaCheck.idle();
    expect(await fire()).not.toContain(id);
    const post = await ok('getPost', { id }, TEST_HQ);
    expect(post.status).toBe('draft');
    expect(post.imageChecks[0]?.status).toBe('risky');
    const { notices } = await ok('notices', {}, TEST_HQ);
    expect(notices.filter((n) => n.postId === id)).toEqual([
      expect.objectContaining({
        id: `held:${id}`,
        kind: 'held',
        read: false,
        reason: expect.stringMatching(/^第 1 张图片未通过内容安全检测/),
      }),
    ]);
    // The next firings find nothing due: no second notice, nothing else written.
    const before = lenient.snapshot();
    expect(await fire()).not.toContain(id);
    expect(lenient.snapshot()).toBe(before);
  });
});

describe('the pushed verdict', () => {
  it('is idempotent when replayed, and a later push for the same trace changes nothing', async () => {
    const bad = await marked(strict, 'risky');
    await draftOn(strict, [bad]);
    await strict.cloud.mediaCheck.idle();
    const doc = checksOf(strict).find((d) => d.fileId === bad);
    const traceId = String(doc?.traceId);
    const before = strict.snapshot();
    expect(await push(strict, verdictEvent(traceId, 'risky'))).toEqual({ ok: true, data: { recorded: false } });
    expect(await push(strict, verdictEvent(traceId, 'pass', '100'))).toEqual({ ok: true, data: { recorded: false } });
    expect(strict.snapshot()).toBe(before);
    expect([...filesOf(strict)].filter((f) => f.includes(String(doc?._id)))).toHaveLength(1);
  });

  it('ignores an unknown trace id', async () => {
    const before = strict.snapshot();
    expect(await push(strict, verdictEvent('trace-that-is-not-ours', 'risky'))).toEqual({
      ok: true,
      data: { recorded: false },
    });
    expect(strict.snapshot()).toBe(before);
  });

  it('cannot be sent by a user or another function', async () => {
    const images = await uploadImages(strict, 1);
    strict.cloud.mediaCheck.hold();
    try {
      await draftOn(strict, images);
      const traceId = String(checksOf(strict).find((d) => d.fileId === images[0])?.traceId);
      const before = strict.snapshot();
      const forged = verdictEvent(traceId, 'pass', '100');
      expect(await strict.callRaw('content', forged, TEST_HQ)).toMatchObject({
        ok: false,
        error: { code: 'PERMISSION_DENIED' },
      });
      for (const source of ['wx_client', 'wx_client,scf']) {
        const reply = await strict.cloud.runtime.invoke('content', forged, { source, openid: '' });
        expect(reply).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
      }
      expect(strict.snapshot()).toBe(before);
    } finally {
      strict.cloud.mediaCheck.release();
    }
  });
});
