/**
 * The callers every role-matrix test runs each action as, and the expected outcome table builder.
 * A refused call must answer the right code and write nothing; the tests check both.
 */
import { CONTRACTS, type ActionOf, type FunctionName } from '@core/contracts';
import { newOpenid, TEST_HQ, type TestCloud } from './local-cloud';

export type Who = 'hq' | 'guide' | 'customer' | 'visitor' | 'inactive guide' | 'no openid';
export type Outcome = 'ok' | 'PERMISSION_DENIED' | 'UNAUTHENTICATED';

export const ALL_CALLERS: readonly Who[] = ['hq', 'guide', 'customer', 'visitor', 'inactive guide', 'no openid'];

/** Makes a fresh caller of each kind (undefined = no x-openid header at all). */
export const makeCaller: Record<Who, (c: TestCloud) => Promise<string | undefined>> = {
  hq: () => Promise.resolve(TEST_HQ),
  guide: async (c) => (await c.makeGuide()).openid,
  customer: async (c) => (await c.makeMember()).openid,
  visitor: () => Promise.resolve(newOpenid('o_visitor')),
  'inactive guide': async (c) => {
    const g = await c.makeGuide();
    await c.deactivateGuide(g.openid);
    return g.openid;
  },
  'no openid': () => Promise.resolve(undefined),
};

/** The row of a matrix: the listed callers succeed; no openid is UNAUTHENTICATED, the rest PERMISSION_DENIED. */
export const only = (...allowed: Who[]): Record<Who, Outcome> =>
  Object.fromEntries(
    ALL_CALLERS.map((who) => [
      who,
      allowed.includes(who) ? 'ok' : who === 'no openid' ? 'UNAUTHENTICATED' : 'PERMISSION_DENIED',
    ]),
  ) as Record<Who, Outcome>;

/** Expected outcome per action of function F and caller: a row for every action the registry lists. */
export type RoleMatrix<F extends FunctionName> = Record<ActionOf<F>, Record<Who, Outcome>>;

/** The actions of F, from the contract registry, sorted. */
export function actionsOf<F extends FunctionName>(fn: F): ActionOf<F>[] {
  return (Object.keys(CONTRACTS[fn].actions) as ActionOf<F>[]).sort();
}

/** Every (action, caller, outcome) cell of a matrix, action by action. */
export function cellsOf<F extends FunctionName>(fn: F, matrix: RoleMatrix<F>): [ActionOf<F>, Who, Outcome][] {
  return actionsOf(fn).flatMap((action) =>
    ALL_CALLERS.map((who): [ActionOf<F>, Who, Outcome] => [action, who, matrix[action][who]]),
  );
}
