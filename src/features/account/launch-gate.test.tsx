import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { __resetTaroMock, taroMock } from '../../../test/mocks/taro';
import type { Role } from '@core/roles';
import { writeDevOpenid } from '@/lib/cloud/dev-identity';
import { BridgeFailure, installFakeBridge } from '../../../test/mocks/fake-bridge';
import { resetBrandCache } from '@/features/brand';
import { LaunchGate } from './launch-gate';

const reLaunch = taroMock.reLaunch;

beforeEach(() => {
  __resetTaroMock();
  window.localStorage.clear();
  resetBrandCache();
});

describe('launch role router', () => {
  it.each<[Role, string]>([
    ['hq', '/console/pages/home/index'],
    ['guide', '/pages/guide/index'],
    ['customer', '/pages/customer/index'],
    ['visitor', '/pages/join/index'],
  ])('sends a %s to %s after asking the cloud who they are', async (role, url) => {
    writeDevOpenid(`o_test_${role}`);
    const { calls } = installFakeBridge({ 'account.whoami': (_input, openid) => ({ openid, role }) });

    render(<LaunchGate />);

    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith({ url }));
    // Besides the brand it shows while asking (account.brand, a read), one question: who is this.
    expect(calls.filter((c) => c.action !== 'brand')).toEqual([
      { fn: 'account', action: 'whoami', input: {}, openid: `o_test_${role}` },
    ]);
  });

  it("shows HQ's brand name and sets it as the page title", async () => {
    writeDevOpenid('o_test_visitor');
    installFakeBridge({
      'account.whoami': (_input, openid) => ({ openid, role: 'visitor' }),
      'account.brand': () => ({
        name: '松风茶舍',
        shortName: '松风',
        themeColor: '#aa3355',
        pointsName: '茶豆',
        configured: true,
      }),
    });
    render(<LaunchGate />);
    expect(await screen.findByText('松风茶舍')).toBeTruthy();
    await waitFor(() => expect(taroMock.setNavigationBarTitle).toHaveBeenCalledWith({ title: '松风' }));
  });

  it('opens the demo sign-in page on H5 when nobody is signed in', async () => {
    const { fetchMock } = installFakeBridge({});
    render(<LaunchGate />);
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/dev-login/index' }));
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows the Chinese error and routes once a retry succeeds', async () => {
    writeDevOpenid('o_demo_guide_1');
    let fail = true;
    installFakeBridge({
      'account.whoami': () => {
        if (fail) throw new BridgeFailure('INTERNAL', '系统繁忙，请稍后再试');
        return { openid: 'o_demo_guide_1', role: 'guide' };
      },
    });

    render(<LaunchGate />);

    expect(await screen.findByText('系统繁忙，请稍后再试')).toBeTruthy();
    expect(reLaunch).not.toHaveBeenCalled();
    fail = false;
    act(() => {
      fireEvent.click(screen.getByText('重试'));
    });
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/guide/index' }));
  });
});
