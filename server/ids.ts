/**
 * Identifiers. Every character comes from crypto.randomInt, which is unbiased, so ids and codes are
 * unguessable as well as unique in practice.
 */
import { randomInt } from 'node:crypto';

export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A random string of `length` characters drawn uniformly from `alphabet`. */
export function randomString(alphabet: string, length: number): string {
  if (alphabet.length < 2 || alphabet.length > 256) throw new RangeError('alphabet must have 2..256 characters');
  if (!Number.isInteger(length) || length < 1) throw new RangeError('length must be a positive integer');
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet.charAt(randomInt(alphabet.length));
  return out;
}

/**
 * A document id with a domain prefix (`sto_` + 16 base62 characters, about 95 bits), matching
 * core/contracts/common.ts `prefixedId`.
 */
export function newId(prefix: string, length = 16): string {
  if (!/^[a-z]{2,5}$/.test(prefix)) throw new RangeError(`bad id prefix: ${prefix}`);
  return `${prefix}_${randomString(BASE62, length)}`;
}
