/**
 * Finds every contract in core/contracts/*.ts at run time, so an action (or a whole function) added
 * later is fuzzed without editing the fuzzer.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ActionSpec, Contract } from '@core/contracts/define';

export const CONTRACTS_DIR = path.join(__dirname, '..', '..', 'core', 'contracts');

export interface FuzzTarget {
  fn: string;
  action: string;
  spec: ActionSpec;
}

function isActionSpec(v: unknown): v is ActionSpec {
  if (typeof v !== 'object' || v === null) return false;
  const spec = v as Partial<ActionSpec>;
  return (
    typeof (spec.input as { safeParse?: unknown } | undefined)?.safeParse === 'function' && Array.isArray(spec.roles)
  );
}

/** A value shaped like defineContract()'s result: a name and actions that all look like ActionSpecs. */
export function isContract(v: unknown): v is Contract {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as { name?: unknown; actions?: unknown };
  if (typeof c.name !== 'string' || typeof c.actions !== 'object' || c.actions === null) return false;
  const actions = Object.values(c.actions);
  return actions.length > 0 && actions.every(isActionSpec);
}

/** Every action of every contract exported by core/contracts/*.ts, sorted by function then action. */
export async function discoverTargets(dir = CONTRACTS_DIR): Promise<FuzzTarget[]> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .sort();
  const contracts = new Map<string, Contract>();
  for (const file of files) {
    const mod = (await import(path.join(dir, file))) as Record<string, unknown>;
    for (const value of Object.values(mod)) {
      if (isContract(value)) contracts.set(value.name, value);
    }
  }
  const targets: FuzzTarget[] = [];
  for (const contract of [...contracts.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    for (const [action, spec] of Object.entries(contract.actions)) targets.push({ fn: contract.name, action, spec });
  }
  return targets;
}
