export default definePageConfig({
  navigationBarTitleText: '导购离职交接',
});
