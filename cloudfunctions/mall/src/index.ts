/** The mall function: catalog, redemption into coupons, the member's coupons, verification in store. */
import { mallContract } from '@core/contracts/mall';
import { defineFunction } from '@server/kit';
import { getItem } from './actions/get-item';
import { catalog, listItems } from './actions/list-items';
import { listRedemptions } from './actions/list-redemptions';
import { myCoupons } from './actions/my-coupons';
import { recentVerifications } from './actions/recent-verifications';
import { redeem } from './actions/redeem';
import { saveItem } from './actions/save-item';
import { verifyCoupon } from './actions/verify-coupon';
import { expireCoupons } from './timers/expire-coupons';

export const main = defineFunction(
  mallContract,
  { listItems, getItem, catalog, saveItem, redeem, myCoupons, verifyCoupon, recentVerifications, listRedemptions },
  { timers: { expireCoupons } },
);
