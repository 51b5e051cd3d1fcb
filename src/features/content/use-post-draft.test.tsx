import { act, renderHook, waitFor } from '@testing-library/react';
import { __resetTaroMock } from '../../../test/mocks/taro';
import { BridgeFailure, installFakeBridge } from '../../../test/mocks/fake-bridge';
import { writeDevOpenid } from '@/lib/cloud/dev-identity';
import { NEW_DRAFT, type Draft } from './post-draft';
import { usePostDraft, type PostDraft } from './use-post-draft';

const POST = 'pst_abcdefgh12345678';
const NOW = Date.UTC(2026, 2, 8, 2, 0);

const SAVED_POST = {
  id: POST,
  title: '春日焕新',
  status: 'draft',
  imageCount: 1,
  storeIds: ['sto_shanghai1'],
  updatedAt: NOW,
  body: '【山茶生活】玫瑰精华水会员价 ¥199',
  images: [{ fileID: 'cloud://env.b/posts/a.jpg', url: 'http://cloud/a.jpg' }],
  protectTerms: ['玫瑰精华水'],
  variation: { text: 'standard', image: 'subtle' },
  createdAt: NOW,
  rev: 2,
  tags: ['护肤'],
  imageChecks: [{ fileID: 'cloud://env.b/posts/a.jpg', status: 'pass', checkedAt: NOW }],
};

beforeEach(() => {
  __resetTaroMock();
  window.localStorage.clear();
  writeDevOpenid('o_demo_hq');
});

async function openDraft(postId?: string) {
  const hook = renderHook(() => usePostDraft(postId, () => NOW));
  await waitFor(() => expect(hook.result.current.state.status).not.toBe('loading'));
  return hook;
}

function draftOf(post: PostDraft): Draft {
  if (post.state.status !== 'ready') throw new Error(`the draft is ${post.state.status}`);
  return post.state.data;
}

const written = { title: '春日焕新', body: '店里有新消息啦' };

