import { act, render, screen, waitFor } from '@testing-library/react';
import {
  __hidePage,
  __intersect,
  __resetTaroMock,
  __setRouterParams,
  __shareCard,
  __shareTimeline,
  taroMock,
} from '../../../test/mocks/taro';
import { BridgeFailure, installFakeBridge } from '../../../test/mocks/fake-bridge';
import { writeDevOpenid } from '@/lib/cloud/dev-identity';
import { MEMBER_TERMS_VERSION } from '@core/contracts/member-terms';
import { ReaderScreen } from './reader-screen';
import { readFirstShare } from './share-token';

const TOKEN = 'Ab3dEf9HjK2mN4pQ7';
const CHILD = 'Zz9yXx8wVv7uTt6sR';
const POST = 'pst_abcdefgh12345678';
const OPENED = {
  visitId: 'vst_abcdef12',
  sharerName: '林导购',
  postId: POST,
  post: {
    id: POST,
    title: '春日焕新',
    // 5 + 8 + 12 characters: the share of the text is weighed by length.
    text: '第一段文字\n\n第二段文字多一些\n第三段文字是最长的一段啊',
    images: [{ fileID: 'cloud://env/v/1.jpg', url: 'http://cloud/v/1.jpg' }],
  },
};
const childLink = { shareToken: CHILD, path: `/pages/customers/read/index?t=${CHILD}`, scene: `t=${CHILD}` };

beforeEach(() => {
  __resetTaroMock();
  window.localStorage.clear();
  writeDevOpenid('o_demo_cust_05');
});
afterEach(() => jest.useRealTimers());

const visits = (calls: { action: string; input: Record<string, unknown> }[]) =>
  calls.filter((c) => c.action === 'endVisit').map((c) => c.input);

