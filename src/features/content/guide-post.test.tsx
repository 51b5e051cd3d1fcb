import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { __resetTaroMock, __setRouterParams, taroMock } from '../../../test/mocks/taro';
import { writeDevOpenid } from '@/lib/cloud/dev-identity';
import { installFakeBridge } from '../../../test/mocks/fake-bridge';
import { GuidePost } from './guide-post';

const POST = 'pst_abcdefgh12345678';
const VARIANT = {
  postId: POST,
  title: '春日焕新',
  text: '店里有新消息啦\n【山茶生活】玫瑰精华水会员价 ¥199',
  images: [1, 2, 3].map((i) => ({ fileID: `cloud://env.b/v/${i}.jpg`, url: `http://cloud/v/${i}.jpg` })),
  suggestedAt: Date.UTC(2026, 2, 8, 4, 12),
  copied: false,
  saved: false,
};

/** The phone APIs the one-tap flow reaches, added to the shared Taro mock. */
function installPhone(opts: { album: boolean | undefined; settingsGrant?: boolean }) {
  let releaseSecond: () => void = () => undefined;
  const phone = {
    setClipboardData: jest.fn((_o: { data: string }) => Promise.resolve({ errMsg: 'setClipboardData:ok' })),
    getSetting: jest.fn(() =>
      Promise.resolve({ authSetting: opts.album === undefined ? {} : { 'scope.writePhotosAlbum': opts.album } }),
    ),
    authorize: jest.fn(() => Promise.resolve({ errMsg: 'authorize:ok' })),
    openSetting: jest.fn(() =>
      Promise.resolve({ authSetting: { 'scope.writePhotosAlbum': opts.settingsGrant ?? false } }),
    ),
    downloadFile: jest.fn(({ url }: { url: string }) =>
      Promise.resolve({ statusCode: 200, tempFilePath: `tmp:${url}` }),
    ),
    // The second image waits until the test lets it go, so the progress in between can be seen.
    saveImageToPhotosAlbum: jest.fn(({ filePath }: { filePath: string }) =>
      filePath.endsWith('2.jpg') ? new Promise<void>((r) => (releaseSecond = r)) : Promise.resolve(),
    ),
    previewImage: jest.fn(() => Promise.resolve()),
  };
  Object.assign(taroMock, phone);
  return { phone, release: () => releaseSecond() };
}

beforeEach(() => {
  __resetTaroMock();
  window.localStorage.clear();
  writeDevOpenid('o_demo_guide_1');
  __setRouterParams({ id: POST });
});

describe('guide post page', () => {
  it("one tap copies the guide's own text, saves every image with progress and records both", async () => {
    const { calls } = installFakeBridge({
      'content.myVariant': () => VARIANT,
      'content.recordOutcome': (input) => ({ postId: POST, outcome: input.outcome, first: true }),
    });
    const { phone, release } = installPhone({ album: true });
    render(<GuidePost />);
    const button = await screen.findByText('一键复制文案 + 保存 3 张图');
    expect(screen.getByTestId('variant-text').textContent).toBe(VARIANT.text);

    fireEvent.click(button);
    await screen.findByText('保存中 1/3');
    expect(phone.setClipboardData).toHaveBeenCalledWith({ data: VARIANT.text });
    act(() => release());
    await screen.findByText(/✓ 图片已保存/);
    expect(phone.saveImageToPhotosAlbum.mock.calls.map(([o]) => o.filePath)).toEqual(
      VARIANT.images.map((i) => `tmp:${i.url}`),
    );
    await waitFor(() =>
      expect(calls.filter((c) => c.action === 'recordOutcome').map((c) => c.input.outcome)).toEqual([
        'copied',
        'saved',
      ]),
    );
  });

  it('explains a denied album and saves nothing when the guide does not allow it', async () => {
    installFakeBridge({
      'content.myVariant': () => VARIANT,
      'content.recordOutcome': () => ({ postId: POST, outcome: 'copied', first: true }),
    });
    const { phone } = installPhone({ album: false, settingsGrant: false });
    taroMock.showModal.mockImplementation(() => Promise.resolve({ confirm: true, cancel: false }));
    render(<GuidePost />);
    fireEvent.click(await screen.findByText('仅保存图片'));
    await screen.findByText('没有相册权限，图片未保存');
    expect(taroMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '需要相册权限' }));
    expect(phone.openSetting).toHaveBeenCalledTimes(1);
    expect(phone.saveImageToPhotosAlbum).not.toHaveBeenCalled();
  });

  it('says an image did not download, and keeps the copied text recorded', async () => {
    const { calls } = installFakeBridge({
      'content.myVariant': () => VARIANT,
      'content.recordOutcome': (input) => ({ postId: POST, outcome: input.outcome, first: true }),
    });
    const { phone } = installPhone({ album: true });
    phone.downloadFile.mockImplementation(() => Promise.resolve({ statusCode: 404, tempFilePath: '' }));
    render(<GuidePost />);
    fireEvent.click(await screen.findByText('一键复制文案 + 保存 3 张图'));
    await screen.findByText('图片下载失败，请检查网络后重试');
    expect(screen.getByTestId('outcome').textContent).toBe('✓ 文案已复制 · 图片未保存');
    await waitFor(() => expect(calls.filter((c) => c.action === 'recordOutcome')).toHaveLength(1));
  });

  it('shows the server message when the post is gone', async () => {
    installFakeBridge({});
    installPhone({ album: true });
    render(<GuidePost />);
    expect(await screen.findByText('接口不存在')).toBeTruthy();
  });
});
