/**
 * Deleting a member whose data was partly written by the code before ids were keyed: journal ids
 * `welcome:<openid>`, `ref-join:<openid>`, `ref-redeem:<openid>`, `ref-purchase:<openid>`,
 * `adjust:<operator openid>:<requestId>` and their reversals, with `ref: <openid>`. The world is
 * made by today's code, then its entries are given the ids and refs the earlier code wrote for the
 * same events. After the deletion (also killed half way and finished by the timer) nothing in the
 * database or storage spells the openid, the referrer's balance and journal amounts are as they
 * were, and the rewards still find their events.
 */
import { EJSON } from 'bson';
import { entryKeys, LEGACY_ID_FORMS } from '@server/ledger';
import { personKey, tombstoneId } from '@server/privacy/keys';
import { journalProblems } from '../support/ledger-audit';
import { dataOf, TEST_HQ, useLocalCloud } from '../support/local-cloud';
import { ERASURE_RULES, erasureTraces } from './account-erasure-helpers';
import { makeItem, newRequestId, setRules } from './mall-helpers';
import { awarded } from './points-purchase-helpers';

const cloud = useLocalCloud();
const NAME = '老数据的小禾';

const docs = (name: string, q?: Record<string, unknown>) => cloud.cloud.engine.findDocs(name, q);

function wire(body: Record<string, unknown>): void {
  const reply = cloud.cloud.engine.handle(body);
  if (typeof reply.code === 'string') throw new Error(`${String(body.action)}: ${String(reply.message)}`);
}

/** What the code before keyed ids wrote where today's writes a person key. */
function legacyForm(text: string, people: readonly string[]): string {
  return people.reduce((t, openid) => t.split(personKey(openid)).join(openid), text);
}

/** Gives every entry naming these people (by person key) the id and ref the earlier code wrote. */
function toLegacyIds(people: readonly string[]): string[] {
  const moved: string[] = [];
  for (const e of docs('points_entries')) {
    const id = String(e._id);
    const legacy = legacyForm(id, people);
    if (legacy === id) continue;
    const copy: Record<string, unknown> = { ...e, _id: legacy };
    for (const field of ['ref', 'reverses'] as const)
      if (typeof e[field] === 'string') copy[field] = legacyForm(e[field], people);
    wire({
      action: 'database.removeDocument',
      collectionName: 'points_entries',
      queryType: 'DOC',
      query: EJSON.stringify({ _id: id }, { relaxed: false }),
    });
    cloud.cloud.engine.insertDoc('points_entries', copy);
    moved.push(legacy);
  }
  return moved;
}

/** The member document without firstPurchaseAt, so a purchase reaches the reward's own check. */
function unsetFirstPurchase(member: string): void {
  wire({
    action: 'database.modifyDocument',
    collectionName: 'users',
    queryType: 'DOC',
    query: EJSON.stringify({ _id: member }, { relaxed: false }),
    data: EJSON.stringify({ $unset: { firstPurchaseAt: '' } }, { relaxed: false }),
    multi: false,
    merge: true,
  });
}

interface World {
  friendOf: string;
  member: string;
  itemId: string;
  guide: string;
}

/** A referrer, the member they brought (who brought another), each reward paid, then made legacy. */
async function legacyWorld(n: number, name = NAME): Promise<World & { legacyIds: string[] }> {
  const guide = (await cloud.makeGuide(undefined, `导购L${n}`)).openid;
  const friendOf = (await cloud.makeMember(guide, `引荐人L${n}`)).openid;
  const member = (await cloud.makeMember(friendOf, name)).openid;
  await cloud.makeMember(member, `被邀请L${n}`);
  const itemId = await makeItem(cloud, { pointsPrice: 10, perUserLimit: 5 });
  await cloud.ok(
    'points',
    'adjust',
    { openid: member, delta: 100, reason: '老数据发放', requestId: newRequestId() },
    TEST_HQ,
  );
  await cloud.ok('mall', 'redeem', { itemId, requestId: newRequestId() }, member);
  await awarded(cloud, guide, member, 12_800);
  // HQ took the joining reward back from the referrer: a reversal that points at a legacy id.
  await cloud.ok('points', 'reverse', { entryId: entryKeys.referralJoined(member), reason: '测试冲正' }, TEST_HQ);
  const legacyIds = toLegacyIds([member, TEST_HQ]);
  return { guide, friendOf, member, itemId, legacyIds };
}

/** The referrer's journal as amounts in order, and their balance: what a re-keying must not change. */
function journalOf(openid: string) {
  const entries = docs('points_entries', { openid }).sort((a, b) => Number(a.seq) - Number(b.seq));
  return {
    balance: docs('points_accounts', { _id: openid })[0]?.balance,
    amounts: entries.map((e) => [e.seq, e.kind, e.amount, e.balanceAfter, e.createdAt]),
  };
}

const deleteMyData = (openid: string) => cloud.call('account', 'deleteMyData', { requestId: newRequestId() }, openid);

beforeAll(async () => {
  cloud.adoptIdSecret();
  await setRules(cloud, ERASURE_RULES);
});

