import { formatMemberCode, isOutlier, median, normaliseMemberCode, pointsForPurchase } from './purchase';
import { nextTier, tierFor, tierRank } from './tiers';

describe('purchase points rules', () => {
  it('rounds points down to whole points per whole yuan, in integer fen', () => {
    expect(pointsForPurchase(12850, 1)).toBe(128);
    expect(pointsForPurchase(12800, 2)).toBe(256);
    expect(pointsForPurchase(99, 1)).toBe(0);
    expect(pointsForPurchase(100, 1)).toBe(1);
  });

  it('shows a member code in groups of four and reads it back', () => {
    expect(formatMemberCode('123456789012')).toBe('1234 5678 9012');
    expect(normaliseMemberCode('1234 5678-9012')).toBe('123456789012');
  });

  it('flags a guide far above the median of a store with enough guides', () => {
    expect(median([0, 50, 800])).toBe(50);
    expect(median([10, 20])).toBe(15);
    expect(isOutlier(800, 50, 3)).toBe(true);
    expect(isOutlier(150, 50, 3)).toBe(false);
    expect(isOutlier(800, 50, 2)).toBe(false);
    // Below the floor a quiet store's one sale is no outlier.
    expect(isOutlier(90, 0, 5)).toBe(false);
  });
});

describe('tiers', () => {
  const tiers = [
    { id: 'gold', name: '金卡', min: 500 },
    { id: 'silver', name: '银卡', min: 100 },
  ];
  it('places a figure in the highest tier it reaches and names the next one', () => {
    expect(tierFor(99, tiers)).toBeNull();
    expect(tierFor(100, tiers)?.id).toBe('silver');
    expect(tierFor(10_000, tiers)?.id).toBe('gold');
    expect(nextTier(0, tiers)?.id).toBe('silver');
    expect(nextTier(100, tiers)?.id).toBe('gold');
    expect(nextTier(500, tiers)).toBeNull();
  });
  it('ranks tiers by threshold, a removed or missing tier as the base', () => {
    expect(tierRank(undefined, tiers)).toBe(0);
    expect(tierRank('silver', tiers)).toBe(1);
    expect(tierRank('gold', tiers)).toBe(2);
    expect(tierRank('platinum', tiers)).toBe(0);
  });
});
