export default definePageConfig({
  navigationBarTitleText: '编辑门店',
});
