/**
 * The brand a deployment runs as, before HQ names it and as the app shows it. Free of zod, so the
 * mini-program imports it without the validator. No brand is written into the product: every
 * screen, page title, poster caption and rules text reads HQ's settings (account.brand).
 */
export interface Brand {
  /** Full name, e.g. on the join page and the poster caption. */
  name: string;
  /** Short name for page titles and tight places. */
  shortName: string;
  /** Temporary URL of the uploaded logo (absent: none uploaded). */
  logoUrl?: string;
  /** The logo's storage fileID, so HQ's form can keep it unchanged. */
  logo?: string;
  /** `#RRGGBB`. */
  themeColor: string;
  /** What the brand calls its points (积分, 茶豆, ...). */
  pointsName: string;
  servicePhone?: string;
  /** Whether HQ saved settings yet; the console nudges HQ until it has. */
  configured: boolean;
}

export const DEFAULT_BRAND: Brand = {
  name: '会员中心',
  shortName: '会员中心',
  themeColor: '#07c160',
  pointsName: '积分',
  configured: false,
};

export const BRAND_NAME_MAX = 20;
export const BRAND_SHORT_NAME_MAX = 10;
export const POINTS_NAME_MAX = 6;
export const THEME_COLOR = /^#[0-9a-fA-F]{6}$/;
/** Digits with the separators people type in a service number: 400-820-1234, +86 21 5555 0000. */
export const SERVICE_PHONE = /^\+?[0-9][0-9 -]{2,18}[0-9]$/;

/** The nearest stores a visitor choosing where to join is offered. */
export const NEAREST_STORES = 3;
