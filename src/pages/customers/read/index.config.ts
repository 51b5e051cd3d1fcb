export default definePageConfig({
  navigationBarTitleText: '山茶生活',
  // Shared to chats and to Moments (opened there in single-page mode).
  enableShareAppMessage: true,
  enableShareTimeline: true,
});
