export default definePageConfig({
  navigationBarTitleText: '加入山茶生活',
});
