import { childrenOf, downstreamSums, layers, type Edge } from './graph';

/**
 *        g
 *      /   \
 *     a     b
 *    / \     \
 *   c   d     e
 *   |
 *   f
 */
const TREE: Edge[] = [
  { from: 'g', to: 'a' },
  { from: 'g', to: 'b' },
  { from: 'a', to: 'c' },
  { from: 'a', to: 'd' },
  { from: 'b', to: 'e' },
  { from: 'c', to: 'f' },
];

describe('referral forest', () => {
  it('counts downstream members over every hop', () => {
    const counts = downstreamSums(childrenOf(TREE), ['g', 'a', 'b', 'c', 'f']);
    expect(Object.fromEntries(counts)).toEqual({ g: 6, a: 3, b: 1, c: 1, f: 0 });
  });

  it('sums a weight over the downstream members (their redemptions)', () => {
    const redeemed: Record<string, number> = { c: 2, f: 1, e: 5 };
    const sums = downstreamSums(childrenOf(TREE), ['g', 'a'], (n) => redeemed[n] ?? 0);
    expect(Object.fromEntries(sums)).toEqual({ g: 8, a: 3 });
  });

  it('draws only the requested depth but keeps the full downstream count', () => {
    const children = childrenOf(TREE);
    const drawn = layers(children, ['g'], 1, 100);
    expect(Object.fromEntries(drawn.depth)).toEqual({ g: 0, a: 1, b: 1 });
    expect(drawn.edges).toEqual([
      { from: 'g', to: 'a' },
      { from: 'g', to: 'b' },
    ]);
    expect(downstreamSums(children, drawn.depth.keys()).get('a')).toBe(3);
    expect(Object.fromEntries(layers(children, ['g'], 3, 100).depth)).toMatchObject({ f: 3, e: 2 });
  });

  it('truncates at the node limit and says so', () => {
    const drawn = layers(childrenOf(TREE), ['g'], 6, 4);
    expect(drawn.depth.size).toBe(4);
    expect(drawn.truncated).toBe(true);
    expect(layers(childrenOf(TREE), ['g'], 6, 7).truncated).toBe(false);
  });

  it('keeps the first referrer when an edge to the same member appears twice, and ignores self-edges', () => {
    const children = childrenOf([...TREE, { from: 'b', to: 'c' }, { from: 'e', to: 'e' }]);
    expect(children.get('b')).toEqual(['e']);
    expect(downstreamSums(children, ['g']).get('g')).toBe(6);
  });

  it('terminates and counts each member once even on a corrupt loop', () => {
    // Not reachable through registration (one referrer per member, referrer exists first); a hand edit could.
    const loop = new Map([
      ['x', ['y']],
      ['y', ['z']],
      ['z', ['x']],
    ]);
    const sums = downstreamSums(loop, ['x']);
    expect(sums.get('x')).toBe(2);
    expect(layers(loop, ['x'], 6, 100).depth.size).toBe(3);
  });

  it('handles a 20,000-hop chain without overflowing the stack', () => {
    const chain: Edge[] = Array.from({ length: 20_000 }, (_, i) => ({ from: `n${i}`, to: `n${i + 1}` }));
    expect(downstreamSums(childrenOf(chain), ['n0']).get('n0')).toBe(20_000);
  });
});
