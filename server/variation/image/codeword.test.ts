import { codewordForGuide, golayCodewords, octads, popcount } from './codeword';

describe('Golay codewords', () => {
  it('form the extended Golay code: 4096 words, weights 0/8/12/16/24, so any two differ in 8 or more bits', () => {
    const words = golayCodewords();
    expect(new Set(words).size).toBe(4096);
    const weights = new Map<number, number>();
    for (const w of words) weights.set(popcount(w), (weights.get(popcount(w)) ?? 0) + 1);
    // Linear code: the minimum distance is the minimum non-zero weight.
    expect([...weights].sort((a, b) => a[0] - b[0])).toEqual([
      [0, 1],
      [8, 759],
      [12, 2576],
      [16, 759],
      [24, 1],
    ]);
  });

  it('gives 759 guides octads that are pairwise 8, 12 or 16 bits apart', () => {
    const list = octads();
    expect(list).toHaveLength(759);
    const seen = new Set<number>();
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) seen.add(popcount(list[i]! ^ list[j]!));
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([8, 12, 16]);
  });

  it('maps a guide index to the same codeword every time and wraps past 759', () => {
    expect(codewordForGuide(3)).toBe(octads()[3]);
    expect(codewordForGuide(759 + 3)).toBe(codewordForGuide(3));
  });
});
