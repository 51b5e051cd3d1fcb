import { personKey } from '../privacy/keys';
import { entryKeys } from './keys';
import { LEGACY_ID_FORMS, legacyEntryKey, legacyIdsNaming, rekeyedRef } from './legacy-keys';

const O = 'oAbC_12-xyz';
const HQ = 'o_hq_op';
const CREATED = 1_700_000_000_000;

beforeAll(() => {
  process.env.SIYU_ID_SECRET = 'legacy-keys-test-secret-0123456789abcdef';
});

/** Every id the code before keyed ids wrote, beside what today's code writes for the same event. */
const pairs = (): [string, string][] => [
  [`welcome:${O}`, entryKeys.welcome(O)],
  [`ref-join:${O}`, entryKeys.referralJoined(O)],
  [`ref-redeem:${O}`, entryKeys.referralFirstRedeem(O)],
  [`ref-purchase:${O}`, entryKeys.referralFirstPurchase(O)],
  [`adjust:${HQ}:r1234abcd`, entryKeys.adjust(HQ, 'r1234abcd')],
  [`expire:${O}:2026-01-31`, entryKeys.expire(O, CREATED, '2026-01-31')],
  [`forfeit:${O}:2`, entryKeys.forfeit(O, 2)],
  [`reverse:ref-join:${O}`, entryKeys.reverse(entryKeys.referralJoined(O))],
  [`reverse:adjust:${HQ}:r1234abcd`, entryKeys.reverse(entryKeys.adjust(HQ, 'r1234abcd'))],
];

it("maps each legacy id to exactly the id today's scheme gives the same event", () => {
  for (const [legacy, today] of pairs()) {
    expect([legacy, legacyEntryKey(legacy, CREATED)?.id]).toEqual([legacy, today]);
    expect(legacyEntryKey(legacy, CREATED)?.id).not.toContain(legacy.includes(HQ) ? HQ : O);
  }
});

it('leaves alone ids of today and ids that name nobody', () => {
  const current = pairs().map(([, today]) => today);
  for (const id of [...current, 'redeem:cpn_abcdefghij0123456789', 'purchase:pur_0123', 'reverse:purchase:pur_0']) {
    expect([id, legacyEntryKey(id, CREATED)]).toEqual([id, null]);
    expect([id, LEGACY_ID_FORMS.some((f) => f.test(id))]).toEqual([id, false]);
  }
});

it('finds the legacy ids that spell one openid, and every legacy id', () => {
  for (const [legacy] of pairs()) {
    const named = legacy.includes(HQ) ? HQ : O;
    expect([
      legacy,
      legacyIdsNaming(named).filter((f) => f.test(legacy)).length,
      LEGACY_ID_FORMS.filter((f) => f.test(legacy)).length,
    ]).toEqual([legacy, 1, 1]);
  }
  // A longer openid that starts with this one is somebody else.
  for (const other of [`welcome:${O}2`, `expire:${O}2:2026-01-31`, `welcome:x${O}`])
    expect([other, legacyIdsNaming(O).some((f) => f.test(other))]).toEqual([other, false]);
});

it("turns a friend's openid in ref into their person key, and keeps other refs", () => {
  expect(rekeyedRef(O, O)).toBe(personKey(O));
  expect(rekeyedRef('cpn_x', O)).toBe('cpn_x');
  expect(rekeyedRef(undefined, O)).toBeUndefined();
});
