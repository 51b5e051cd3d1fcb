export const MALL_ROUTES = {
  mall: '/pages/mall/index',
  item: '/pages/mall/item/index',
  coupons: '/pages/coupons/index',
  verify: '/pages/verify/index',
  catalog: '/console/mall/catalog/index',
  edit: '/console/mall/edit/index',
  redemptions: '/console/mall/redemptions/index',
} as const;

export const withId = (route: string, id: string) => `${route}?id=${encodeURIComponent(id)}`;
