// The demo sign-in page and the subscribe-message inbox are H5-only pages: listing them only for h5
// keeps them out of the weapp compile entirely (scripts/check-size.ts greps the weapp output to prove it).
const devPages = process.env.TARO_ENV === 'h5' ? ['pages/dev-login/index', 'pages/dev-inbox/index'] : [];

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
    'pages/customers/board/index',
    // The guide's daily worklist: whom to contact, why, and a script to copy.
    'pages/worklist/index',
    'pages/worklist/scripts/index',
    // A member's invited friends, from the member home.
    'pages/invites/index',
    // Points, mall, coupons and in-store verification.
    'pages/points/index',
    'pages/points/rules/index',
    // The member's rotating code for points at the till.
    'pages/points/code/index',
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
        'points/awards/index',
        'points/tiers/index',
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
        'insight/posts/index',
        'insight/post/index',
        'insight/weekly/index',
        'insight/weights/index',
        'targets/index',
        'stores/edit/index',
        'stores/list/index',
        'stores/guides/index',
        'brand/index',
        'worklist/index',
        'scripts/index',
        // Subscribe-message template ids and HQ's manual customer tags.
        'reminders/index',
        'tags/index',
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
    // Pages set the brand's name at run time (useBrandTitle); no brand is compiled in.
    navigationBarTitleText: '',
    navigationBarTextStyle: 'black',
    backgroundColor: '#ededed',
  },
  lazyCodeLoading: 'requiredComponents',
  // The join page offers the stores nearest the visitor (the device's location, with consent), and HQ
  // places stores on the map; both are declared in the privacy guide (src/privacy/declarations.ts).
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '用于为你推荐附近的门店' },
  },
  // Clipboard, album, camera and chosen photos need the privacy guide and consent (src/privacy/).
  __usePrivacyCheck__: true,
});
