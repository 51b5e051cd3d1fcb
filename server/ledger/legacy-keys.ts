/**
 * Journal ids written before people were keyed in ids: `welcome:<openid>`, `ref-join:<openid>`,
 * `ref-redeem:<openid>`, `ref-purchase:<openid>`, `adjust:<operator openid>:<requestId>`,
 * `expire:<openid>:<lot>`, `forfeit:<openid>:<n>`, and `reverse:` of any of them. An environment
 * that ran that code still holds them. Each maps to exactly the id today's scheme gives the same
 * event (entryKeys), so an entry moved to it is found by the rewards' idempotency checks and a
 * reward for that event is not paid again.
 */
import { personKey } from '../privacy/keys';
import { entryKeys } from './keys';

/** A person's segment as today's ids write it (server/privacy personKey); anything else is an openid. */
const KEYED = /^p[0-9a-f]{24}$/;

const PERSON_ONLY: Record<string, (openid: string) => string> = {
  welcome: entryKeys.welcome,
  'ref-join': entryKeys.referralJoined,
  'ref-redeem': entryKeys.referralFirstRedeem,
  'ref-purchase': entryKeys.referralFirstPurchase,
};

const WITH_TAIL: Record<string, (openid: string, tail: string, accountCreatedAt: number) => string | null> = {
  adjust: (openid, requestId) => entryKeys.adjust(openid, requestId),
  expire: (openid, lot, createdAt) => entryKeys.expire(openid, createdAt, lot),
  forfeit: (openid, n) => (/^\d+$/.test(n) ? entryKeys.forfeit(openid, Number(n)) : null),
};

const REVERSE = entryKeys.reverse('');

export interface Rekeyed {
  /** The id today's scheme gives the event. */
  id: string;
  /** The openid the legacy id spelled. */
  openid: string;
}

/**
 * Today's id for a legacy id, or null when the id is not of a legacy form (it names nobody or
 * already holds a keyed hash). `accountCreatedAt` is the creation time of the account the entry
 * is in: today's expiry ids include it (only an expiry uses it).
 */
export function legacyEntryKey(id: string, accountCreatedAt: number): Rekeyed | null {
  if (id.startsWith(REVERSE)) {
    const inner = legacyEntryKey(id.slice(REVERSE.length), accountCreatedAt);
    return inner && { id: entryKeys.reverse(inner.id), openid: inner.openid };
  }
  const [kind = '', openid, ...tail] = id.split(':');
  if (openid === undefined || openid === '' || KEYED.test(openid)) return null;
  const person = PERSON_ONLY[kind];
  if (person) return tail.length === 0 ? { id: person(openid), openid } : null;
  const withTail = WITH_TAIL[kind];
  const rest = tail[0];
  if (!withTail || tail.length !== 1 || rest === undefined || rest === '') return null;
  const mapped = withTail(openid, rest, accountCreatedAt);
  return mapped === null ? null : { id: mapped, openid };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The literal start of each legacy form and of its reversal: `welcome:`, …, `reverse:forfeit:`. */
const PREFIXES = ['', REVERSE].flatMap((reversal) =>
  Object.keys({ ...PERSON_ONLY, ...WITH_TAIL }).map((form) => `${reversal}${form}:`),
);

/**
 * Legacy ids that spell `openid`, in anybody's journal: one pattern per form, each a literal
 * prefix up to and including the openid, so `_id`'s index bounds each query to that person's ids.
 */
export const legacyIdsNaming = (openid: string): RegExp[] =>
  PREFIXES.map((prefix) => new RegExp(`^${escape(prefix + openid)}(?::|$)`));

/**
 * Every id of a legacy form, whoever it names: one pattern per form, each with a literal prefix, so
 * `_id`'s index bounds each query to that form's ids (the migration's queries).
 */
export const LEGACY_ID_FORMS: readonly RegExp[] = PREFIXES.map(
  (prefix) => new RegExp(`^${escape(prefix)}(?!p[0-9a-f]{24}(?::|$))[^:]+(?::|$)`),
);

/** A legacy entry's `ref` held the friend's openid; today's holds their person key. */
export const rekeyedRef = (ref: string | undefined, openid: string): string | undefined =>
  ref === openid ? personKey(openid) : ref;
