/** The brand every screen shows (HQ's settings, account.brand). */
export { useBrand, useBrandTitle, publishBrand, resetBrandCache } from './use-brand';
export { BrandTheme } from './brand-theme';
export type { Brand } from '@core/brand';
