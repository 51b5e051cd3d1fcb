export const INSIGHT_ROUTES = {
  reader: '/pages/customers/read/index',
  myCustomers: '/pages/customers/index',
  timeline: '/pages/customers/timeline/index',
  myFigures: '/pages/customers/figures/index',
  invites: '/pages/invites/index',
  dashboard: '/charts/dashboard/index',
  graph: '/charts/graph/index',
  leaderboard: '/console/insight/leaderboard/index',
  koc: '/console/insight/koc/index',
  transfer: '/console/insight/transfer/index',
  tagRules: '/console/insight/tags/index',
  recentPosts: '/console/insight/posts/index',
  postFigures: '/console/insight/post/index',
  weekly: '/console/insight/weekly/index',
  weights: '/console/insight/weights/index',
  targets: '/console/targets/index',
  storeBoard: '/pages/customers/board/index',
} as const;

export const withQuery = (route: string, query: Record<string, string>) =>
  `${route}?${Object.entries(query)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')}`;
