export default definePageConfig({
  navigationBarTitleText: '本店排行',
});
