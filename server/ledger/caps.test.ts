import { grantWithinCaps } from './caps';

const day1 = Date.parse('2026-03-01T04:00:00Z');
const day2 = Date.parse('2026-03-02T04:00:00Z');
const nextMonth = Date.parse('2026-04-01T04:00:00Z');

describe('referral caps', () => {
  it('grants in full without caps', () => {
    const g = grantWithinCaps(undefined, { dailyCap: null, monthlyCap: null }, 50, day1);
    expect(g).toMatchObject({
      granted: 50,
      capped: false,
      earned: { day: '2026-03-01', dayAmount: 50, monthAmount: 50 },
    });
  });

  it('cuts a reward to what the daily cap leaves, then to nothing', () => {
    const rules = { dailyCap: 80, monthlyCap: null };
    const first = grantWithinCaps(undefined, rules, 50, day1);
    const second = grantWithinCaps(first.earned, rules, 50, day1);
    expect(second).toMatchObject({ granted: 30, capped: true });
    const third = grantWithinCaps(second.earned, rules, 50, day1);
    expect(third).toMatchObject({ granted: 0, capped: true });
  });

  it('resets the daily counter on a new Beijing day but keeps the month', () => {
    const rules = { dailyCap: 80, monthlyCap: 100 };
    const first = grantWithinCaps(undefined, rules, 80, day1);
    const next = grantWithinCaps(first.earned, rules, 50, day2);
    expect(next).toMatchObject({ granted: 20, capped: true, earned: { dayAmount: 20, monthAmount: 100 } });
    const april = grantWithinCaps(next.earned, rules, 50, nextMonth);
    expect(april).toMatchObject({ granted: 50, capped: false, earned: { month: '2026-04', monthAmount: 50 } });
  });
});
