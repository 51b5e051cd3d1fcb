/**
 * Injected failures, for tests of work that must survive a function dying half-way (a data
 * deletion's sweep). While a rule is installed, every wire request it picks is refused with the
 * platform's system error, as when the instance that sent it was killed before it landed: the
 * function sees the error and its invocation ends there. Off unless a test installs a rule.
 */
export type FaultRule = (body: Readonly<Record<string, unknown>>) => boolean;

export class FaultInjector {
  private rule: FaultRule | null = null;
  /** Requests refused since the rule was installed. */
  refused = 0;

  install(rule: FaultRule): void {
    this.rule = rule;
    this.refused = 0;
  }

  clear(): void {
    this.rule = null;
  }

  /** Whether this request is to fail. */
  hits(body: Readonly<Record<string, unknown>>): boolean {
    if (!this.rule?.(body)) return false;
    this.refused += 1;
    return true;
  }
}
