/**
 * HQ's brand settings (account.saveBrand) and what every screen reads of them (account.brand),
 * plus a store's place on the map and the nearest stores a visitor may join (account.nearestStores).
 */
import * as z from 'zod';
import {
  BRAND_NAME_MAX,
  BRAND_SHORT_NAME_MAX,
  NEAREST_STORES,
  POINTS_NAME_MAX,
  SERVICE_PHONE,
  THEME_COLOR,
} from '../brand';
import type { ActionSpec } from './define';
import { text } from './common';
import { fileId } from './content';

export const SaveBrandInput = z.strictObject({
  name: text(BRAND_NAME_MAX),
  shortName: text(BRAND_SHORT_NAME_MAX),
  /** The uploaded logo; `null` removes it, absent keeps the current one. */
  logo: fileId.nullable().optional(),
  themeColor: z.string().regex(THEME_COLOR, { message: '主题色格式应为 #RRGGBB' }),
  pointsName: text(POINTS_NAME_MAX),
  /** `null` removes it. */
  servicePhone: z.string().trim().regex(SERVICE_PHONE, { message: '客服电话格式不正确' }).nullable().optional(),
});
export type SaveBrandInput = z.infer<typeof SaveBrandInput>;

export const BrandOutput = z.object({
  name: z.string(),
  shortName: z.string(),
  logoUrl: z.string().optional(),
  logo: z.string().optional(),
  themeColor: z.string(),
  pointsName: z.string(),
  servicePhone: z.string().optional(),
  configured: z.boolean(),
});

export const brandSpec = {
  input: z.strictObject({}),
  output: BrandOutput,
  // The launch screen and the join page read it before anyone is signed up.
  roles: ['hq', 'guide', 'customer', 'visitor'],
  allowInactive: true,
} as const satisfies ActionSpec;

export const saveBrandSpec = {
  input: SaveBrandInput,
  output: BrandOutput,
  roles: ['hq'],
} as const satisfies ActionSpec;

/** A point on the map in WGS-84 degrees, as Taro.getLocation / chooseLocation give it. */
export const LatLng = z.strictObject({
  lat: z.number().finite().min(-90).max(90),
  lng: z.number().finite().min(-180).max(180),
});
export type LatLng = z.infer<typeof LatLng>;

export const NearestStoresOutput = z.object({
  stores: z
    .array(z.object({ storeId: z.string(), name: z.string(), city: z.string().optional(), distanceM: z.number() }))
    .max(NEAREST_STORES),
});

export const nearestStoresSpec = {
  input: LatLng,
  output: NearestStoresOutput,
  roles: ['hq', 'guide', 'customer', 'visitor'],
} as const satisfies ActionSpec;
