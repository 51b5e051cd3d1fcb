export default definePageConfig({
  navigationBarTitleText: '编辑素材',
});
