export default definePageConfig({
  navigationBarTitleText: '兴趣标签规则',
});
