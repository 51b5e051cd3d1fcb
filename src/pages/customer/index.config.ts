export default definePageConfig({
  navigationBarTitleText: '山茶生活会员',
  // "邀请好友" sends a chat card with the member's invitation link.
  enableShareAppMessage: true,
});
