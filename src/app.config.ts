// The demo sign-in page is an H5-only page: listing it only for h5 keeps it out of the weapp
// compile entirely (scripts/check-size.ts greps the weapp output to prove it).
const devPages = process.env.TARO_ENV === 'h5' ? ['pages/dev-login/index'] : [];

export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/join/index',
    'pages/guide/index',
    'pages/customer/index',
    'pages/me/index',
    'pages/post/index',
    'pages/customers/index',
    'pages/customers/read/index',
    'pages/customers/timeline/index',
    'pages/customers/figures/index',
    // A member's invited friends, from the member home.
    'pages/invites/index',
    // Points, mall, coupons and in-store verification.
    'pages/points/index',
    'pages/points/rules/index',
    'pages/mall/index',
    'pages/mall/item/index',
    'pages/coupons/index',
    'pages/verify/index',
    // The privacy guide: linked from the join page, "我的" and the consent sheet.
    'privacy/guide/index',
    ...devPages,
  ],
  subPackages: [
    {
      // HQ console: only operators open it, so its weight stays out of the main package.
      root: 'console',
      pages: [
        'pages/home/index',
        'points/rules/index',
        'points/journal/index',
        'mall/catalog/index',
        'mall/edit/index',
        'mall/redemptions/index',
        'posts/list/index',
        'posts/edit/index',
        'posts/preview/index',
        'posts/stats/index',
        'insight/leaderboard/index',
        'insight/koc/index',
        'insight/transfer/index',
        'insight/tags/index',
        'stores/edit/index',
      ],
    },
    {
      // HQ charts: echarts weighs ~460 KB, so the dashboard and graph load only when opened.
      root: 'charts',
      pages: ['dashboard/index', 'graph/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#ededed',
    navigationBarTitleText: '山茶生活',
    navigationBarTextStyle: 'black',
    backgroundColor: '#ededed',
  },
  lazyCodeLoading: 'requiredComponents',
  // Clipboard, album, camera and chosen photos need the privacy guide and consent (src/privacy/).
  __usePrivacyCheck__: true,
});
