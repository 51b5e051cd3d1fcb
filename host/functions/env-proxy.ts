/**
 * Per-invocation environment variables inside one Node process.
 *
 * wx-server-sdk reads the caller's identity from process.env at call time (getWXContext, and the
 * WX_API_TOKEN it sends with every request). Production gives each invocation its own process
 * environment; here many invocations share one process, so process.env is replaced by a proxy
 * that answers from the current invocation's variables (AsyncLocalStorage) and falls back to the
 * real environment. Measured in the probe: without this, 49 of 50 concurrent calls saw a wrong
 * caller.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export type EnvVars = Record<string, string>;

const MARK = Symbol.for('siyu.host.envProxy');

interface ProxiedEnv extends NodeJS.ProcessEnv {
  [MARK]?: AsyncLocalStorage<EnvVars>;
}

/** The key when the current invocation defines it, else null. */
function own(store: EnvVars | undefined, key: string | symbol): string | null {
  return store !== undefined && typeof key === 'string' && Object.prototype.hasOwnProperty.call(store, key)
    ? key
    : null;
}

/**
 * Installs the proxy once per process (per jest sandbox) and returns the storage behind it.
 * Writes inside an invocation stay in that invocation, as they would in its own process.
 */
export function installEnvProxy(): AsyncLocalStorage<EnvVars> {
  const current = process.env as ProxiedEnv;
  const existing = current[MARK];
  if (existing) return existing;
  const als = new AsyncLocalStorage<EnvVars>();
  const base = process.env;
  const proxy = new Proxy(base, {
    get(target, key) {
      if (key === MARK) return als;
      const store = als.getStore();
      const k = own(store, key);
      return k !== null && store ? store[k] : (Reflect.get(target, key) as unknown);
    },
    has(target, key) {
      return own(als.getStore(), key) !== null || Reflect.has(target, key);
    },
    ownKeys(target) {
      const store = als.getStore();
      return [...new Set([...Reflect.ownKeys(target), ...Object.keys(store ?? {})])];
    },
    getOwnPropertyDescriptor(target, key) {
      const store = als.getStore();
      const k = own(store, key);
      if (k !== null && store) return { value: store[k], writable: true, enumerable: true, configurable: true };
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    set(target, key, value) {
      const store = als.getStore();
      if (store && typeof key === 'string') store[key] = String(value);
      else Reflect.set(target, key, String(value));
      return true;
    },
    deleteProperty(target, key) {
      // Inside an invocation only its own variables can go; the shared environment stays.
      const store = als.getStore();
      if (store) {
        const k = own(store, key);
        if (k !== null) delete store[k];
      } else Reflect.deleteProperty(target, key);
      return true;
    },
  });
  process.env = proxy;
  return als;
}
