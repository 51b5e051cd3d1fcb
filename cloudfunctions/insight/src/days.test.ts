import { daysOf, lastDays, parseRange } from './days';

describe('Beijing day ranges', () => {
  it('spans whole Beijing days', () => {
    const r = parseRange('2024-03-01', '2024-03-02');
    expect(r.start).toBe(Date.parse('2024-02-29T16:00:00Z'));
    expect(r.end).toBe(Date.parse('2024-03-02T16:00:00Z'));
    expect(daysOf(r)).toEqual(['2024-03-01', '2024-03-02']);
  });
  it('rejects a day that does not exist, a reversed range and one longer than 92 days', () => {
    expect(() => parseRange('2024-02-31', '2024-03-01')).toThrow('日期不正确');
    expect(() => parseRange('2024-03-02', '2024-03-01')).toThrow('开始日期不能晚于结束日期');
    expect(() => parseRange('2024-01-01', '2024-06-01')).toThrow('92');
  });
  it('names the last N days up to today in Beijing', () => {
    // 2024-03-01 17:00 UTC is already 2 March in Beijing.
    expect(daysOf(lastDays(Date.parse('2024-03-01T17:00:00Z'), 3))).toEqual(['2024-02-29', '2024-03-01', '2024-03-02']);
  });
});
