export default definePageConfig({
  navigationBarTitleText: '月度目标',
});
