export default definePageConfig({
  navigationBarTitleText: '推荐关系图',
});
