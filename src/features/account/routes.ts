import type { Role } from '@core/roles';

export const ROUTES = {
  launch: '/pages/index/index',
  join: '/pages/join/index',
  guideHome: '/pages/guide/index',
  customerHome: '/pages/customer/index',
  me: '/pages/me/index',
  hqHome: '/console/pages/home/index',
} as const;

const HOME_BY_ROLE: Record<Role, string> = {
  visitor: ROUTES.join,
  guide: ROUTES.guideHome,
  customer: ROUTES.customerHome,
  hq: ROUTES.hqHome,
};

/** Where a caller of this role lands after launch. */
export function homeFor(role: Role): string {
  return HOME_BY_ROLE[role];
}

export const ROLE_LABELS: Record<Role, string> = {
  hq: '总部运营',
  guide: '门店导购',
  customer: '会员',
  visitor: '访客',
};
