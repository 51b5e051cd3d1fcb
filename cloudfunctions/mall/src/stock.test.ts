import { distribute, shardCount, totalsOf } from './stock';

describe('sharded stock', () => {
  it('uses one shard for tiny stock and at most 32 for large', () => {
    expect(shardCount(0)).toBe(1);
    expect(shardCount(2)).toBe(1);
    expect(shardCount(50)).toBe(25);
    expect(shardCount(1_000_000)).toBe(32);
  });

  it('spreads what is left evenly and keeps what each shard issued', () => {
    expect(distribute([0, 0, 0, 0], 10)).toEqual([3, 3, 2, 2]);
    expect(distribute([3, 0, 1, 0], 6)).toEqual([4, 1, 1, 0]);
    expect(distribute([2, 2], 4)).toEqual([2, 2]);
  });

  it('refuses a total below what was issued', () => {
    expect(() => distribute([2, 3], 4)).toThrow(RangeError);
  });

  it('sums shards and lists the open ones', () => {
    const shard = (k: number, stock: number, issued: number) => ({
      _id: `itm_x#${k}`,
      itemId: 'itm_x',
      shard: k,
      stock,
      issued,
    });
    const t = totalsOf([shard(0, 3, 3), shard(1, 3, 1)]);
    expect(t).toMatchObject({ stock: 6, issued: 4 });
    expect(t.open.map((d) => d.shard)).toEqual([1]);
  });
});
