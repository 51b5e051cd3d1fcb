import '../../../test/mocks/h5-env';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { __resetTaroMock, __shareCard, taroMock } from '../../../test/mocks/taro';
import { installFakeBridge } from '../../../test/mocks/fake-bridge';
import { writeDevOpenid } from '@/lib/cloud/dev-identity';
import { InviteSection } from './invite-section';

const TOKEN = 'Ab3dEf9HjK2mN4pQ7';
const LINK = { shareToken: TOKEN, path: `/pages/customers/read/index?t=${TOKEN}`, scene: `t=${TOKEN}` };

beforeEach(() => {
  __resetTaroMock();
  window.localStorage.clear();
  writeDevOpenid('o_demo_cust_01');
  Object.assign(taroMock, {
    setClipboardData: jest.fn((_o: { data: string }) => Promise.resolve({ errMsg: 'setClipboardData:ok' })),
  });
});

describe('member invites a friend (browser build)', () => {
  it('shows the invitation link the chat card carries, to copy, since the browser has no share sheet', async () => {
    const { calls } = installFakeBridge({ 'insight.shareLink': () => LINK });
    render(<InviteSection />);
    fireEvent.click(screen.getByText('发给朋友'));
    expect((await screen.findByTestId('share-path')).textContent).toBe(LINK.path);
    // An invitation: no post, no parent.
    expect(calls.filter((c) => c.action === 'shareLink').map((c) => c.input)).toEqual([{}]);
    expect(__shareCard()).toEqual(expect.objectContaining({ path: LINK.path }));

    fireEvent.click(screen.getByText('复制链接'));
    const copy = taroMock as unknown as { setClipboardData: jest.Mock };
    await waitFor(() => expect(copy.setClipboardData).toHaveBeenCalledWith({ data: `http://localhost/#${LINK.path}` }));
    expect(screen.getByText(/分享本身不获得积分/)).toBeTruthy();
  });

  it('shows the server refusal when no link can be made', async () => {
    installFakeBridge({});
    render(<InviteSection />);
    fireEvent.click(screen.getByText('发给朋友'));
    await waitFor(() => expect(taroMock.showToast).toHaveBeenCalledWith({ title: '接口不存在', icon: 'none' }));
    expect(screen.queryByTestId('share-path')).toBeNull();
  });

  it('leads to whom the member invited', async () => {
    installFakeBridge({ 'insight.shareLink': () => LINK });
    render(<InviteSection />);
    await waitFor(() => expect(__shareCard()).toEqual(expect.objectContaining({ path: LINK.path })));
    fireEvent.click(screen.getByText('我邀请的好友 ›'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/invites/index' });
  });
});
