import * as z from 'zod';
import { ROLES } from '../roles';
import { defineContract } from './define';
import { openid, prefixedId, shareToken, text } from './common';
import { transferCustomersSpec } from './account-transfer';
import { requestId } from './points';
import { CONSENT_REQUIRED } from './member-terms';
import { LatLng, brandSpec, nearestStoresSpec, saveBrandSpec } from './account-brand';
import { MemberCodeOutput } from './points-purchase';

export const storeId = prefixedId('sto');

export const WhoamiOutput = z.object({
  openid: z.string(),
  role: z.enum(ROLES),
  name: z.string().optional(),
  storeId: z.string().optional(),
  storeName: z.string().optional(),
  guideOpenid: z.string().optional(),
  /** A member's guide, by name, so the member knows who serves them. */
  guideName: z.string().optional(),
});
export type WhoamiOutput = z.infer<typeof WhoamiOutput>;

export const CreateStoreInput = z.strictObject({
  name: text(30),
  city: text(20).optional(),
  address: text(100).optional(),
  /** Where the store is, for the nearest stores a visitor is offered. */
  location: LatLng.optional(),
});
export type CreateStoreInput = z.infer<typeof CreateStoreInput>;

/** HQ edits a store: a new name (still unique), city, address or location; `null` clears all but the name. */
export const UpdateStoreInput = z
  .strictObject({
    storeId,
    name: text(30).optional(),
    city: text(20).nullable().optional(),
    address: text(100).nullable().optional(),
    location: LatLng.nullable().optional(),
  })
  .refine((v) => v.name !== undefined || v.city !== undefined || v.address !== undefined || v.location !== undefined, {
    message: '请至少修改一项',
    path: ['name'],
  });
export const UpdateStoreOutput = z.object({
  storeId: z.string(),
  name: z.string(),
  city: z.string().optional(),
  address: z.string().optional(),
  location: z.object({ lat: z.number(), lng: z.number() }).optional(),
});

export const CreateInviteInput = z.strictObject({
  storeId,
  role: z.literal('guide'),
});

export const InviteOutput = z.object({ code: z.string(), expiresAt: z.number() });

/** Invite codes are 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L). */
export const INVITE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const inviteCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(new RegExp(`^[${INVITE_ALPHABET}]{8}$`));

export const RedeemInviteInput = z.strictObject({ code: inviteCode, name: text(20) });
export const RedeemInviteOutput = z.object({ role: z.literal('guide'), storeId: z.string() });

export { CONSENT_REQUIRED, MEMBER_TERMS_VERSION, REFERRAL_RULES } from './member-terms';

export const MemberConsent = z.strictObject({ version: z.string().regex(/^[0-9A-Za-z.-]{1,20}$/) });
export type MemberConsent = z.infer<typeof MemberConsent>;

export const RegisterMemberInput = z.strictObject({
  name: text(20),
  /**
   * The token of the share the visitor arrived through. The referrer is that share's sharer, and
   * only when this visitor recorded a visit through it within REFERRAL_VISIT_DAYS; an unknown,
   * forged, expired or unvisited token joins them without crediting anybody.
   */
  shareToken: shareToken.optional(),
  /**
   * The store the visitor picked (from account.nearestStores or the city list) when no share
   * decides their guide: they go to that store's least-loaded active guide.
   */
  storeId: storeId.optional(),
  /**
   * The visitor's explicit agreement. Required, with its own message: the kit's generic "必填"
   * would not tell a caller what is missing.
   */
  consent: z.custom<MemberConsent>((v) => v !== undefined, { message: CONSENT_REQUIRED }).pipe(MemberConsent),
});
export const RegisterMemberOutput = z.object({
  role: z.literal('customer'),
  guideOpenid: z.string().optional(),
  /** Whether the share credited its sharer ('none': no token, or one that does not qualify). */
  referral: z.enum(['credited', 'none']),
  /** The sharer credited, by name. */
  referrerName: z.string().optional(),
});

export { REFERRAL_VISIT_DAYS } from '../limits';

/** `requestId` makes a retried deletion apply once. */
export const DeleteMyDataInput = z.strictObject({ requestId });
export const DeleteMyDataOutput = z.object({
  /** `deleted`: this call or an earlier one with the same requestId erased the member; `none`: a visitor with no member data. */
  status: z.enum(['deleted', 'none']),
  /** Points the closing journal entry forfeited. */
  forfeitedPoints: z.number().int().min(0),
  /** Unused coupons voided. */
  voidedCoupons: z.number().int().min(0),
  /** Used or expired coupons kept for the store's records, without the member's identity. */
  keptCoupons: z.number().int().min(0),
  deletedAt: z.number().optional(),
});
export type DeleteMyDataOutput = z.infer<typeof DeleteMyDataOutput>;

export const StoreSummary = z.object({
  id: z.string(),
  name: z.string(),
  city: z.string().optional(),
  address: z.string().optional(),
  location: z.object({ lat: z.number(), lng: z.number() }).optional(),
  guides: z.number(),
  customers: z.number(),
});
export type StoreSummary = z.infer<typeof StoreSummary>;

export const GuideSummary = z.object({
  openid: z.string(),
  name: z.string(),
  storeId: z.string(),
  active: z.boolean(),
  customers: z.number(),
});
export type GuideSummary = z.infer<typeof GuideSummary>;

export const accountContract = defineContract('account', {
  whoami: {
    input: z.strictObject({}),
    output: WhoamiOutput,
    roles: ['hq', 'guide', 'customer', 'visitor'],
    allowInactive: true,
  },
  createStore: { input: CreateStoreInput, output: z.object({ storeId: z.string() }), roles: ['hq'] },
  updateStore: { input: UpdateStoreInput, output: UpdateStoreOutput, roles: ['hq'] },
  createInvite: { input: CreateInviteInput, output: InviteOutput, roles: ['hq'] },
  redeemInvite: { input: RedeemInviteInput, output: RedeemInviteOutput, roles: ['visitor'] },
  registerMember: { input: RegisterMemberInput, output: RegisterMemberOutput, roles: ['visitor'] },
  /**
   * A member erases their data (docs/privacy.md). Visitors may call it too: a deleted member is a
   * visitor again, so replaying the same requestId must reach the action to get the same answer;
   * a visitor who never was a member has nothing to delete (`status: 'none'`).
   */
  deleteMyData: { input: DeleteMyDataInput, output: DeleteMyDataOutput, roles: ['customer', 'visitor'] },
  listStores: { input: z.strictObject({}), output: z.object({ stores: z.array(StoreSummary) }), roles: ['hq'] },
  /** A guide who leaves is deactivated, not deleted: history and referrals stay. */
  setGuideActive: {
    input: z.strictObject({ openid, active: z.boolean() }),
    output: z.object({ openid: z.string(), active: z.boolean() }),
    roles: ['hq'],
  },
  listGuides: {
    input: z.strictObject({ storeId: storeId.optional() }),
    output: z.object({ guides: z.array(GuideSummary) }),
    roles: ['hq'],
  },
  brand: brandSpec,
  saveBrand: saveBrandSpec,
  nearestStores: nearestStoresSpec,
  /** Moves a departed guide's customers to another guide of the store (core/contracts/account-transfer.ts). */
  transferCustomers: transferCustomersSpec,
  /** A member's rotating code for points at the till (core/points/purchase.ts has its window). */
  memberCode: { input: z.strictObject({}), output: MemberCodeOutput, roles: ['customer'] },
});
export type AccountContract = typeof accountContract;
