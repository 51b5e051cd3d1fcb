/**
 * The Node process's idle function instances, by bundle (file, build, memory limit). Any local
 * cloud in the process takes a warm instance from here before starting one: a test file that
 * starts its own local cloud then finds the previous file's instances warm instead of paying
 * ~0.5 s of CPU per cold start. Each invocation carries its whole environment, so an instance holds
 * nothing of the cloud it last worked for.
 */
import childProcess from 'node:child_process';
import type { Instance } from './inline';
import { FunctionInstance, SpareProcess, type InstanceSpec } from './instance';

/** An idle instance is ended after this long unused (the platform also reclaims idle containers). */
const IDLE_MS = 120_000;
/** Idle instances kept per bundle; more are ended. */
const MAX_IDLE_PER_KEY = 8;

interface Idle {
  instance: Instance;
  timer?: NodeJS.Timeout;
}

export function instanceKey(spec: InstanceSpec, mtimeMs: number): string {
  return `${spec.file}|${mtimeMs}|${spec.memoryMb}|${spec.gatewayRoute}${spec.background ? BACKGROUND_SUFFIX : ''}`;
}

/** Background instances (lower CPU priority, kept for life) are idle apart from the others. */
const BACKGROUND_SUFFIX = '|background';
/** The build a key stands for, whichever priority. */
const buildOf = (key: string) => (key.endsWith(BACKGROUND_SUFFIX) ? key.slice(0, -BACKGROUND_SUFFIX.length) : key);

class Registry {
  /** Idle instances, and instances still loading that nobody has claimed (no timer yet). */
  private readonly byKey = new Map<string, Idle[]>();
  /** One spare process per memory size, started after each cold start for the next one. */
  private readonly spares = new Map<number, SpareProcess>();

  /**
   * Which idle instance a call takes. 'recent' (the default): the one that finished last, as a
   * platform reuses its hottest container — calls one after another stay on one instance, whose JIT
   * and caches are warm, and a variant runner's successor lands where the originals are decoded.
   * Instances still loading are taken only when none is idle and loaded. 'oldest': the one idle
   * longest, so calls one after another go round the warm instances (the baseline in
   * `npm run bench -- wire`, which measured 20.5 against 26.4 instance CPU ms per redemption at a
   * load of 11, and 35.4 against 36.9 at 19: a small gain, of the order of the load's noise).
   */
  order: 'recent' | 'oldest' = 'recent';

  /** An idle or loading instance of the bundle (see `order`). The caller awaits its `ready`. */
  take(key: string): Instance | undefined {
    const list = this.byKey.get(key);
    if (!list) return undefined;
    if (this.order === 'recent') {
      for (let i = list.length - 1; i >= 0; i--) {
        const idle = list[i];
        // A timer marks an instance loaded and idle; one without is still loading.
        if (!idle?.timer || !idle.instance.alive) continue;
        list.splice(i, 1);
        clearTimeout(idle.timer);
        return idle.instance;
      }
    }
    while (list.length > 0) {
      const idle = list.shift();
      if (!idle) break;
      clearTimeout(idle.timer);
      if (idle.instance.alive) return idle.instance;
    }
    return undefined;
  }

  /** A new instance of the bundle; idle instances of an older build of the same file are ended. */
  spawn(spec: InstanceSpec, key: string): FunctionInstance {
    for (const [other, list] of this.byKey) {
      if (buildOf(other) === buildOf(key) || !other.startsWith(`${spec.file}|`)) continue;
      for (const idle of list) {
        clearTimeout(idle.timer);
        idle.instance.kill();
      }
      this.byKey.delete(other);
    }
    const spare = this.spares.get(spec.memoryMb);
    const adopted = spare?.adopt();
    if (!spare || spare.gone) this.spares.set(spec.memoryMb, new SpareProcess(spec.memoryMb, spec.file));
    return new FunctionInstance(spec, key, adopted);
  }

  put(instance: Instance, loading = false): void {
    const list = this.byKey.get(instance.key) ?? [];
    this.byKey.set(instance.key, list);
    if (list.length >= MAX_IDLE_PER_KEY) {
      instance.kill();
      return;
    }
    instance.hold(false);
    const entry: Idle = { instance };
    if (!loading) {
      entry.timer = setTimeout(() => this.drop(instance), IDLE_MS);
      entry.timer.unref();
    }
    list.push(entry);
  }

  /** Idle (or loading) instances of the bundle. */
  count(key: string): number {
    return (this.byKey.get(key) ?? []).filter((e) => e.instance.alive).length;
  }

  private drop(instance: Instance): void {
    const list = this.byKey.get(instance.key) ?? [];
    const i = list.findIndex((e) => e.instance === instance);
    if (i >= 0) list.splice(i, 1);
    instance.kill();
  }

  /** A loaded instance nobody claimed yet starts its idle clock; one that failed to load goes. */
  settle(instance: Instance, loaded: boolean): void {
    const entry = this.byKey.get(instance.key)?.find((e) => e.instance === instance);
    if (!entry) return;
    if (!loaded) {
      this.drop(instance);
      return;
    }
    entry.timer = setTimeout(() => this.drop(instance), IDLE_MS);
    entry.timer.unref();
  }
}

const CARRIER = Symbol.for('siyu.host.functionInstances');

/**
 * The process's registry. Kept on a Node built-in module, the one object every module instance in
 * the process shares (a test runner gives each test file its own globals and `process`).
 */
export function registry(): Registry {
  const carrier = childProcess as unknown as { [CARRIER]?: Registry };
  return (carrier[CARRIER] ??= new Registry());
}

/**
 * Starts instances of the bundle until `count` are idle or loading, like the platform's provisioned
 * instances: the first calls then find them warm (or nearly). Never throws; a bundle that fails to
 * load is reported by the call that needs it.
 */
export async function prewarm(spec: InstanceSpec, key: string, count: number): Promise<void> {
  const r = registry();
  while (r.count(key) < count) {
    const instance = r.spawn(spec, key);
    r.put(instance, true);
    try {
      await instance.ready;
      r.settle(instance, true);
    } catch {
      r.settle(instance, false);
      return;
    }
  }
}
