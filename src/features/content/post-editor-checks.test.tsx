import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { __resetTaroMock, __setRouterParams } from '../../../test/mocks/taro';
import { installFakeBridge } from '../../../test/mocks/fake-bridge';
import { writeDevOpenid } from '@/lib/cloud/dev-identity';
import { PostEditor } from './post-editor';
import { CHECK_POLL_MS } from './use-image-checks';

const POST = 'pst_abcdefgh12345678';
const file = (i: number) => `cloud://env.b/posts/${i}.jpg`;
const REASON = '疑似色情内容';

/** A saved draft of three images: the first passed, the second still being checked, the third refused. */
function savedPost() {
  return {
    id: POST,
    title: '春日焕新',
    status: 'draft',
    imageCount: 3,
    storeIds: [],
    updatedAt: 1,
    body: '玫瑰精华水会员价 ¥199',
    images: [1, 2, 3].map((i) => ({ fileID: file(i), url: `http://cloud/${i}.jpg` })),
    protectTerms: [],
    variation: { text: 'subtle', image: 'subtle' },
    createdAt: 1,
    rev: 1,
    tags: [],
    imageChecks: [
      { fileID: file(1), status: 'pass', checkedAt: 1 },
      { fileID: file(2), status: 'pending' },
      { fileID: file(3), status: 'risky', reason: REASON, checkedAt: 1 },
    ],
  };
}

beforeEach(() => {
  __resetTaroMock();
  window.localStorage.clear();
  writeDevOpenid('o_demo_hq');
  __setRouterParams({ id: POST });
});

afterEach(() => jest.useRealTimers());

describe('post editor: image checks', () => {
  it('shows each slot’s check, holds publishing back with the reason, and lets HQ remove the refused image', async () => {
    jest.useFakeTimers();
    let verdict: 'pending' | 'pass' = 'pending';
    const { calls } = installFakeBridge({
      'account.listStores': () => ({ stores: [] }),
      'insight.tagRules': () => ({ rules: [] }),
      'content.getPost': () => savedPost(),
      'content.checkImages': (input) => ({
        checks: (input as { images: string[] }).images.map((fileID) => ({ fileID, status: verdict })),
      }),
      'content.savePost': () => ({ id: POST, rev: 2 }),
      'content.publishPost': () => ({ id: POST, status: 'published' }),
    });
    render(<PostEditor />);

    expect((await screen.findByTestId('image-check-refused')).textContent).toContain(REASON);
    expect(screen.getByTestId('image-check-state').textContent).toBe('检测中');
    expect(screen.getByTestId('publish-block').textContent).toBe(
      `第 3 张图片未通过内容安全检测：${REASON}，请移除或更换`,
    );
    expect(screen.getByTestId('publish').getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(screen.getByText('立即发布'));
    expect(calls.some((c) => c.action === 'publishPost')).toBe(false);
    // Only the pending image is asked about; the judged ones are not sent again.
    await waitFor(() => expect(calls.some((c) => c.action === 'checkImages')).toBe(true));
    expect(calls.find((c) => c.action === 'checkImages')?.input).toEqual({ images: [file(2)] });

    fireEvent.click(screen.getByLabelText('移除第 3 张'));
    expect(screen.queryByTestId('image-check-refused')).toBeNull();
    expect(screen.getByTestId('publish-block').textContent).toBe('图片安全检测中，请稍候再发布');

    // The verdict arrives: the next poll finds it and publishing is open.
    verdict = 'pass';
    await act(async () => {
      await jest.advanceTimersByTimeAsync(CHECK_POLL_MS + 10);
    });
    await waitFor(() => expect(screen.queryByTestId('publish-block')).toBeNull());
    expect(screen.queryByTestId('image-check-state')).toBeNull();
    expect(screen.getByTestId('publish').getAttribute('aria-disabled')).toBeNull();
    fireEvent.click(screen.getByText('立即发布'));
    await waitFor(() => expect(calls.some((c) => c.action === 'publishPost')).toBe(true));
    expect(calls.find((c) => c.action === 'savePost')?.input).toMatchObject({ images: [file(1), file(2)] });
  });
});
