import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { __resetTaroMock, taroMock } from '../../../test/mocks/taro';
import { writeDevOpenid } from '@/lib/cloud/dev-identity';
import { installFakeBridge } from '../../../test/mocks/fake-bridge';
import { DEFAULT_POINTS_RULES } from '@core/contracts/points';
import { JoinScreen } from './join-screen';

const NEAR = [
  { storeId: 'sto_chengdu01', name: '成都太古里店', city: '成都', distanceM: 420 },
  { storeId: 'sto_hangzhou1', name: '杭州湖滨店', city: '杭州', distanceM: 1_630_000 },
  { storeId: 'sto_shanghai1', name: '上海静安店', city: '上海', distanceM: 1_660_000 },
];

beforeEach(() => {
  __resetTaroMock();
  window.localStorage.clear();
  writeDevOpenid('o_visitor_near01');
});

function bridge() {
  return installFakeBridge({
    'points.rules': () => DEFAULT_POINTS_RULES,
    'account.nearestStores': () => ({ stores: NEAR }),
    'account.registerMember': () => ({ role: 'customer', guideOpenid: 'o_demo_guide_5', referral: 'none' }),
  });
}

async function register() {
  fireEvent.change(screen.getByPlaceholderText('怎么称呼你'), { target: { value: '小蓉' } });
  fireEvent.click(document.querySelector('[data-testid="member-consent"] .member-consent__box')!);
  const button = screen.getByText('注册会员');
  await act(async () => {
    fireEvent.click(button);
    // Let the action's reply settle inside act.
    await Promise.resolve();
  });
}

describe('join page: the nearest stores', () => {
  it('offers the three stores nearest the device, nearest picked, and joins the one tapped', async () => {
    taroMock.getLocation.mockResolvedValueOnce({ latitude: 30.6556, longitude: 104.0806 });
    const { calls } = bridge();
    render(<JoinScreen />);
    const rows = await screen.findAllByTestId('nearest-store');
    expect(rows.map((r) => r.textContent)).toEqual([
      '成都太古里店420 米✓',
      '杭州湖滨店1630 公里',
      '上海静安店1660 公里',
    ]);
    expect(screen.getByText('离你最近的门店')).toBeTruthy();
    expect(calls.find((c) => c.action === 'nearestStores')?.input).toEqual({ lat: 30.6556, lng: 104.0806 });
    fireEvent.click(rows[1]!);
    await register();
    await waitFor(() =>
      expect(calls.find((c) => c.action === 'registerMember')?.input).toMatchObject({ storeId: 'sto_hangzhou1' }),
    );
  });

  it('offers a city list when location is refused, and the stores near the city picked', async () => {
    const { calls } = bridge();
    render(<JoinScreen />);
    expect(await screen.findByText('选择你所在的城市')).toBeTruthy();
    expect(calls.some((c) => c.action === 'nearestStores')).toBe(false);
    fireEvent.click(screen.getByText('成都'));
    expect(await screen.findByText('成都附近的门店')).toBeTruthy();
    await screen.findAllByTestId('nearest-store');
    expect(calls.find((c) => c.action === 'nearestStores')?.input).toEqual({ lat: 30.5728, lng: 104.0668 });
    await register();
    await waitFor(() =>
      expect(calls.find((c) => c.action === 'registerMember')?.input).toMatchObject({ storeId: 'sto_chengdu01' }),
    );
  });

  it('fills in a guide invitation from the QR link and opens in guide mode', async () => {
    const { __setRouterParams } = await import('../../../test/mocks/taro');
    __setRouterParams({ invite: 'abcd2345' });
    bridge();
    render(<JoinScreen />);
    const code = await screen.findByPlaceholderText('总部发给你的 8 位邀请码');
    expect((code as HTMLInputElement).value).toBe('ABCD2345');
    expect(screen.queryByTestId('nearest-stores')).toBeNull();
  });
});
