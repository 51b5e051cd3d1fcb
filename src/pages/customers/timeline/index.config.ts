export default definePageConfig({
  navigationBarTitleText: '会员动态',
});
