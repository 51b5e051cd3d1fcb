import { REFERRAL_VISIT_DAYS } from '../limits';

/**
 * The version of what a visitor agrees to on the join page: the points rules and the privacy guide
 * (src/privacy/). Kept free of zod so the app can import it without the validator.
 *
 * Bump it when either text changes: registration refuses an older version, so every stored
 * agreement names the wording the member actually saw.
 */
export const MEMBER_TERMS_VERSION = '2026-12-03';

/** Said when a registration carries no agreement (the app only sends one after the box is ticked). */
export const CONSENT_REQUIRED = '请先阅读并勾选同意《积分规则》与《隐私保护指引》';

/**
 * Who counts as the friend a member (or guide) brought, as the server decides it in
 * account.registerMember; the rules page states it in full beside the referral rewards.
 */
export const REFERRAL_RULES: readonly string[] = [
  `好友须通过你分享的页面、链接或海报打开小程序，并在打开后 ${REFERRAL_VISIT_DAYS} 天内注册成为会员，才算你邀请的好友。`,
  `以下情况不记邀请人：好友没有通过你的分享打开过、打开已超过 ${REFERRAL_VISIT_DAYS} 天、链接无效，或通过自己的分享注册。`,
  '好友在朋友圈单页模式中浏览（未登录）不计为打开；每位好友只记一位邀请人，以注册时使用的分享为准。',
];
