export default definePageConfig({
  navigationBarTitleText: '会员标签清单',
});
