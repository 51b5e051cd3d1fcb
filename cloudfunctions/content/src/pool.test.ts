import { mapPool } from './pool';

describe('mapPool', () => {
  it('keeps the order of results and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapPool([30, 5, 20, 1, 10, 15], 3, async (ms, i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, ms));
      running--;
      return i * 10;
    });
    expect(out).toEqual([0, 10, 20, 30, 40, 50]);
    expect(peak).toBe(3);
  });

  it('answers an empty list without calling the worker', async () => {
    const work = jest.fn();
    expect(await mapPool([], 3, work)).toEqual([]);
    expect(work).not.toHaveBeenCalled();
  });

  it('fails when one item fails', async () => {
    await expect(mapPool([1, 2, 3], 2, async (n) => (n === 2 ? Promise.reject(new Error('boom')) : n))).rejects.toThrow(
      'boom',
    );
  });
});
