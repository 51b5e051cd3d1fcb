export default definePageConfig({
  navigationBarTitleText: '兑换与核销记录',
});
