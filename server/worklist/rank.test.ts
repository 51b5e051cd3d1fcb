import { REASON_KINDS, WORKLIST_CAP, type ReasonKind } from '@core/contracts/insight-worklist';
import { endOfDay } from '../ledger/calendar';
import type { CustomerFacts, WorldFacts } from './facts';
import { planWorklist } from './rank';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** 09:00 Beijing on a weekday: a morning like the timer's. */
const NOW = Date.parse('2026-03-10T09:00:00+08:00');

let n = 0;
function customer(over: Partial<CustomerFacts> = {}): CustomerFacts {
  n += 1;
  return {
    openid: `o_c${String(n).padStart(4, '0')}`,
    name: `会员${n}`,
    // Joined long ago and seen recently: no reason at all unless a test adds one.
    joinedAt: NOW - 200 * DAY,
    lastSeenAt: NOW - 10 * DAY,
    seenBefore: NOW - 10 * DAY,
    reads: [],
    coupons: [],
    points: { balance: 0 },
    ...over,
  };
}

const world = (over: Partial<WorldFacts> = {}): WorldFacts => ({
  now: NOW,
  closed: new Map(),
  cheapestItem: 100,
  guideName: '导购小林',
  ...over,
});

const read = (seconds: number, at = NOW - 2 * HOUR, finished = false, postId = 'pst_spring01') => ({
  postId,
  title: '春日焕新',
  tags: ['护肤'],
  seconds,
  finished,
  at,
});

/** One customer who should be on the list for exactly this reason (and no stronger one). */
const only: Record<ReasonKind, () => CustomerFacts> = {
  gift: () =>
    customer({
      coupons: [{ id: 'cpn_g1', kind: 'gift', title: '保温杯', issuedAt: NOW - DAY, expiresAt: NOW + 20 * DAY }],
    }),
  coupon: () =>
    customer({
      coupons: [
        { id: 'cpn_c1', kind: 'coupon', title: '满100减20券', issuedAt: NOW - 20 * DAY, expiresAt: NOW + 2 * DAY },
      ],
    }),
  read: () => customer({ reads: [read(70)], lastSeenAt: NOW - 2 * HOUR }),
  returned: () => customer({ lastSeenAt: NOW - 3 * HOUR, seenBefore: NOW - 45 * DAY }),
  welcome: () => customer({ joinedAt: NOW - 20 * HOUR, lastSeenAt: undefined, seenBefore: undefined }),
  points: () => customer({ points: { balance: 50, expiring: { amount: 50, at: NOW + 5 * DAY } } }),
  silent: () => customer({ lastSeenAt: NOW - 40 * DAY, seenBefore: NOW - 40 * DAY, points: { balance: 800 } }),
};

describe('each reason', () => {
  it.each(REASON_KINDS.map((k) => [k]))('%s puts the customer on the list', (kind) => {
    const c = only[kind]();
    const [item, ...rest] = planWorklist([c], world());
    expect(rest).toEqual([]);
    expect(item).toMatchObject({ openid: c.openid, kind });
    expect(item?.reason).not.toBe('');
    expect(item?.goal).not.toBe('');
  });

  it('names the post and its tag of a read', () => {
    const [item] = planWorklist([only.read()], world());
    expect(item?.reason).toBe('读了《春日焕新》（护肤），共 1 分 10 秒');
    expect(item?.tag).toBe('护肤');
    expect(item?.script).toContain('《春日焕新》');
  });

  const none: [string, () => CustomerFacts][] = [
    ['a read of 59 s that did not reach the end', () => customer({ reads: [read(59)] })],
    ['a long read 49 hours ago', () => customer({ reads: [read(300, NOW - 49 * HOUR)] })],
    [
      'a coupon that expires in 4 days',
      () =>
        customer({
          coupons: [{ id: 'cpn_x', kind: 'coupon', title: '券', issuedAt: NOW - DAY, expiresAt: NOW + 4 * DAY }],
        }),
    ],
    [
      'a coupon that already expired',
      () =>
        customer({
          coupons: [{ id: 'cpn_y', kind: 'coupon', title: '券', issuedAt: NOW - 9 * DAY, expiresAt: NOW - HOUR }],
        }),
    ],
    [
      'points that expire in 8 days',
      () => customer({ points: { balance: 50, expiring: { amount: 50, at: NOW + 8 * DAY } } }),
    ],
    [
      'a member who joined the day before yesterday',
      () => customer({ joinedAt: endOfDay(NOW) - 2 * DAY - HOUR, lastSeenAt: undefined, seenBefore: undefined }),
    ],
    ['a return after 29 days', () => customer({ lastSeenAt: NOW - HOUR, seenBefore: NOW - HOUR - 29 * DAY })],
    [
      '30 silent days with fewer points than the cheapest item',
      () => customer({ lastSeenAt: NOW - 40 * DAY, seenBefore: NOW - 40 * DAY, points: { balance: 99 } }),
    ],
  ];
  it.each(none)('%s is no reason', (_label, make) => {
    expect(planWorklist([make()], world())).toEqual([]);
  });

  it('counts a short read that reached the end, and adds up two opens of one post', () => {
    const finished = customer({ reads: [read(20, NOW - HOUR, true)] });
    const twice = customer({ reads: [read(40, NOW - 30 * HOUR), read(40, NOW - HOUR)] });
    const items = planWorklist([finished, twice], world());
    expect(items.map((i) => [i.openid, i.kind])).toEqual(
      expect.arrayContaining([
        [finished.openid, 'read'],
        [twice.openid, 'read'],
      ]),
    );
    expect(items.find((i) => i.openid === finished.openid)?.reason).toMatch(/^读完了/);
    expect(items.find((i) => i.openid === twice.openid)?.reason).toContain('1 分 20 秒');
  });
});

