/**
 * `brand_settings/current`: HQ's brand, written by account.saveBrand; account.brand serves it to
 * the app, and the invitation poster names the brand in its caption.
 */
import * as z from 'zod';
import { getDoc } from '../db/read';
import type { Database } from '../db/types';

export const BRAND_ID = 'current';

export const BrandDoc = z.object({
  _id: z.literal(BRAND_ID),
  name: z.string(),
  shortName: z.string(),
  logo: z.string().optional(),
  themeColor: z.string(),
  pointsName: z.string(),
  servicePhone: z.string().optional(),
  updatedAt: z.number(),
  updatedBy: z.string(),
});
export type BrandDoc = z.infer<typeof BrandDoc>;

export function loadBrand(db: Database): Promise<BrandDoc | null> {
  return getDoc(db.collection('brand_settings').doc(BRAND_ID), BrandDoc, 'brand_settings');
}
