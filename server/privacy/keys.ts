/**
 * Keyed hashes that stand for a person wherever an id must be derived from them (idempotency keys
 * of journal entries, coupon ids, visit ids, tombstones, anonymous nodes). The key is
 * SIYU_ID_SECRET, a function setting that is never written to the database: someone holding a copy
 * of the data and a candidate openid cannot confirm that the openid is in it, and one person's id
 * never shows another person's openid (a referrer sees `ref-join:<hash>`, not the friend).
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { readEnv } from '../env';

/** The key, read on every call (the environment is per invocation); missing is a deploy bug. */
export function idSecret(): string {
  const secret = readEnv().idSecret;
  if (secret === undefined) throw new Error('SIYU_ID_SECRET is not set: ids derived from a person cannot be made');
  return secret;
}

const mac = (purpose: string, parts: readonly string[]) =>
  createHmac('sha256', idSecret())
    .update([purpose, ...parts].join('\n'))
    .digest();

/** Hex digest of `parts` for one purpose; 24 hex characters (96 bits) unless told. */
export function keyedHex(purpose: string, parts: readonly string[], length = 24): string {
  return mac(purpose, parts).toString('hex').slice(0, length);
}

/** The stand-in for a person inside ids: the same openid always gives the same key. */
export const personKey = (openid: string): string => `p${keyedHex('person', [openid])}`;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `length` base62 characters of a keyed digest (for ids with a base62 alphabet such as cpn_*). */
export function keyedBase62(purpose: string, parts: readonly string[], length = 20): string {
  const digest = mac(purpose, parts);
  let out = '';
  for (let i = 0; i < length; i++) out += BASE62.charAt((digest[i % digest.length] ?? 0) % 62);
  return out;
}

/**
 * Seals a short text (the openid of a deletion in progress) so the database holds it only in a
 * form the functions can read back: AES-256-GCM under a key derived from SIYU_ID_SECRET.
 */
export function seal(text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', mac('seal', []), iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

export function unseal(sealed: string): string {
  const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
  if (!iv || !tag || !body) throw new Error('sealed text is malformed');
  const decipher = createDecipheriv('aes-256-gcm', mac('seal', []), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

/**
 * Stands for a signed-in reader on the visits of one share: it matches only when the share token
 * and the openid are both known, so the visits of a reader who has not agreed to be recorded
 * cannot be gathered into a profile, yet the server can still tell that this caller opened this
 * share (their own reading-time reports, the referral when they join).
 */
export const readerKey = (token: string, openid: string): string => `r${keyedHex('reader', [token, openid])}`;

/** A signed-in reader's visit of a share on a Beijing day (and half-hour slot of a reopen). */
export const readerVisitId = (token: string, openid: string, ...when: string[]): string =>
  `vst_${keyedHex('visit', [token, openid, ...when], 32)}`;

/** The tombstone of an openid's deletions (account's `erasures`). */
export const tombstoneId = (openid: string): string => `era_${keyedHex('tomb', [openid], 40)}`;

/**
 * The anonymous node of the n-th deletion of an openid. Deterministic, so a resumed deletion
 * rewrites to the same node; it has the shape of an openid so guides' views that take one
 * (a customer's timeline) still open, but WeChat never issues an `anon_` openid.
 */
export const anonymousNode = (openid: string, n: number): string => `anon_${keyedHex('anon', [openid, String(n)], 24)}`;
