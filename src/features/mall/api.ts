import type { CouponStatus } from '@core/contracts/mall';
import { callFunction, type CallInput, type CallOutput } from '@/lib/cloud';

export type SaveItemInput = CallInput<'mall', 'saveItem'>;

export type Item = CallOutput<'mall', 'listItems'>['items'][number];
export type ItemDetail = CallOutput<'mall', 'getItem'>;
export type Coupon = CallOutput<'mall', 'myCoupons'>['coupons'][number];
export type Verified = CallOutput<'mall', 'verifyCoupon'>;
export type Verification = CallOutput<'mall', 'recentVerifications'>['verifications'][number];
export type RedemptionsPage = CallOutput<'mall', 'listRedemptions'>;

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
export const fetchRedemptions = (filter: { status?: CouponStatus; cursor?: string }) =>
  callFunction('mall', 'listRedemptions', { ...filter, limit: 30 });
