export default definePageConfig({
  navigationBarTitleText: '排行权重',
});
