import { PageMeta } from '@tarojs/components';
import { useBrand } from './use-brand';
import { themeStyle } from './theme';

/**
 * weapp: a page's theme variables (page-meta must be the page's first node). On H5 the document
 * root carries them (use-brand.ts), so this renders nothing there.
 */
export function BrandTheme() {
  const brand = useBrand();
  if (process.env.TARO_ENV !== 'weapp') return null;
  return <PageMeta pageStyle={themeStyle(brand.themeColor)} />;
}
