export default definePageConfig({
  navigationBarTitleText: '素材数据',
});
