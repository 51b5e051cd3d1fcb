import type { CallInput } from '@core/contracts';
import { callFunction } from '@/lib/cloud';

export const fetchWhoami = () => callFunction('account', 'whoami', {});

export const fetchStoreList = async () => (await callFunction('account', 'listStores', {})).stores;

export const fetchGuideList = async (storeId?: string) =>
  (await callFunction('account', 'listGuides', storeId ? { storeId } : {})).guides;

export const redeemGuideInvite = (code: string, name: string) =>
  callFunction('account', 'redeemInvite', { code: code.trim().toUpperCase(), name: name.trim() });

/**
 * `shareToken`: the share the visitor arrived through (the server decides whether it credits its
 * sharer); `termsVersion`: the version of the rules and privacy guide they ticked their agreement to.
 */
export const registerMember = (name: string, shareToken: string | undefined, termsVersion: string) =>
  callFunction('account', 'registerMember', {
    name: name.trim(),
    consent: { version: termsVersion },
    ...(shareToken ? { shareToken } : {}),
  });
export type Registered = Awaited<ReturnType<typeof registerMember>>;

export const deleteMyData = (requestId: string) => callFunction('account', 'deleteMyData', { requestId });

/** A leaving guide's customers move to a colleague of the same store (HQ's handover page). */
export const transferCustomers = (fromGuide: string, toGuide: string, override: boolean) =>
  callFunction('account', 'transferCustomers', { fromGuide, toGuide, override });

/** HQ renames a store or corrects its city or address (an emptied field is cleared). */
export const updateStore = (input: CallInput<'account', 'updateStore'>) =>
  callFunction('account', 'updateStore', input);
