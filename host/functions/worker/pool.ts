/**
 * Instances of one function for one local cloud, at most `limit` working at once (the configured
 * instance limit; beyond it an invocation waits for a free instance, where the platform would start
 * another one up to its concurrency quota: here the machine's cores are the limit). Instances come
 * warm from the process's registry (registry.ts) when one is idle, and go back to it afterwards.
 */
import type { InstanceSpec } from './instance';
import { InlineInstance, type Instance } from './inline';
import { registry } from './registry';

export { instanceKey, prewarm } from './registry';

export interface PoolStats {
  /** Instances started (cold starts). */
  started: number;
  /** Invocations that found a warm instance. */
  warm: number;
  /** Most instances working at once. */
  peakBusy: number;
  /** Largest resident set of any instance (MB). */
  peakRssMb: number;
  /** Invocations whose instance went above the function's memory size. */
  overMemory: number;
  /** Instances ended because an invocation ran past the timeout. */
  timedOut: number;
}

export class FunctionPool {
  readonly stats: PoolStats = { started: 0, warm: 0, peakBusy: 0, peakRssMb: 0, overMemory: 0, timedOut: 0 };
  private busy = 0;
  /** The cold start in progress, if any. */
  private starting: Promise<void> | undefined;
  private readonly waiting: (() => void)[] = [];
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = Math.max(1, limit);
  }

  /** Invocations waiting for a free instance. */
  get queued(): number {
    return this.waiting.length;
  }

  /** A warm instance when one is idle, else a new one; waits (first come, first served) while `limit` work. */
  async acquire(spec: InstanceSpec, key: string, stopped: () => boolean): Promise<Instance> {
    if (this.busy < this.limit) this.busy += 1;
    // A released slot is handed to the first waiter as it is, so a newcomer cannot overtake it.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (stopped()) {
      this.freeSlot();
      throw new Error('the local cloud is stopping');
    }
    this.stats.peakBusy = Math.max(this.stats.peakBusy, this.busy);
    // Inline instances stay out of the process's registry: one belongs to the module realm that
    // loaded its bundle (each jest test file has its own), and a new one costs nothing.
    if (spec.inline) {
      this.stats.started += 1;
      return this.ready(new InlineInstance(spec, key));
    }
    for (;;) {
      const warm = registry().take(key);
      if (warm) {
        this.stats.warm += 1;
        return this.ready(warm);
      }
      // One cold start at a time: the calls behind it take the instances that free up meanwhile, and
      // the next cold start finds the spare this one left (a burst of cold starts on two cores would
      // make each of them, and everything else, wait seconds).
      if (!this.starting) break;
      await this.starting;
    }
    this.stats.started += 1;
    const instance = registry().spawn(spec, key);
    this.starting = instance.ready.then(
      () => undefined,
      () => undefined,
    );
    try {
      return await this.ready(instance);
    } finally {
      this.starting = undefined;
    }
  }

  private async ready(instance: Instance): Promise<Instance> {
    instance.hold(true);
    try {
      await instance.ready;
    } catch (err) {
      this.release(instance, false);
      throw err;
    }
    return instance;
  }

  /**
   * An instance whose resident memory went above its function's memory size is reported and not
   * reused (the platform would have ended it). Answers whether it may be reused.
   */
  withinMemory(instance: Instance, peakRssMb: number): boolean {
    const { name, memoryMb } = instance.spec;
    if (peakRssMb <= memoryMb) return true;
    this.stats.overMemory += 1;
    console.error(
      `[local-cloud] fn ${name}: instance ${instance.pid ?? '?'} used ${Math.round(peakRssMb)} MB, above its memorySize of ${memoryMb} MB (config.json); ended`,
    );
    return false;
  }

  /** Gives a slot back; a healthy instance stays warm for the next invocation, any other is ended. */
  release(instance: Instance, reusable: boolean): void {
    this.stats.peakRssMb = Math.max(this.stats.peakRssMb, instance.peakRssMb);
    if (reusable && instance.alive && !(instance instanceof InlineInstance)) registry().put(instance);
    else instance.kill();
    this.freeSlot();
  }

  /** Wakes every waiter; each sees the cloud stopping and gives its slot back. */
  drain(): void {
    for (const wake of this.waiting.splice(0)) {
      this.busy += 1;
      wake();
    }
  }

  private freeSlot(): void {
    const wake = this.waiting.shift();
    if (wake) wake();
    else this.busy -= 1;
  }
}
