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
 * sharer); `termsVersion`: the version of the rules and privacy guide they ticked their agreement to;
 * `storeId`: the store they picked when no share brought them.
 */
export const registerMember = (name: string, shareToken: string | undefined, termsVersion: string, storeId?: string) =>
  callFunction('account', 'registerMember', {
    name: name.trim(),
    consent: { version: termsVersion },
    ...(shareToken ? { shareToken } : {}),
    ...(storeId ? { storeId } : {}),
  });
export type Registered = Awaited<ReturnType<typeof registerMember>>;

export const deleteMyData = (requestId: string) => callFunction('account', 'deleteMyData', { requestId });

/** A leaving guide's customers move to a colleague of the same store (HQ's handover page). */
export const transferCustomers = (fromGuide: string, toGuide: string, override: boolean) =>
  callFunction('account', 'transferCustomers', { fromGuide, toGuide, override });

/** HQ opens a store (name unique; city, address and location optional). */
export const createStore = (input: CallInput<'account', 'createStore'>) =>
  callFunction('account', 'createStore', input);

/** A one-time guide invitation for a store; a new one can be made any time (re-invite). */
export const createGuideInvite = (storeId: string) =>
  callFunction('account', 'createInvite', { storeId, role: 'guide' });

export const setGuideActive = (openid: string, active: boolean) =>
  callFunction('account', 'setGuideActive', { openid, active });

/** The three stores nearest a point, nearest first. */
export const fetchNearestStores = async (lat: number, lng: number) =>
  (await callFunction('account', 'nearestStores', { lat, lng })).stores;

/** HQ renames a store or corrects its city, address or location (an emptied field is cleared). */
export const updateStore = (input: CallInput<'account', 'updateStore'>) =>
  callFunction('account', 'updateStore', input);
