import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { __resetTaroMock, __setRouterParams, __shareCard, __shareTimeline, taroMock } from '../../../test/mocks/taro';
import { writeDevOpenid } from '@/lib/cloud/dev-identity';
import { installFakeBridge } from '../../../test/mocks/fake-bridge';
import { spreadNode } from '../../../test/mocks/spread-node';
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
const TOKEN = 'Ab3dEf9HjK2mN4pQ7';
const LINK = { shareToken: TOKEN, path: `/pages/customers/read/index?t=${TOKEN}`, scene: `t=${TOKEN}` };
const POSTER = {
  ...LINK,
  fileID: 'cloud://env.b/p/poster.png',
  url: 'http://cloud/p/poster.png',
  width: 750,
  height: 1334,
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

describe('guide shares the post', () => {
  const sharing = (extra: Record<string, (input: Record<string, unknown>) => unknown> = {}) =>
    installFakeBridge({
      'content.myVariant': () => VARIANT,
      'insight.shareLink': () => LINK,
      'insight.postSpread': () => ({ post: { id: POST, title: VARIANT.title }, nodes: [], hops: [], truncated: false }),
      ...extra,
    });

  it("hands WeChat a chat card with the guide's token path, the title and their first image, and the same for Moments", async () => {
    const { calls } = sharing();
    installPhone({ album: true });
    render(<GuidePost />);
    await screen.findByTestId('post-share');
    await waitFor(() =>
      expect(__shareCard()).toEqual({ title: VARIANT.title, imageUrl: VARIANT.images[0]!.url, path: LINK.path }),
    );
    expect(__shareTimeline()).toEqual({ title: VARIANT.title, imageUrl: VARIANT.images[0]!.url, query: `t=${TOKEN}` });
    expect(calls.filter((c) => c.action === 'shareLink').map((c) => c.input)).toEqual([{ postId: POST }]);
    expect(taroMock.showShareMenu).toHaveBeenCalledWith({
      withShareTicket: true,
      menus: ['shareAppMessage', 'shareTimeline'],
    });
    // Copy + save stays the main button.
    expect(screen.getByTestId('copy-save').textContent).toBe('一键复制文案 + 保存 3 张图');
    expect(await screen.findByText('还没有人分享这篇内容')).toBeTruthy();
  });

  it('says how to reach Moments, since only the menu can share there', async () => {
    sharing();
    installPhone({ album: true });
    render(<GuidePost />);
    fireEvent.click(await screen.findByText('分享到朋友圈'));
    await waitFor(() =>
      expect(taroMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '分享到朋友圈' })),
    );
  });

  it('makes the poster, shows it and saves it to the album with progress in one tap', async () => {
    const { calls } = sharing({ 'insight.sharePoster': () => POSTER });
    const { phone } = installPhone({ album: true });
    let release: () => void = () => undefined;
    phone.saveImageToPhotosAlbum.mockImplementation(() => new Promise<void>((r) => (release = r)));
    render(<GuidePost />);
    fireEvent.click(await screen.findByText('生成海报'));
    await screen.findByText('保存中 0/1');
    expect(screen.getByTestId('poster-image').getAttribute('src')).toBe(POSTER.url);
    act(() => release());
    await screen.findByText(/海报已保存到相册/);
    expect(phone.downloadFile).toHaveBeenCalledWith({ url: POSTER.url });
    expect(phone.saveImageToPhotosAlbum).toHaveBeenCalledWith({ filePath: `tmp:${POSTER.url}` });
    expect(calls.filter((c) => c.action === 'sharePoster').map((c) => c.input)).toEqual([{ postId: POST }]);
    // A second tap saves the same poster again without making it anew.
    fireEvent.click(screen.getByText('保存海报'));
    await waitFor(() => expect(phone.saveImageToPhotosAlbum).toHaveBeenCalledTimes(2));
    expect(calls.filter((c) => c.action === 'sharePoster')).toHaveLength(1);
  });

  it('keeps the poster on screen and says why when the album is refused', async () => {
    sharing({ 'insight.sharePoster': () => POSTER });
    const { phone } = installPhone({ album: false, settingsGrant: false });
    render(<GuidePost />);
    fireEvent.click(await screen.findByText('生成海报'));
    await screen.findByText('没有相册权限，图片未保存');
    expect(taroMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '需要相册权限' }));
    expect(screen.getByTestId('poster-image')).toBeTruthy();
    expect(phone.saveImageToPhotosAlbum).not.toHaveBeenCalled();
  });

  it("shows the tree of the guide's own shares", async () => {
    sharing({
      'insight.postSpread': () => ({
        post: { id: POST, title: VARIANT.title },
        nodes: [
          spreadNode({
            id: 'tokA',
            sharerRole: 'guide',
            hop: 0,
            sharerName: '林导购',
            sharedAt: 1,
            opens: 3,
            viewers: 2,
            reshares: 1,
            joins: 1,
          }),
          spreadNode({
            id: 'tokB',
            parent: 'tokA',
            hop: 1,
            sharerName: '阿青',
            sharerRole: 'customer',
            sharedAt: 2,
            opens: 1,
            viewers: 1,
          }),
        ],
        hops: [
          { hop: 0, shares: 1, opens: 3, viewers: 2, joins: 1 },
          { hop: 1, shares: 1, opens: 1, viewers: 1, joins: 0 },
        ],
        truncated: false,
      }),
    });
    installPhone({ album: true });
    render(<GuidePost />);
    const nodes = await screen.findAllByTestId('spread-node');
    expect(nodes.map((n) => n.textContent)).toEqual([
      expect.stringMatching(/^林导购导购第 1 层打开 3（2 人） · 转发 1 · 入会 1/),
      expect.stringMatching(/^└阿青会员第 2 层打开 1（1 人） · 转发 0 · 入会 0/),
    ]);
    expect(screen.getAllByTestId('spread-hop').map((h) => h.textContent)).toEqual([
      '第 1 层（首发）1321',
      '第 2 层1110',
    ]);
  });
});
