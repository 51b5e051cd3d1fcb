import { couponRule, groupCode, parseEndDate, parseYuan, yuan } from './format';

describe('mall formatting', () => {
  it('shows money from fen', () => {
    expect(yuan(2000)).toBe('¥20');
    expect(yuan(1990)).toBe('¥19.90');
    expect(couponRule(2000, 10000)).toBe('满100减20');
    expect(couponRule(500, 0)).toBe('无门槛减5');
    expect(couponRule(undefined, undefined)).toBe('到店领取礼品');
  });

  it('reads yuan typed by HQ into fen, refusing what is not money', () => {
    expect(parseYuan('20')).toBe(2000);
    expect(parseYuan('19.9')).toBe(1990);
    expect(parseYuan(' 0.05 ')).toBe(5);
    expect(parseYuan('1.999')).toBeNull();
    expect(parseYuan('-1')).toBeNull();
    expect(parseYuan('abc')).toBeNull();
  });

  it('reads an end date as the end of that Beijing day', () => {
    expect(parseEndDate('2026-12-31')).toBe(Date.parse('2026-12-31T16:00:00Z'));
    expect(parseEndDate('31/12/2026')).toBeNull();
  });

  it('groups a code in fours', () => {
    expect(groupCode('ABCDEFGHJKMN')).toBe('ABCD-EFGH-JKMN');
  });
});
