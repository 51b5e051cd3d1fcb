export default definePageConfig({
  navigationBarTitleText: '我的专属素材',
  // The guide shares the post from here: a chat card, and Moments (which opens this page with the
  // share's token, shown as the reader's view).
  enableShareAppMessage: true,
  enableShareTimeline: true,
});
