import type { OutputOf } from '@core/contracts/define';
import type { CouponStatus, MallContract, SaveItemInput } from '@core/contracts/mall';
import { callFunction } from '@/lib/cloud';

export type Item = OutputOf<MallContract, 'listItems'>['items'][number];
export type ItemDetail = OutputOf<MallContract, 'getItem'>;
export type Coupon = OutputOf<MallContract, 'myCoupons'>['coupons'][number];
export type Verified = OutputOf<MallContract, 'verifyCoupon'>;
export type Verification = OutputOf<MallContract, 'recentVerifications'>['verifications'][number];
export type RedemptionsPage = OutputOf<MallContract, 'listRedemptions'>;

export const fetchItemList = async () => (await callFunction('mall', 'listItems', {})).items;
export const fetchItem = (id: string) => callFunction('mall', 'getItem', { id });
export const fetchCatalog = async () => (await callFunction('mall', 'catalog', {})).items;
export const saveItem = (input: SaveItemInput) => callFunction('mall', 'saveItem', input);
export const redeemItem = (itemId: string, requestId: string) => callFunction('mall', 'redeem', { itemId, requestId });
export const fetchCouponList = async (status?: CouponStatus) =>
  (await callFunction('mall', 'myCoupons', status ? { status } : {})).coupons;
export const verifyCoupon = (code: string) => callFunction('mall', 'verifyCoupon', { code });
export const fetchRecentVerifications = async () =>
  (await callFunction('mall', 'recentVerifications', { limit: 20 })).verifications;
export const fetchRedemptions = (filter: { status?: CouponStatus; before?: number }) =>
  callFunction('mall', 'listRedemptions', { ...filter, limit: 30 });
