import { beijingDay, formatDuration, formatWhen, lastDaysRange } from './format';

const NOW = Date.parse('2024-03-02T04:00:00Z'); // 12:00 Beijing

describe('insight formatting', () => {
  it('says reading time the way a guide would', () => {
    expect(formatDuration(45)).toBe('45秒');
    expect(formatDuration(13 * 60)).toBe('13分钟');
    expect(formatDuration(90)).toBe('1分半');
    expect(formatDuration(3900)).toBe('1小时5分');
  });
  it('names days and times in Beijing time', () => {
    expect(beijingDay(Date.parse('2024-03-01T16:30:00Z'))).toBe('2024-03-02');
    expect(lastDaysRange(NOW, 7)).toEqual({ from: '2024-02-25', to: '2024-03-02' });
    expect(formatWhen(NOW - 30_000, NOW)).toBe('刚刚');
    expect(formatWhen(NOW - 5 * 60_000, NOW)).toBe('5分钟前');
    expect(formatWhen(Date.parse('2024-03-01T12:15:00Z'), NOW)).toBe('昨天 20:15');
    expect(formatWhen(Date.parse('2024-02-20T02:00:00Z'), NOW)).toBe('2月20日 10:00');
  });
});
