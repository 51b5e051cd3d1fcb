import { formatBytes, formatVariantProgress } from './format';

describe('what HQ reads about a post’s variants', () => {
  it('counts guides with thousands separators and says how many were given up on', () => {
    const p = { made: 1240, total: 5000, failed: 0, queued: 300, running: 20 };
    expect(formatVariantProgress(p)).toBe('变体生成 1,240 / 5,000');
    expect(formatVariantProgress({ ...p, failed: 12 })).toBe('变体生成 1,240 / 5,000，12 个失败');
  });

  it('gives storage in the largest unit that keeps the figure readable', () => {
    expect(formatBytes(860 * 1024)).toBe('860 KB');
    expect(formatBytes(12.34 * 1024 ** 2)).toBe('12.3 MB');
    expect(formatBytes(6.8 * 1024 ** 3)).toBe('6.80 GB');
    expect(formatBytes(0)).toBe('0 KB');
  });
});
