import { TextEncoder } from 'node:util';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { __resetTaroMock, __setRouterParams, taroMock } from '../../../test/mocks/taro';
import { writeDevOpenid } from '@/lib/cloud/dev-identity';
import { installFakeBridge } from '../../../test/mocks/fake-bridge';
import { StoreGuidesScreen } from './store-guides';
import { StoreListScreen } from './store-list';

const STORE = {
  id: 'sto_nanjing01',
  name: '南京新街口店',
  city: '南京',
  address: '中山路 1 号',
  guides: 1,
  customers: 5,
};
const GUIDES = [
  { openid: 'o_guide_a', name: '小南', storeId: STORE.id, active: true, customers: 2 },
  { openid: 'o_guide_b', name: '老北', storeId: STORE.id, active: false, customers: 3 },
  { openid: 'o_guide_c', name: '空空', storeId: STORE.id, active: false, customers: 0 },
];

// The invitation link has lower-case letters, so the QR is in byte mode, which encodes with
// TextEncoder: browsers have it, jsdom does not.
Object.assign(globalThis, { TextEncoder });

beforeEach(() => {
  __resetTaroMock();
  window.localStorage.clear();
  writeDevOpenid('o_demo_hq');
  __setRouterParams({ id: STORE.id });
});

describe('store list', () => {
  it('lists stores, marks the ones without a location, and opens a store or a new one', async () => {
    installFakeBridge({
      'account.listStores': () => ({
        stores: [STORE, { ...STORE, id: 'sto_placed01', name: '已定位店', location: { lat: 30, lng: 120 } }],
      }),
    });
    render(<StoreListScreen />);
    const rows = await screen.findAllByTestId('store-list-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('未定位')).toBeTruthy();
    expect(within(rows[1]!).queryByText('未定位')).toBeNull();
    fireEvent.click(rows[0]!);
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: `/console/stores/guides/index?id=${STORE.id}` });
    fireEvent.click(screen.getByText('新建门店'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: '/console/stores/edit/index' });
  });
});

describe("a store's guides", () => {
  it('makes a one-time invitation with its code, QR and expiry, and a fresh one on demand', async () => {
    let n = 0;
    const { calls } = installFakeBridge({
      'account.listStores': () => ({ stores: [STORE] }),
      'account.listGuides': () => ({ guides: GUIDES }),
      'account.createInvite': () => ({
        code: ['ABCD2345', 'WXYZ6789'][n++] ?? '',
        expiresAt: Date.now() + 7 * 86_400_000,
      }),
    });
    render(<StoreGuidesScreen />);
    const invite = await screen.findByText('邀请导购');
    await act(async () => {
      fireEvent.click(invite);
      // Let the action's reply settle inside act.
      await Promise.resolve();
    });
    expect((await screen.findByTestId('invite-code')).textContent).toBe('ABCD2345');
    expect(screen.getByTestId('coupon-qr').getAttribute('aria-label')).toContain('pages/join/index?invite=ABCD2345');
    expect(screen.getByText(/仅可使用一次/)).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByText('重新生成邀请码'));
      // Let the action's reply settle inside act.
      await Promise.resolve();
    });
    expect((await screen.findByTestId('invite-code')).textContent).toBe('WXYZ6789');
    expect(calls.filter((c) => c.action === 'createInvite').map((c) => c.input)).toEqual([
      { storeId: STORE.id, role: 'guide' },
      { storeId: STORE.id, role: 'guide' },
    ]);
  });

  it("stops a guide after confirming, brings one back, and leads a stopped guide's customers to the handover", async () => {
    const { calls } = installFakeBridge({
      'account.listStores': () => ({ stores: [STORE] }),
      'account.listGuides': () => ({ guides: GUIDES }),
      'account.setGuideActive': (input) => input,
    });
    render(<StoreGuidesScreen />);
    const rows = await screen.findAllByTestId('store-guide-row');
    expect(rows).toHaveLength(3);
    // Only the stopped guide who still has customers offers the handover.
    expect(within(rows[0]!).queryByText('转移会员')).toBeNull();
    expect(within(rows[2]!).queryByText('转移会员')).toBeNull();
    fireEvent.click(within(rows[1]!).getByText('转移会员'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: '/console/insight/transfer/index?from=o_guide_b' });

    await act(async () => {
      fireEvent.click(within(rows[0]!).getByText('停用'));
      // Let the action's reply settle inside act.
      await Promise.resolve();
    });
    expect(taroMock.showModal).toHaveBeenCalled();
    await act(async () => {
      fireEvent.click(within(rows[1]!).getByText('启用'));
      // Let the action's reply settle inside act.
      await Promise.resolve();
    });
    expect(calls.filter((c) => c.action === 'setGuideActive').map((c) => c.input)).toEqual([
      { openid: 'o_guide_a', active: false },
      { openid: 'o_guide_b', active: true },
    ]);
  });

  it('does not stop a guide when HQ cancels', async () => {
    taroMock.showModal.mockResolvedValueOnce({ confirm: false, cancel: true });
    const { calls } = installFakeBridge({
      'account.listStores': () => ({ stores: [STORE] }),
      'account.listGuides': () => ({ guides: GUIDES }),
    });
    render(<StoreGuidesScreen />);
    const rows = await screen.findAllByTestId('store-guide-row');
    await act(async () => {
      fireEvent.click(within(rows[0]!).getByText('停用'));
      // Let the action's reply settle inside act.
      await Promise.resolve();
    });
    expect(calls.some((c) => c.action === 'setGuideActive')).toBe(false);
  });
});