describe('usePostDraft', () => {
  it('starts a new post empty and checks it before sending anything', async () => {
    const { calls } = installFakeBridge({});
    const { result } = await openDraft();
    expect(draftOf(result.current)).toEqual(NEW_DRAFT);

    let saved: string | null = 'not called';
    await act(async () => {
      saved = await result.current.save();
    });
    expect(saved).toBeNull();
    expect(result.current.error?.kind).toBe('missing-title');
    expect(result.current.error?.message).toBe('请填写标题');
    act(() => result.current.edit({ title: '春日焕新' }));
    expect(result.current.validate()?.kind).toBe('missing-body');
    expect(calls).toHaveLength(0);
  });

  it('loads a saved draft with its tags and saves post and tags in one call', async () => {
    const { calls } = installFakeBridge({
      'content.getPost': () => SAVED_POST,
      'content.savePost': (input) => ({ id: (input.id as string | undefined) ?? POST, rev: 3 }),
    });
    const { result } = await openDraft(POST);
    expect(draftOf(result.current)).toMatchObject({ id: POST, tags: ['护肤'], textStrength: 'standard' });

    act(() => result.current.edit((d) => ({ ...d, tags: [...d.tags, '茶饮'] })));
    let id: string | null = null;
    await act(async () => {
      id = await result.current.save();
    });
    expect(id).toBe(POST);
    const saves = calls.filter((c) => c.action === 'savePost');
    expect(saves).toHaveLength(1);
    expect(saves[0]!.input).toEqual({
      id: POST,
      title: SAVED_POST.title,
      body: SAVED_POST.body,
      images: ['cloud://env.b/posts/a.jpg'],
      protectTerms: ['玫瑰精华水'],
      variation: { text: 'standard', image: 'subtle' },
      storeIds: ['sto_shanghai1'],
      tags: ['护肤', '茶饮'],
    });
    // Tags travel with the post: nothing else is written.
    expect(calls.filter((c) => c.fn !== 'content')).toEqual([]);
  });

  it('keeps the id of a new post after its first save, so the next save updates it', async () => {
    const { calls } = installFakeBridge({ 'content.savePost': () => ({ id: POST, rev: 1 }) });
    const { result } = await openDraft();
    act(() => result.current.edit(written));
    await act(async () => void (await result.current.save()));
    await act(async () => void (await result.current.save()));
    const ids = calls.filter((c) => c.action === 'savePost').map((c) => c.input.id);
    expect(ids).toEqual([undefined, POST]);
  });

  it('refuses to open a published post as a draft', async () => {
    installFakeBridge({ 'content.getPost': () => ({ ...SAVED_POST, status: 'published' }) });
    const { result } = await openDraft(POST);
    expect(result.current.state).toMatchObject({ status: 'error', message: '已发布或已归档的素材不能修改' });
  });

  it('waits for uploads and refuses images that failed to upload', async () => {
    const { calls } = installFakeBridge({});
    const { result } = await openDraft();
    act(() => result.current.edit({ ...written, images: [{ key: 'k1', preview: 'blob:1', progress: 0.4 }] }));
    await act(async () => void (await result.current.save()));
    expect(result.current.error?.kind).toBe('uploading');

    act(() => result.current.edit({ images: [{ key: 'k1', preview: 'blob:1', progress: 0.4, failed: true }] }));
    await act(async () => void (await result.current.publish()));
    expect(result.current.error).toMatchObject({
      kind: 'upload-failed',
      message: '1 张图片上传失败，请移除后重新添加',
    });
    expect(calls).toHaveLength(0);
  });

  it('saves then publishes, and hands back what the server decided', async () => {
    const { calls } = installFakeBridge({
      'content.savePost': () => ({ id: POST, rev: 1 }),
      'content.publishPost': (input) => ({ id: input.id, status: 'published' }),
    });
    const { result } = await openDraft();
    act(() => result.current.edit(written));
    let outcome: unknown;
    await act(async () => {
      outcome = await result.current.publish();
    });
    expect(outcome).toEqual({ id: POST, status: 'published' });
    expect(calls.map((c) => c.action)).toEqual(['savePost', 'publishPost']);
    expect(result.current.error).toBeNull();
    expect(result.current.busy).toBeNull();
  });

  it("gives a refusal from the cloud as a typed error with the server's message", async () => {
    installFakeBridge({
      'content.savePost': () => ({ id: POST, rev: 1 }),
      'content.publishPost': () => {
        throw new BridgeFailure('FAILED_PRECONDITION', '未通过内容安全检测：含有违规内容（刷单）');
      },
    });
    const { result } = await openDraft();
    act(() => result.current.edit(written));
    await act(async () => void (await result.current.publish()));
    expect(result.current.error).toMatchObject({
      kind: 'cloud',
      code: 'FAILED_PRECONDITION',
      message: '未通过内容安全检测：含有违规内容（刷单）',
    });
  });

  it('schedules only for a time still ahead', async () => {
    const { calls } = installFakeBridge({
      'content.savePost': () => ({ id: POST, rev: 1 }),
      'content.publishPost': (input) => ({ id: input.id, status: 'scheduled', publishAt: input.publishAt }),
    });
    const { result } = await openDraft();
    act(() => result.current.edit(written));
    await act(async () => void (await result.current.publish(NOW - 60_000)));
    expect(result.current.error?.kind).toBe('past-time');
    await act(async () => void (await result.current.publish(Number.NaN)));
    expect(result.current.error?.kind).toBe('invalid-time');
    expect(calls).toHaveLength(0);

    await act(async () => void (await result.current.publish(NOW + 3600_000)));
    expect(calls.find((c) => c.action === 'publishPost')?.input).toEqual({ id: POST, publishAt: NOW + 3600_000 });
    expect(result.current.error).toBeNull();
  });

  it('runs one action at a time: a second tap while saving sends nothing', async () => {
    let release: () => void = () => undefined;
    const { calls } = installFakeBridge({
      'content.savePost': () => new Promise((resolve) => (release = () => resolve({ id: POST, rev: 1 }))),
    });
    const { result } = await openDraft();
    act(() => result.current.edit(written));
    let first: Promise<string | null> = Promise.resolve(null);
    let second: string | null = 'not called';
    await act(async () => {
      first = result.current.save();
      second = await result.current.save('preview');
    });
    expect(result.current.busy).toBe('save');
    expect(second).toBeNull();
    await act(async () => {
      release();
      await first;
    });
    expect(calls.filter((c) => c.action === 'savePost')).toHaveLength(1);
    expect(result.current.busy).toBeNull();
  });
});