describe('reader page', () => {
  it('records the open through the token of a wxacode scene and reports time and how far the reader got', async () => {
    jest.useFakeTimers({ now: 1_000_000, doNotFake: ['nextTick', 'queueMicrotask'] });
    __setRouterParams({ scene: encodeURIComponent(`t=${TOKEN}`) });
    const { calls } = installFakeBridge({
      'insight.recordVisit': () => OPENED,
      'insight.endVisit': (input) => ({ seconds: input.seconds }),
      'insight.shareLink': () => childLink,
    });
    render(<ReaderScreen />);
    await screen.findByText('林导购 分享给你');
    expect(screen.getAllByTestId('reader-paragraph').map((p) => p.textContent)).toEqual([
      '第一段文字',
      '第二段文字多一些',
      '第三段文字是最长的一段啊',
    ]);
    expect(calls.find((c) => c.action === 'recordVisit')?.input).toEqual({ shareToken: TOKEN });
    // The visitor's first share is kept for registering, with their own open recorded.
    expect(readFirstShare()).toEqual({ token: TOKEN, visitedBy: 'o_demo_cust_05', sharerName: '林导购' });

    await waitFor(() => expect(taroMock.createIntersectionObserver).toHaveBeenCalledTimes(3));
    act(() => {
      __intersect('#reader-p-0');
      __intersect('#reader-p-1');
      // The third only peeks in at the bottom: not read yet.
      __intersect('#reader-p-2', 0.3);
    });
    await act(async () => {
      jest.advanceTimersByTime(10_000);
      await Promise.resolve();
    });
    await waitFor(() =>
      expect(visits(calls)).toEqual([
        { visitId: 'vst_abcdef12', seconds: 10, depth: { paragraph: 2, paragraphs: 3, ratio: 0.52 } },
      ]),
    );

    // Reaching the end and leaving: the same time, the deeper point, sent once more.
    act(() => __intersect('#reader-p-2'));
    act(() => __hidePage());
    await waitFor(() => expect(visits(calls)).toHaveLength(2));
    expect(visits(calls)[1]).toEqual({
      visitId: 'vst_abcdef12',
      seconds: 10,
      depth: { paragraph: 3, paragraphs: 3, ratio: 1 },
    });
  });

  it("passes the post on with the reader's own child link, for chats and Moments", async () => {
    __setRouterParams({ t: TOKEN });
    const { calls } = installFakeBridge({
      'insight.recordVisit': () => OPENED,
      'insight.shareLink': () => childLink,
    });
    render(<ReaderScreen />);
    await screen.findByText('春日焕新');
    await waitFor(() =>
      expect(__shareCard()).toEqual({ title: '春日焕新', imageUrl: 'http://cloud/v/1.jpg', path: childLink.path }),
    );
    expect(__shareTimeline()).toEqual({ title: '春日焕新', imageUrl: 'http://cloud/v/1.jpg', query: `t=${CHILD}` });
    expect(calls.filter((c) => c.action === 'shareLink').map((c) => c.input)).toEqual([
      { postId: POST, parent: TOKEN },
    ]);
  });

  it('passes the same link on when the reader may not share yet (a visitor)', async () => {
    __setRouterParams({ t: TOKEN });
    installFakeBridge({
      'insight.recordVisit': () => OPENED,
      'insight.shareLink': () => {
        throw new BridgeFailure('PERMISSION_DENIED', '没有权限');
      },
    });
    render(<ReaderScreen />);
    await screen.findByText('春日焕新');
    const card = __shareCard() as { path: string; promise?: Promise<{ path: string }> };
    expect(card.path).toBe(`/pages/customers/read/index?t=${TOKEN}`);
    await expect(card.promise).resolves.toEqual(
      expect.objectContaining({ path: `/pages/customers/read/index?t=${TOKEN}` }),
    );
    expect(__shareTimeline()).toEqual(expect.objectContaining({ query: `t=${TOKEN}` }));
  });

  it('asks a visitor whose open was counted without them, and agrees with the open visit', async () => {
    __setRouterParams({ t: TOKEN });
    const { calls } = installFakeBridge({
      'insight.recordVisit': () => ({ ...OPENED, askConsent: true }),
      'insight.giveConsent': (input) => ({ version: input.version, at: 1 }),
      'insight.shareLink': () => childLink,
    });
    render(<ReaderScreen />);
    (await screen.findByTestId('reader-consent-agree')).click();
    await screen.findByText(/已同意/);
    expect(calls.find((c) => c.action === 'giveConsent')?.input).toEqual({
      version: MEMBER_TERMS_VERSION,
      visitId: OPENED.visitId,
    });
    expect(screen.getByTestId('reader-consent-clear')).toBeTruthy();
  });

  it('keeps reading after 不同意, remembers it and offers to clear, and asks nobody who agreed', async () => {
    __setRouterParams({ t: TOKEN });
    const { calls } = installFakeBridge({
      'insight.recordVisit': () => ({ ...OPENED, askConsent: true }),
      'insight.shareLink': () => childLink,
      'account.deleteMyData': () => ({ status: 'none', forfeitedPoints: 0, voidedCoupons: 0, keptCoupons: 0 }),
    });
    const first = render(<ReaderScreen />);
    (await screen.findByTestId('reader-consent-decline')).click();
    await screen.findByText('未记录你是谁，只统计浏览次数。');
    expect(calls.some((c) => c.action === 'giveConsent')).toBe(false);
    first.unmount();
    render(<ReaderScreen />);
    (await screen.findByTestId('reader-consent-clear')).click();
    await screen.findByText('已清除。未记录你是谁，只统计浏览次数。');
    expect(calls.filter((c) => c.action === 'deleteMyData')).toHaveLength(1);
  });

  it('shows no question when the open was kept with the reader’s agreement', async () => {
    __setRouterParams({ t: TOKEN });
    installFakeBridge({ 'insight.recordVisit': () => OPENED, 'insight.shareLink': () => childLink });
    render(<ReaderScreen />);
    await screen.findByText('林导购 分享给你');
    expect(screen.queryByTestId('reader-consent')).toBeNull();
  });

  it('says the link is broken and records nothing when the query has no valid token', async () => {
    __setRouterParams({ ref: 'o_demo_guide_1' });
    const { calls } = installFakeBridge({});
    render(<ReaderScreen />);
    expect(await screen.findByText('分享链接不完整或已失效')).toBeTruthy();
    // Only the brand the page is titled with is read (account.brand); nothing about the share.
    expect(calls.filter((c) => c.action !== 'brand')).toEqual([]);
  });
});
