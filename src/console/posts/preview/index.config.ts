export default definePageConfig({
  navigationBarTitleText: '导购变体预览',
});
