export default definePageConfig({
  navigationBarTitleText: '',
  // Shared to chats and to Moments (opened there in single-page mode).
  enableShareAppMessage: true,
  enableShareTimeline: true,
});
