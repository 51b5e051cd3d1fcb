/** The account cloud function: roles, brand settings, stores, invites and member registration. */
import { accountContract } from '@core/contracts/account';
import { defineFunction } from '@server/kit';
import { brand, saveBrand } from './actions/brand';
import { createInvite } from './actions/create-invite';
import { createStore } from './actions/create-store';
import { deleteMyData, resumeErasures } from './actions/delete-my-data';
import { listGuides } from './actions/list-guides';
import { listStores } from './actions/list-stores';
import { nearestStores } from './actions/nearest-stores';
import { memberCode } from './actions/member-code';
import { redeemInvite } from './actions/redeem-invite';
import { registerMember } from './actions/register-member';
import { setGuideActive } from './actions/set-guide-active';
import { transferCustomers } from './actions/transfer-customers';
import { updateStore } from './actions/update-store';
import { whoami } from './actions/whoami';
import { payReferralRewards } from './rules/referral-reward';

export const main = defineFunction(
  accountContract,
  {
    whoami,
    createStore,
    updateStore,
    createInvite,
    redeemInvite,
    registerMember,
    deleteMyData,
    listStores,
    setGuideActive,
    listGuides,
    transferCustomers,
    brand,
    saveBrand,
    nearestStores,
    memberCode,
  },
  { timers: { resumeErasures, payReferralRewards } },
);
