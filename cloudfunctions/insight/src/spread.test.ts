import type { SpreadNode } from '@core/contracts/insight';
import { below, hopsOf, reachPerHop } from './spread';

const shares = [
  { id: 'g1' },
  { id: 'c1', parent: 'g1' },
  { id: 'c2', parent: 'c1' },
  { id: 'c3', parent: 'c2' },
  { id: 'g2' },
  { id: 'd1', parent: 'g2' },
];

describe('a post spread', () => {
  it("keeps a guide's own shares and everything below them", () => {
    expect(below(shares, new Set(['c1'])).map((s) => s.id)).toEqual(['c1', 'c2', 'c3']);
    expect(below(shares, new Set(['g2', 'c3'])).map((s) => s.id)).toEqual(['c3', 'g2', 'd1']);
    expect(below(shares, new Set(['nobody']))).toEqual([]);
  });

  it('counts hops from the first share in view and draws only parents in view', () => {
    const all = hopsOf(shares);
    expect(all.get('g1')).toEqual({ hop: 0 });
    expect(all.get('c3')).toEqual({ hop: 3, parent: 'c2' });
    const sub = hopsOf(below(shares, new Set(['c1'])));
    expect(sub.get('c1')).toEqual({ hop: 0 });
    expect(sub.get('c3')).toEqual({ hop: 2, parent: 'c2' });
  });

  it('survives a corrupt parent loop', () => {
    const loop = [
      { id: 'a', parent: 'b' },
      { id: 'b', parent: 'a' },
    ];
    expect(below(loop, new Set(['x']))).toEqual([]);
    expect(hopsOf(loop).size).toBe(0);
    expect(below(loop, new Set(['a'])).map((s) => s.id)).toEqual(['a', 'b']);
  });

  it('sums the reach per hop', () => {
    const node = (id: string, hop: number, opens: number, joins: number): SpreadNode => ({
      id,
      hop,
      sharerName: id,
      sharerRole: 'customer',
      sharedAt: 0,
      opens,
      viewers: opens,
      anonymousOpens: 0,
      reshares: 0,
      joins,
      readSeconds: 0,
    });
    expect(reachPerHop([node('a', 0, 5, 1), node('b', 1, 2, 1), node('c', 1, 3, 0)])).toEqual([
      { hop: 0, shares: 1, opens: 5, viewers: 5, joins: 1 },
      { hop: 1, shares: 2, opens: 5, viewers: 5, joins: 1 },
    ]);
  });
});