describe('never twice', () => {
  it('lists a customer once, for the most valuable of their reasons', () => {
    const c = customer({
      reads: [read(120), read(90, NOW - HOUR, false, 'pst_other001')],
      coupons: [{ id: 'cpn_c2', kind: 'coupon', title: '满100减20券', issuedAt: NOW - DAY, expiresAt: NOW + DAY }],
      points: { balance: 900, expiring: { amount: 300, at: NOW + DAY } },
    });
    const items = planWorklist([c, c], world());
    expect(items).toHaveLength(1);
    expect(items[0]?.kind).toBe('coupon');
  });

  it('does not suggest a reason again once contacted for it; the next one takes its place', () => {
    const c = customer({
      reads: [read(120)],
      coupons: [{ id: 'cpn_c3', kind: 'coupon', title: '满100减20券', issuedAt: NOW - DAY, expiresAt: NOW + DAY }],
    });
    const closedCoupon = world({ closed: new Map([[c.openid, new Set(['coupon:cpn_c3'])]]) });
    expect(planWorklist([c], closedCoupon)[0]).toMatchObject({ kind: 'read', key: 'read:pst_spring01' });
    const closedBoth = world({ closed: new Map([[c.openid, new Set(['coupon:cpn_c3', 'read:pst_spring01'])]]) });
    expect(planWorklist([c], closedBoth)).toEqual([]);
  });

  it('suggests a new read of another post after the first was handled', () => {
    const c = customer({ reads: [read(120, NOW - HOUR, false, 'pst_second01')] });
    const w = world({ closed: new Map([[c.openid, new Set(['read:pst_spring01'])]]) });
    expect(planWorklist([c], w)[0]?.key).toBe('read:pst_second01');
  });
});

describe('ranking and the daily cap', () => {
  it('ranks gift, coupon, read, returned, welcome, points, silent', () => {
    const kinds = [...REASON_KINDS].reverse();
    const items = planWorklist(
      kinds.map((k) => only[k]()),
      world(),
    );
    expect(items.map((i) => i.kind)).toEqual(['gift', 'coupon', 'read', 'returned', 'welcome', 'points', 'silent']);
  });

  it('puts a longer read and a sooner coupon first', () => {
    const short = customer({ reads: [read(70)] });
    const long = customer({ reads: [read(400)] });
    const later = customer({
      coupons: [{ id: 'cpn_l', kind: 'coupon', title: '券', issuedAt: NOW - DAY, expiresAt: NOW + 2.5 * DAY }],
    });
    const sooner = customer({
      coupons: [{ id: 'cpn_s', kind: 'coupon', title: '券', issuedAt: NOW - DAY, expiresAt: NOW + 5 * HOUR }],
    });
    const ids = planWorklist([short, later, long, sooner], world()).map((i) => i.openid);
    expect(ids).toEqual([sooner.openid, later.openid, long.openid, short.openid]);
  });

  it(`keeps the ${WORKLIST_CAP} most valuable of 40 customers`, () => {
    const readers = Array.from({ length: 25 }, (_, i) => customer({ reads: [read(61 + i * 10)] }));
    const silent = Array.from({ length: 15 }, () => only.silent());
    const items = planWorklist([...silent, ...readers], world());
    expect(items).toHaveLength(WORKLIST_CAP);
    expect(items.every((i) => i.kind === 'read')).toBe(true);
    const values = items.map((i) => i.value);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    // The longest readers, not the first 15 given.
    expect(items[0]?.openid).toBe(readers[24]?.openid);
  });
});

describe('expiry', () => {
  it('ends with the Beijing day, or earlier when the reason ends earlier', () => {
    const lapsing = customer({
      coupons: [{ id: 'cpn_e', kind: 'coupon', title: '券', issuedAt: NOW - DAY, expiresAt: NOW + 2 * HOUR }],
    });
    const reader = only.read();
    const items = planWorklist([lapsing, reader], world());
    expect(items.find((i) => i.openid === lapsing.openid)?.expiresAt).toBe(NOW + 2 * HOUR);
    expect(items.find((i) => i.openid === reader.openid)?.expiresAt).toBe(Date.parse('2026-03-11T00:00:00+08:00'));
  });
});

describe('scripts filled for the customer', () => {
  it('fills every placeholder, with a fallback when a value is missing', () => {
    const nameless = customer({ name: '', reads: [{ ...read(90), title: undefined }] });
    const [item] = planWorklist([nameless], world({ guideName: undefined }));
    expect(item?.script).toBe('亲，看到您在看我们最近的文章，里面的内容有想进一步了解的吗？我可以详细给您介绍～');
  });

  it('never leaves a placeholder, even when a value is itself written like one', () => {
    const sly = customer({ name: '{称呼}', reads: [{ ...read(90), title: '{券}{到期日}' }] });
    const book = { afterReading: '{称呼}{称呼}，{文章}{未知}，{导购}' };
    const [item] = planWorklist([sly], world({ guideName: '{导购}' }), book);
    // A name typed as a placeholder is shown as the plain word, never as a placeholder.
    expect(item?.script).toBe('称呼称呼，《券到期日》，导购');
  });

  it('leaves no brace in any script of a world of every reason', () => {
    const everyone = REASON_KINDS.flatMap((k) => [only[k](), { ...only[k](), name: '' }]);
    const items = planWorklist(everyone, world({ guideName: '' }), {}, 100);
    expect(items).toHaveLength(everyone.length);
    for (const i of items) expect(i.script).not.toMatch(/[{}]/);
  });
});
