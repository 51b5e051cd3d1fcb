/** Timer triggers from config.json fire on schedule with the platform's event and no user. */
import { startTestCloud, type TestCloud } from './support';

interface TickerResult {
  event: { Type: string; TriggerName: string; Time: string };
  ctx: Record<string, unknown>;
}

let t: TestCloud;
beforeAll(async () => {
  t = await startTestCloud({ timers: true });
});
afterAll(async () => {
  await t.dispose();
});

async function waitFor<T>(read: () => T | undefined, ms: number): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = read();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`nothing after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('arms only the triggers declared in config.json', () => {
  expect(t.cloud.timers.list()).toEqual([
    { functionName: 'ticker', triggerName: 'everySecond', expression: '* * * * * * *' },
  ]);
});

test('fires an every-second trigger on consecutive seconds with the timer event shape', async () => {
  // Firings finish in any order (a cold worker can finish a later second first), and the history
  // is kept in scheduled order: wait until two adjacent entries are one second apart.
  const [a, b] = await waitFor(() => {
    const h = t.cloud.timers.history().filter((f) => f.functionName === 'ticker');
    for (let i = 1; i < h.length; i++) {
      if (Date.parse(h[i]!.time) - Date.parse(h[i - 1]!.time) === 1000) return [h[i - 1]!, h[i]!] as const;
    }
    return undefined;
  }, 15_000);
  const times = t.cloud.timers
    .history()
    .filter((f) => f.functionName === 'ticker')
    .map((f) => f.time);
  expect(new Set(times).size).toBe(times.length); // no second fired twice
  expect(a.ok).toBe(true);
  const ra = a.result as TickerResult;
  expect(ra.event).toEqual({ Type: 'Timer', TriggerName: 'everySecond', Time: a.time });
  expect(a.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  expect(Date.parse(b.time) - Date.parse(a.time)).toBe(1000);
  // Fired close to its scheduled second, not early.
  expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(b.time));
  expect(ra.ctx.SOURCE).toBe('wx_trigger');
  expect(ra.ctx).not.toHaveProperty('OPENID');
});

test('stops firing once the cloud stops', async () => {
  const other = await startTestCloud({ timers: true });
  await other.dispose();
  const count = other.cloud.timers.history().length;
  await new Promise((r) => setTimeout(r, 1200));
  expect(other.cloud.timers.history().length).toBe(count);
});
