export default definePageConfig({
  navigationBarTitleText: '山茶生活',
});
