/**
 * Timer triggers: every `type: "timer"` trigger in a function's config.json fires on its
 * schedule with the platform's event `{ Type: 'Timer', TriggerName, Time }` and no user identity
 * (SOURCE `wx_trigger`).
 */
import { CronSchedule } from '@server/config/cron';
import type { FunctionRuntime } from './runtime';

export interface TimerFiring {
  functionName: string;
  triggerName: string;
  /** The scheduled time, ISO without milliseconds as the platform sends it. */
  time: string;
  ok: boolean;
  result?: unknown;
  error?: string;
}

interface Scheduled {
  functionName: string;
  triggerName: string;
  schedule: CronSchedule;
  handle?: NodeJS.Timeout;
}

/** Longest single setTimeout; longer waits are chained. */
const MAX_DELAY_MS = 2 ** 31 - 1;
const HISTORY = 200;

export function timerEvent(triggerName: string, at: number): { Type: 'Timer'; TriggerName: string; Time: string } {
  return { Type: 'Timer', TriggerName: triggerName, Time: new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z') };
}

export class TimerService {
  private readonly runtime: FunctionRuntime;
  private readonly log: (line: string) => void;
  private readonly now: () => number;
  private readonly scheduled: Scheduled[] = [];
  private readonly firings: TimerFiring[] = [];
  private running = false;

  constructor(runtime: FunctionRuntime, opts: { log?: (line: string) => void; now?: () => number } = {}) {
    this.runtime = runtime;
    this.log = opts.log ?? (() => undefined);
    this.now = opts.now ?? Date.now;
  }

  /** Reads every function's triggers and arms them. A bad config.json is reported and skipped. */
  start(): void {
    this.running = true;
    for (const name of this.runtime.list()) {
      let triggers;
      try {
        triggers = this.runtime.config(name).triggers;
      } catch (err) {
        this.log(`timers: ${name} skipped: ${(err as Error).message}`);
        continue;
      }
      for (const t of triggers) {
        const entry: Scheduled = { functionName: name, triggerName: t.name, schedule: new CronSchedule(t.config) };
        this.scheduled.push(entry);
        this.arm(entry, this.now());
      }
    }
  }

  /** The armed triggers, for the CLI banner and tests. */
  list(): { functionName: string; triggerName: string; expression: string }[] {
    return this.scheduled.map((s) => ({
      functionName: s.functionName,
      triggerName: s.triggerName,
      expression: s.schedule.expression,
    }));
  }

  /** Recent firings, oldest scheduled time first. */
  history(): readonly TimerFiring[] {
    return this.firings;
  }

  private arm(entry: Scheduled, after: number): void {
    if (!this.running) return;
    const at = entry.schedule.next(after);
    if (at === null) return;
    const wait = at - this.now();
    entry.handle = setTimeout(
      () => {
        if (wait > MAX_DELAY_MS) {
          this.arm(entry, after);
          return;
        }
        // Like the platform, the next firing does not wait for this one to finish.
        this.arm(entry, at);
        void this.fire(entry.functionName, entry.triggerName, at);
      },
      Math.max(0, Math.min(wait, MAX_DELAY_MS)),
    );
    entry.handle.unref();
  }

  /** Fires one trigger now (also used by the schedule). Never throws: failures are recorded. */
  async fire(functionName: string, triggerName: string, at: number = this.now()): Promise<TimerFiring> {
    const event = timerEvent(triggerName, at);
    let firing: TimerFiring;
    try {
      const result = await this.runtime.invoke(functionName, event, {
        source: 'wx_trigger',
        openid: '',
        unionid: '',
        appid: '',
      });
      firing = { functionName, triggerName, time: event.Time, ok: true, result };
    } catch (err) {
      firing = { functionName, triggerName, time: event.Time, ok: false, error: (err as Error).message };
      this.log(`timers: ${functionName}.${triggerName} failed: ${firing.error}`);
    }
    // Ordered by scheduled time: a cold first firing may finish after the next one.
    let i = this.firings.length;
    while (i > 0 && this.firings[i - 1]!.time > firing.time) i--;
    this.firings.splice(i, 0, firing);
    if (this.firings.length > HISTORY) this.firings.shift();
    return firing;
  }

  stop(): void {
    this.running = false;
    for (const s of this.scheduled) clearTimeout(s.handle);
    this.scheduled.length = 0;
  }
}
