import { callFunction } from '@/lib/cloud';

export const fetchWhoami = () => callFunction('account', 'whoami', {});

export const fetchStoreList = async () => (await callFunction('account', 'listStores', {})).stores;

export const fetchGuideList = async (storeId?: string) =>
  (await callFunction('account', 'listGuides', storeId ? { storeId } : {})).guides;

export const redeemGuideInvite = (code: string, name: string) =>
  callFunction('account', 'redeemInvite', { code: code.trim().toUpperCase(), name: name.trim() });

export const registerMember = (name: string, referrer: string | undefined) =>
  callFunction('account', 'registerMember', referrer ? { name: name.trim(), referrer } : { name: name.trim() });
