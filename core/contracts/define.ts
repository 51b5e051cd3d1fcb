import type * as z from 'zod';
import type { Role } from '../roles';

/** One action of a function: its strict input schema, output schema and the roles allowed to call it. */
export interface ActionSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  roles: readonly Role[];
  /**
   * A deactivated account (a guide who left) is refused everywhere except actions marked here,
   * where it is seen as a visitor (so the app can tell them what happened).
   */
  allowInactive?: boolean;
  /**
   * Reachable without any openid (Moments' single-page mode opens a page with no identity). The
   * action then runs as a visitor whose openid is ''. Only for actions that record, never reward.
   */
  allowAnonymous?: boolean;
  /**
   * Work one of the project's functions hands to another through cloud.callFunction (e.g. a batch
   * of variants), never a user's request: the kit runs it only when the platform says the call came
   * from a function (SOURCE ends in `scf`), with no caller. `roles` stays empty, so any other caller
   * is refused as for an action nobody may call.
   */
  internal?: true;
}

export interface Contract<
  N extends string = string,
  A extends Record<string, ActionSpec> = Record<string, ActionSpec>,
> {
  /** The cloud function's name (= its folder under cloudfunctions/). */
  name: N;
  actions: A;
}

export function defineContract<const N extends string, const A extends Record<string, ActionSpec>>(
  name: N,
  actions: A,
): Contract<N, A> {
  return { name, actions };
}

export type ActionName<C extends Contract> = keyof C['actions'] & string;
/** What a caller sends (before defaults are applied). */
export type InputOf<C extends Contract, A extends ActionName<C>> = z.input<C['actions'][A]['input']>;
/** What an action receives after validation. */
export type ParsedInputOf<C extends Contract, A extends ActionName<C>> = z.output<C['actions'][A]['input']>;
export type OutputOf<C extends Contract, A extends ActionName<C>> = z.output<C['actions'][A]['output']>;
/** What an action returns before the kit parses it with the output schema. */
export type ResultOf<C extends Contract, A extends ActionName<C>> = z.input<C['actions'][A]['output']>;
