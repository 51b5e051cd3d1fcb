export default definePageConfig({
  navigationBarTitleText: '积分流水与调整',
});
