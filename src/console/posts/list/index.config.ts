export default definePageConfig({
  navigationBarTitleText: '朋友圈素材',
});
