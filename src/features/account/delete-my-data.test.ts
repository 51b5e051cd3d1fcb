import { __resetTaroMock, taroMock } from '../../../test/mocks/taro';
import { writeDevOpenid } from '@/lib/cloud/dev-identity';
import { BridgeFailure, installFakeBridge } from '../../../test/mocks/fake-bridge';
import { confirmAndDeleteMyData, deletionNotice } from './delete-my-data';

beforeEach(() => {
  __resetTaroMock();
  writeDevOpenid('o_member_0a1b2c3d');
});

const coupon = { id: 'cpn_aaaaaaaa', status: 'unused' };

function phone(
  deleted: () => unknown = () => ({ status: 'deleted', forfeitedPoints: 120, voidedCoupons: 2, keptCoupons: 0 }),
) {
  return installFakeBridge({
    'points.balance': () => ({ balance: 120, expiring: null }),
    'mall.myCoupons': () => ({ coupons: [coupon, coupon] }),
    'account.deleteMyData': deleted,
  });
}

describe('deleting my data', () => {
  it('states what is deleted and forfeited, with the member’s own numbers', () => {
    const text = deletionNotice(120, 2);
    expect(text).toContain('剩余 120 积分将清零');
    expect(text).toContain('2 张未使用的券将作废');
    expect(text).toContain('已注销用户');
  });

  it('asks first and does nothing when the member changes their mind', async () => {
    const { calls } = phone();
    taroMock.showModal.mockResolvedValueOnce({ confirm: false, cancel: true });
    expect(await confirmAndDeleteMyData()).toBe(false);
    const modal = taroMock.showModal.mock.calls[0]?.[0] as { title: string; content: string };
    expect(modal.title).toBe('注销并删除我的数据');
    expect(modal.content).toContain('剩余 120 积分将清零');
    expect(calls.filter((c) => c.action === 'deleteMyData')).toEqual([]);
  });

  it('retries a failed deletion as the same request', async () => {
    let fail = true;
    const { calls } = phone(() => {
      if (fail) throw new BridgeFailure('RESOURCE_EXHAUSTED', '当前操作的人较多，请稍后重试');
      return { status: 'deleted', forfeitedPoints: 120, voidedCoupons: 2, keptCoupons: 0 };
    });
    await expect(confirmAndDeleteMyData()).rejects.toThrow('当前操作的人较多');
    fail = false;
    expect(await confirmAndDeleteMyData()).toBe(true);
    const ids = calls.filter((c) => c.action === 'deleteMyData').map((c) => c.input.requestId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });
});
