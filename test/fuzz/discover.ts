/**
 * The actions to fuzz: every action of every contract in the registry (core/contracts/index.ts), so
 * an action or a whole function added there is fuzzed without editing the fuzzer.
 */
import { ALL_CONTRACTS } from '@core/contracts';
import type { ActionSpec } from '@core/contracts/define';

export interface FuzzTarget {
  fn: string;
  action: string;
  spec: ActionSpec;
}

/** Every action of every registered contract: functions by name, actions in contract order. */
export function fuzzTargets(): FuzzTarget[] {
  return [...ALL_CONTRACTS]
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((contract) =>
      Object.entries(contract.actions).map(([action, spec]) => ({ fn: contract.name, action, spec })),
    );
}
