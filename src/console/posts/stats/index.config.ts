export default definePageConfig({
  navigationBarTitleText: '素材数据',
  // The native stat card exists only in the mini-program; H5 renders its React twin instead.
  ...(process.env.TARO_ENV === 'weapp'
    ? { usingComponents: { 'stat-card': '../../../components/native/stat-card/index' } }
    : {}),
});
