/**
 * "注销并删除我的数据": tell the member exactly what goes (with their own numbers), ask once, then
 * erase through account.deleteMyData. The request id is kept until it succeeds, so a retry after a
 * lost reply is the same request and cannot act twice.
 */
import Taro from '@tarojs/taro';
import { fetchCouponList } from '@/features/mall/api';
import { fetchBalance } from '@/features/points/api';
import { newRequestId } from '@/features/points/format';
import { deleteMyData } from './api';

let pendingRequest: string | null = null;

/** The confirmation text: what is deleted, what is forfeited, what stays without them. */
export function deletionNotice(balance: number, unusedCoupons: number): string {
  return [
    '将删除你的称呼、同意记录和会员身份；',
    `剩余 ${balance} 积分将清零，${unusedCoupons} 张未使用的券将作废，不可恢复；`,
    '浏览、邀请与已使用券的记录改为“已注销用户”，不再与你关联。',
    '之后可重新注册，但积分从零开始，不再获得新会员积分。',
  ].join('\n');
}

/** Resolves true when the member's data was deleted, false when they changed their mind. */
export async function confirmAndDeleteMyData(): Promise<boolean> {
  const [{ balance }, coupons] = await Promise.all([fetchBalance(), fetchCouponList('unused')]);
  const { confirm } = await Taro.showModal({
    title: '注销并删除我的数据',
    content: deletionNotice(balance, coupons.length),
    confirmText: '确认注销',
    confirmColor: '#fa5151',
    cancelText: '再想想',
  });
  if (!confirm) return false;
  pendingRequest ??= newRequestId();
  await deleteMyData(pendingRequest);
  pendingRequest = null;
  return true;
}
