/**
 * Shared steps for the points and mall integration tests: catalog and rules set-up through HQ, and
 * the ledger audit every test ends with.
 */
import type { SaveItemInput } from '@core/contracts/mall';
import { DEFAULT_POINTS_RULES, type SetRulesInput } from '@core/contracts/points';
import { journalProblems } from '../support/ledger-audit';
import { dataOf, newOpenid, TEST_HQ, type TestCloud } from '../support/local-cloud';

let requestCounter = 0;
/** A client-made request id, unique in this process. */
export function newRequestId(): string {
  requestCounter += 1;
  return `req_${process.pid}_${requestCounter}_${Math.random().toString(36).slice(2, 10)}`;
}

export async function setRules(cloud: TestCloud, rules: SetRulesInput): Promise<void> {
  dataOf(await cloud.call('points', 'setRules', rules, TEST_HQ));
}

/** The rules before HQ saved any (rewards off, no caps, no expiry): what each test starts from unless it says otherwise. */
export async function resetRules(cloud: TestCloud): Promise<void> {
  const { version: _version, updatedAt: _updatedAt, ...rules } = DEFAULT_POINTS_RULES;
  await setRules(cloud, rules);
}

export async function makeItem(cloud: TestCloud, overrides: Partial<SaveItemInput> = {}): Promise<string> {
  const input: SaveItemInput = {
    title: '满100减20券',
    kind: 'coupon',
    pointsPrice: 100,
    stock: 100,
    perUserLimit: 5,
    validDays: 30,
    amountFen: 2000,
    thresholdFen: 10000,
    ...overrides,
  };
  return dataOf(await cloud.call('mall', 'saveItem', input, TEST_HQ)).id;
}

/** HQ credits (or debits) a member's points with a reason. */
export async function grant(cloud: TestCloud, openid: string, delta: number): Promise<number> {
  return dataOf(await cloud.call('points', 'adjust', { openid, delta, reason: '测试发放' }, TEST_HQ)).balance;
}

/** A member with the given points (granted by HQ). */
export async function makeMemberWithPoints(cloud: TestCloud, points: number, referrer?: string): Promise<string> {
  const { openid } = await cloud.makeMember(referrer);
  if (points > 0) await grant(cloud, openid, points);
  return openid;
}

export async function balanceOf(cloud: TestCloud, openid: string): Promise<number> {
  return dataOf(await cloud.call('points', 'balance', {}, openid)).balance;
}

export function entriesOf(cloud: TestCloud, openid: string): Record<string, unknown>[] {
  return cloud.cloud.engine.findDocs('points_entries', { openid });
}

/**
 * Members written straight into the database, each with `points` as an HQ grant would leave them
 * (user, account with one never-expiring lot, one journal entry). For races that need hundreds of
 * members: registering them through the account function would take longer than the race itself.
 */
export function seedMembers(cloud: TestCloud, n: number, points: number): string[] {
  const engine = cloud.cloud.engine;
  return Array.from({ length: n }, (_, i) => {
    const openid = newOpenid('o_seed');
    engine.insertDoc('users', { _id: openid, role: 'customer', name: `会员${i + 1}`, createdAt: Date.now() });
    if (points > 0) {
      engine.insertDoc('points_entries', {
        _id: `adjust:${TEST_HQ}:seed_${openid}`,
        openid,
        kind: 'adjust',
        amount: points,
        seq: 1,
        balanceAfter: points,
        createdAt: Date.now(),
        lotKey: 'never',
        reason: '测试发放',
        by: TEST_HQ,
      });
      engine.insertDoc('points_accounts', {
        _id: openid,
        balance: points,
        seq: 1,
        lots: [{ key: 'never', amount: points, expiresAt: null }],
        nextExpiry: null,
        createdAt: Date.now(),
        updatedAt: Date.now(),
      });
    }
    return openid;
  });
}

/** Runs `n` calls at once (all started before any is awaited). */
export function atOnce<T>(n: number, call: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => call(i)));
}

/** Runs calls with at most `width` in flight; for set-up that would otherwise flood the host. */
export async function inBatches<T>(n: number, width: number, call: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i += width) out.push(...(await atOnce(Math.min(width, n - i), (j) => call(i + j))));
  return out;
}

/** The points journal's invariants over the cloud's whole database (empty = sound). */
export function ledgerProblems(cloud: TestCloud): string[] {
  return journalProblems(cloud.cloud.engine);
}

export { dataOf, newOpenid, TEST_HQ };
