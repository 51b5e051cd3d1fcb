/** `brand_settings/current`: HQ's brand, as account.saveBrand wrote it; account.brand reads it. */
import * as z from 'zod';
import { DEFAULT_BRAND, type Brand } from '@core/brand';
import { getDoc } from '@server/db/read';
import type { Database } from '@server/db/types';
import type { Cloud } from '@server/kit/types';
import { tempUrls } from '@server/storage';

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

/** What the app sees: the saved brand (the logo as a temporary URL), or the neutral default. */
export async function brandView(cloud: Cloud, doc: BrandDoc | null): Promise<Brand> {
  if (!doc) return DEFAULT_BRAND;
  const logoUrl = doc.logo ? (await tempUrls(cloud, [doc.logo])).get(doc.logo) : undefined;
  return {
    name: doc.name,
    shortName: doc.shortName,
    ...(doc.logo ? { logo: doc.logo } : {}),
    ...(logoUrl ? { logoUrl } : {}),
    themeColor: doc.themeColor,
    pointsName: doc.pointsName,
    ...(doc.servicePhone ? { servicePhone: doc.servicePhone } : {}),
    configured: true,
  };
}
