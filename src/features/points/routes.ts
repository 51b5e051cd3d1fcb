export const POINTS_ROUTES = {
  points: '/pages/points/index',
  rules: '/pages/points/rules/index',
  rulesEditor: '/console/points/rules/index',
  journal: '/console/points/journal/index',
} as const;
