export default definePageConfig({
  navigationBarTitleText: '跟进效果',
});
