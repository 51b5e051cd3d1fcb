/** What the app sees of HQ's brand (server/data/brand.ts holds the document). */
import { DEFAULT_BRAND, type Brand } from '@core/brand';
import type { BrandDoc } from '@server/data/brand';
import type { Cloud } from '@server/kit/types';
import { tempUrls } from '@server/storage';

/** The saved brand (the logo as a temporary URL), or the neutral default. */
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
