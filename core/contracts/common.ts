import { z } from 'zod';

/** Trimmed, non-empty text with a length cap; rejects control characters other than newlines. */
export const text = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), { message: 'control characters' });

/** A WeChat openid as the platform issues them (28 chars in practice); local demo ids are shorter. */
export const openid = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/);

/** Document ids carry a domain prefix (`sto_`, `pst_`, ...). */
export const prefixedId = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9]{6,40}$`));

export const empty = z.strictObject({});
