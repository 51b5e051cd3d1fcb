import { TimerService } from './timer-service';
import type { FunctionRuntime } from './runtime';

// A runtime whose first invocation (a cold instance) finishes after the second one.
function slowFirstRuntime(): FunctionRuntime {
  let calls = 0;
  const runtime = {
    list: () => [],
    invoke: async () => {
      const delay = calls++ === 0 ? 60 : 5;
      await new Promise((r) => setTimeout(r, delay));
      return { delay };
    },
  };
  return runtime as unknown as FunctionRuntime;
}

test('history is ordered by scheduled time even when an earlier firing finishes later', async () => {
  const timers = new TimerService(slowFirstRuntime());
  const t0 = Date.parse('2026-12-04T01:00:00Z');
  await Promise.all([timers.fire('ticker', 'everySecond', t0), timers.fire('ticker', 'everySecond', t0 + 1000)]);
  const times = timers.history().map((f) => f.time);
  expect(times).toEqual(['2026-12-04T01:00:00Z', '2026-12-04T01:00:01Z']);
  expect(timers.history()[0]!.result).toEqual({ delay: 60 });
});
