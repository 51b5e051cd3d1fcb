export default definePageConfig({
  navigationBarTitleText: '收到的订阅消息',
});
