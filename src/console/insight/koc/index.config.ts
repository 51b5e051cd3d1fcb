export default definePageConfig({
  navigationBarTitleText: 'KOC名单',
});
