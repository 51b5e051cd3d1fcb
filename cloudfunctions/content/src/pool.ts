/**
 * Maps `items` through `work` with at most `limit` calls in flight, keeping the order of results.
 * Image variants are bounded this way: all nine at once would hold nine decoded 1080² images in
 * memory, one at a time would take nine round trips to storage in a row.
 */
export async function mapPool<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
