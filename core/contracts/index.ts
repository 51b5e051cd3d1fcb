/**
 * The contract registry: every cloud function's contract under its function name. The function kit
 * serves one entry each, the app's transport and the test client type their calls from `Contracts`,
 * and fuzzing, the role matrix and benches walk `CONTRACTS`. A new function is added here once.
 *
 * The app imports types only (`import type { Contracts }`), so zod stays out of the mini-program.
 */
import { accountContract } from './account';
import { contentContract } from './content';
import type { ActionName, Contract, InputOf, OutputOf } from './define';
import { insightContract } from './insight';
import { mallContract } from './mall';
import { pointsContract } from './points';

export const CONTRACTS = {
  account: accountContract,
  content: contentContract,
  points: pointsContract,
  mall: mallContract,
  insight: insightContract,
} as const;

/** Function name → contract type. */
export type Contracts = { [N in keyof typeof CONTRACTS]: (typeof CONTRACTS)[N] };
export type FunctionName = keyof Contracts;
/** An action of function N. */
export type ActionOf<N extends FunctionName> = ActionName<Contracts[N]>;
/** What a caller sends to N.A (before defaults are applied). */
export type CallInput<N extends FunctionName, A extends ActionOf<N>> = InputOf<Contracts[N], A>;
/** What N.A answers with. */
export type CallOutput<N extends FunctionName, A extends ActionOf<N>> = OutputOf<Contracts[N], A>;

/** Every contract, in registry order. */
export const ALL_CONTRACTS: readonly Contract[] = Object.values(CONTRACTS);
