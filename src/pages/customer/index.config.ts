export default definePageConfig({
  navigationBarTitleText: '会员中心',
  // "邀请好友" sends a chat card with the member's invitation link.
  enableShareAppMessage: true,
});
