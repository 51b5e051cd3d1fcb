export default definePageConfig({
  navigationBarTitleText: '每周报告',
});
