/**
 * The version of what a visitor agrees to on the join page: the points rules and the privacy guide
 * (src/privacy/). Kept free of zod so the app can import it without the validator.
 *
 * Bump it when either text changes: registration refuses an older version, so every stored
 * agreement names the wording the member actually saw.
 */
export const MEMBER_TERMS_VERSION = '2026-11-26';

/** Said when a registration carries no agreement (the app only sends one after the box is ticked). */
export const CONSENT_REQUIRED = '请先阅读并勾选同意《积分规则》与《隐私保护指引》';
