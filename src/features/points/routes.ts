export const POINTS_ROUTES = {
  points: '/pages/points/index',
  rules: '/pages/points/rules/index',
  memberCode: '/pages/points/code/index',
  rulesEditor: '/console/points/rules/index',
  journal: '/console/points/journal/index',
  awards: '/console/points/awards/index',
  tiers: '/console/points/tiers/index',
} as const;
