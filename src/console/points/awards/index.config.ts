export default definePageConfig({
  navigationBarTitleText: '消费积分发放',
});
