import * as z from 'zod';
import { MAX_TAG_LENGTH } from '../limits';

/** Control characters other than tab and newline. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/**
 * Invisible characters that make two names look equal while they differ, or reorder what is shown
 * (bidi overrides are a known spoofing trick). U+200D (zero-width joiner) stays allowed: emoji
 * sequences such as 👨‍👩‍👧 need it.
 */
const INVISIBLE = /[\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
/** A lone surrogate cannot be stored or shown faithfully. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Trimmed, NFC-normalised, non-empty text with a length cap (in UTF-16 units, like the platform's
 * limits). Rejects control characters other than newlines, invisible/bidi characters and broken
 * surrogate pairs, so a unique name cannot be duplicated by an invisible difference. Refinement
 * messages are Chinese because the kit shows them to the user as they are.
 */
export const text = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .normalize('NFC')
    .min(min)
    .max(max)
    .refine((s) => !CONTROL.test(s), { message: '不能包含控制字符' })
    .refine((s) => !INVISIBLE.test(s), { message: '不能包含不可见字符' })
    .refine((s) => !LONE_SURROGATE.test(s), { message: '包含无法识别的字符' });

/** An interest tag a post carries (护肤, 茶饮); readers who spend time on it gain the tag. */
export const tag = text(MAX_TAG_LENGTH);

/** A WeChat openid as the platform issues them (28 chars in practice); local demo ids are shorter. */
export const openid = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/);

/** Document ids carry a domain prefix (`sto_`, `pst_`, ...). */
export const prefixedId = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9]{6,40}$`));

export const empty = z.strictObject({});

/** A Beijing calendar day, `YYYY-MM-DD`. */
export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' });
/** Longest range a dashboard or leaderboard answers for, in days. */
export const MAX_RANGE_DAYS = 92;
export const DateRange = z.strictObject({ from: day, to: day });
export type DateRange = z.infer<typeof DateRange>;

/**
 * A share token stands for one share: (sharer, post or none for an invitation, parent token for a
 * reshare). 17 base62 characters are 101 bits of randomness, so a token cannot be guessed; a wxacode
 * scene carries it as `t=<token>` (19 characters, within the scene's 32).
 */
export const SHARE_TOKEN_LENGTH = 17;
export const shareToken = z.string().regex(new RegExp(`^[0-9A-Za-z]{${SHARE_TOKEN_LENGTH}}$`), {
  message: '分享链接无效',
});

/**
 * An opaque page cursor: where the last page ended, as (time, _id) — a time alone would skip rows
 * that share it. Only what a server returned as `nextCursor` is meaningful.
 */
export const pageCursor = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, { message: '分页参数无效' });