describe('a member with journal ids of the earlier scheme', () => {
  let w: World & { legacyIds: string[] };

  beforeAll(async () => {
    w = await legacyWorld(0);
  }, 60_000);

  it('starts with every legacy form in place, spelling the openids', () => {
    expect(w.legacyIds.sort()).toEqual(
      [
        `welcome:${w.member}`,
        `ref-join:${w.member}`,
        `reverse:ref-join:${w.member}`,
        `ref-redeem:${w.member}`,
        `ref-purchase:${w.member}`,
        expect.stringMatching(new RegExp(`^adjust:${TEST_HQ}:`)),
      ].sort(),
    );
    expect(docs('points_entries', { _id: `ref-purchase:${w.member}` })[0]).toMatchObject({ ref: w.member });
    expect(journalProblems(cloud.cloud.engine)).toEqual([]);
  });

  it('does not pay a reward whose event was journaled under its legacy id', async () => {
    const before = journalOf(w.friendOf);
    await cloud.ok('mall', 'redeem', { itemId: w.itemId, requestId: newRequestId() }, w.member);
    // The journal entry is what makes a first purchase pay once; the member's firstPurchaseAt only
    // spares the look-up, so it is taken away here to reach it.
    unsetFirstPurchase(w.member);
    await awarded(cloud, w.guide, w.member, 5_000);
    expect(journalOf(w.friendOf)).toEqual(before);
  });

  it("re-keys them on deletion: nothing spells the openid, the referrer's journal keeps its amounts", async () => {
    const before = journalOf(w.friendOf);
    expect(dataOf(await deleteMyData(w.member))).toMatchObject({ status: 'deleted' });
    expect(docs('erasures', { _id: tombstoneId(w.member) })[0]).toMatchObject({ swept: true });
    expect(erasureTraces(cloud, w.member, NAME)).toEqual([]);
    expect(journalOf(w.friendOf)).toEqual(before);
    expect(journalProblems(cloud.cloud.engine)).toEqual([]);
    // Exactly today's ids, so the rewards find them; the reversal still points at what it reversed.
    const ids = docs('points_entries', { openid: w.friendOf }).map((e) => e._id);
    expect(ids).toEqual(
      expect.arrayContaining([
        entryKeys.referralJoined(w.member),
        entryKeys.referralFirstRedeem(w.member),
        entryKeys.referralFirstPurchase(w.member),
      ]),
    );
    expect(docs('points_entries', { _id: entryKeys.reverse(entryKeys.referralJoined(w.member)) })[0]).toMatchObject({
      openid: w.friendOf,
      reverses: entryKeys.referralJoined(w.member),
    });
    expect(docs('points_entries', { _id: entryKeys.welcome(w.member) })).toHaveLength(1);
  });
});

describe('the legacy ids of people who stay', () => {
  it("are moved to today's ids by the resumeErasures timer: HQ's journal view stops spelling the friend", async () => {
    const v = await legacyWorld(9, '留下的小禾');
    const hqView = async () =>
      JSON.stringify(await cloud.ok('points', 'journal', { openid: v.friendOf, limit: 50 }, TEST_HQ));
    expect(await hqView()).toContain(v.member);
    const before = [journalOf(v.friendOf), journalOf(v.member)];

    const fired = await cloud.cloud.timers.fire('account', 'resumeErasures');
    expect(fired).toMatchObject({ ok: true });
    expect(await hqView()).not.toContain(v.member);
    expect(docs('points_entries').filter((e) => LEGACY_ID_FORMS.some((f) => f.test(String(e._id))))).toEqual([]);
    expect([journalOf(v.friendOf), journalOf(v.member)]).toEqual(before);
    expect(docs('points_entries', { _id: entryKeys.referralFirstPurchase(v.member) })[0]).toMatchObject({
      openid: v.friendOf,
      ref: personKey(v.member),
    });
    expect(journalProblems(cloud.cloud.engine)).toEqual([]);

    // The rewards find the moved entries: nothing is paid again.
    await cloud.ok('mall', 'redeem', { itemId: v.itemId, requestId: newRequestId() }, v.member);
    unsetFirstPurchase(v.member);
    await awarded(cloud, v.guide, v.member, 5_000);
    expect(journalOf(v.friendOf)).toEqual(before[0]);
    // A pass that found everything moved is recorded, so later firings stop looking.
    expect(docs('erasures', { _id: 'legacy-entry-ids' })).toEqual([expect.objectContaining({ done: true })]);
  }, 60_000);
});

describe('a deletion of legacy ids killed half way', () => {
  it('is completed by the resumeErasures timer: killed inside a re-keying, or after its batch', async () => {
    const kills: [string, (m: string) => (body: Readonly<Record<string, unknown>>) => boolean][] = [
      // The removal of a legacy entry inside its re-keying transaction: that transaction never commits.
      [
        'inside a re-keying',
        (m) => (body) =>
          body.action === 'database.removeDocument' &&
          body.transactionId !== undefined &&
          body.collectionName === 'points_entries' &&
          JSON.stringify(body).includes(m),
      ],
      // The progress record after the re-keying batch: the timer runs the step again.
      [
        'after its batch',
        () => (body) =>
          body.action === 'database.modifyDocument' &&
          body.collectionName === 'erasures' &&
          body.transactionId === undefined &&
          String(body.data).includes('"swept"'),
      ],
    ];
    for (const [n, [where, rule]] of kills.entries()) {
      const v = await legacyWorld(n + 1);
      const before = journalOf(v.friendOf);
      cloud.cloud.engine.faults.install(rule(v.member));
      const reply = await deleteMyData(v.member);
      const refused = cloud.cloud.engine.faults.refused;
      cloud.cloud.engine.faults.clear();
      expect([where, refused > 0, reply.ok ? 'ok' : reply.error.code]).toEqual([where, true, 'INTERNAL']);
      expect(journalProblems(cloud.cloud.engine)).toEqual([]);

      expect(await cloud.cloud.timers.fire('account', 'resumeErasures')).toMatchObject({ ok: true });
      expect([where, erasureTraces(cloud, v.member, NAME)]).toEqual([where, []]);
      expect([where, journalOf(v.friendOf)]).toEqual([where, before]);
      expect(journalProblems(cloud.cloud.engine)).toEqual([]);
    }
  }, 120_000);
});
