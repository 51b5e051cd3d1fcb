export default definePageConfig({
  navigationBarTitleText: '门店与导购',
});
