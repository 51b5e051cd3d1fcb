/**
 * Plain limits shared by the contracts (which validate them on the server) and the app (which
 * shows them in forms). Free of zod, so the mini-program imports them without the validator.
 */

/** Moments shows up to 9 images in one post. */
export const MAX_IMAGES = 9;
/** msgSecCheck takes 2500 characters at most; title and body are checked together. */
export const MAX_TITLE = 40;
export const MAX_BODY = 2000;
export const MAX_PROTECT_TERMS = 20;
export const MAX_PROTECT_TERM_LENGTH = 30;

/** Interest tags on one post, and the length of one tag. */
export const MAX_TAGS_PER_POST = 5;
export const MAX_TAG_LENGTH = 12;
export const MAX_TAG_RULES = 50;

/** Seconds of reading per heartbeat the page sends while visible. */
export const HEARTBEAT_SECONDS = 10;

/** How the leaderboard weighs each figure; shown to guides in full so the ranking is not a mystery. */
export const SCORE_WEIGHTS = { copies: 1, visits: 1, newMembers: 10, redemptions: 5 } as const;

/** A customer moves to another guide at most this often within TRANSFER_WINDOW_DAYS, unless HQ overrides. */
export const MAX_MOVES = 2;
export const TRANSFER_WINDOW_DAYS = 90;

/**
 * Characters of a share token (base62). Here, free of zod, so the app can check a token from a page
 * query before sending it; core/contracts/common.ts builds the `shareToken` schema on the same length.
 */
export const SHARE_TOKEN_LENGTH = 17;
/** A share credits its sharer only when the new member opened it within this many days. */
export const REFERRAL_VISIT_DAYS = 7;

/**
 * Subscribe-message reminders. Guides: their posting slot (post), a new member joined (member), a
 * customer read one of their posts long enough (read). Members: points or a coupon about to expire.
 */
export const GUIDE_REMINDERS = ['post', 'member', 'read'] as const;
export const MEMBER_REMINDERS = ['points', 'coupon'] as const;
export const REMINDER_KINDS = [...GUIDE_REMINDERS, ...MEMBER_REMINDERS] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
/** Reading at least this long on one open tells the guide (顾客读完提醒). */
export const READ_REMINDER_SECONDS = 60;
/** Points or a coupon expiring within this many days are reminded of. */
export const EXPIRY_REMINDER_DAYS = 3;
/** Messages wait between these Beijing hours (22:00–08:00) and go out at the end of the quiet. */
export const QUIET_FROM_HOUR = 22;
export const QUIET_TO_HOUR = 8;
