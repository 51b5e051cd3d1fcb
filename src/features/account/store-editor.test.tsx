import { act, fireEvent, render, screen } from '@testing-library/react';
import { __resetTaroMock, __setRouterParams, taroMock } from '../../../test/mocks/taro';
import { writeDevOpenid } from '@/lib/cloud/dev-identity';
import { BridgeFailure, installFakeBridge } from '../../../test/mocks/fake-bridge';
import { StoreEditor } from './store-editor';

const STORE = {
  id: 'sto_hangzhou1',
  name: '杭州湖滨店',
  city: '杭州',
  address: '湖滨路 28 号',
  guides: 1,
  customers: 4,
};

async function type(placeholder: string, value: string) {
  fireEvent.change(await screen.findByPlaceholderText(placeholder), { target: { value } });
}

beforeEach(() => {
  __resetTaroMock();
  window.localStorage.clear();
  writeDevOpenid('o_demo_hq');
  __setRouterParams({ id: STORE.id });
});

describe('store editor', () => {
  it('sends only what changed (an emptied address is cleared) and goes back', async () => {
    const { calls } = installFakeBridge({
      'account.listStores': () => ({ stores: [STORE] }),
      'account.updateStore': (input) => ({ storeId: STORE.id, name: String((input as { name: string }).name) }),
    });
    render(<StoreEditor />);
    await type('如：杭州湖滨店', '杭州西湖店');
    await type('选填，如：湖滨路 28 号', '');
    await act(async () => {
      fireEvent.click(await screen.findByText('保存'));
    });
    expect(calls.find((c) => c.action === 'updateStore')?.input).toEqual({
      storeId: STORE.id,
      name: '杭州西湖店',
      address: null,
    });
    expect(taroMock.navigateBack).toHaveBeenCalled();
  });

  it("shows the server's refusal in the form and stays", async () => {
    installFakeBridge({
      'account.listStores': () => ({ stores: [STORE] }),
      'account.updateStore': () => {
        throw new BridgeFailure('ALREADY_EXISTS', '门店“上海店”已存在');
      },
    });
    render(<StoreEditor />);
    await type('如：杭州湖滨店', '上海店');
    await act(async () => {
      fireEvent.click(await screen.findByText('保存'));
    });
    expect(await screen.findByText('门店“上海店”已存在')).toBeTruthy();
    expect(taroMock.navigateBack).not.toHaveBeenCalled();
  });

  it('creates a store placed by a city pick, and refuses half-typed coordinates', async () => {
    __setRouterParams({});
    const { calls } = installFakeBridge({
      'account.createStore': () => ({ storeId: 'sto_nanjing01' }),
    });
    render(<StoreEditor />);
    await type('如：杭州湖滨店', '南京新街口店');
    await type('如：30.2592', '32.06');
    await act(async () => {
      fireEvent.click(await screen.findByText('创建门店'));
    });
    expect(await screen.findByText('请同时填写纬度和经度（数字）')).toBeTruthy();
    expect(calls.some((c) => c.action === 'createStore')).toBe(false);
    fireEvent.click(screen.getByText('南京'));
    await act(async () => {
      fireEvent.click(screen.getByText('创建门店'));
      // Let the action's reply settle inside act.
      await Promise.resolve();
    });
    expect(calls.find((c) => c.action === 'createStore')?.input).toEqual({
      name: '南京新街口店',
      location: { lat: 32.0603, lng: 118.7969 },
    });
    expect(taroMock.navigateBack).toHaveBeenCalled();
  });

  it('moves a placed store and clears a location that was emptied', async () => {
    const { calls } = installFakeBridge({
      'account.listStores': () => ({ stores: [{ ...STORE, location: { lat: 30.2592, lng: 120.1636 } }] }),
      'account.updateStore': () => ({ storeId: STORE.id, name: STORE.name }),
    });
    render(<StoreEditor />);
    await type('如：30.2592', '');
    await type('如：120.1636', '');
    await act(async () => {
      fireEvent.click(await screen.findByText('保存'));
    });
    expect(calls.find((c) => c.action === 'updateStore')?.input).toEqual({ storeId: STORE.id, location: null });
  });

  it('says so when the store is gone', async () => {
    installFakeBridge({ 'account.listStores': () => ({ stores: [] }) });
    render(<StoreEditor />);
    expect(await screen.findByText('门店不存在或已被移除')).toBeTruthy();
  });
});
