/**
 * The fuzz generators on their own (no cloud): valid inputs really are valid, every planned case
 * really is bad for its caller, a plan is the same for the same seed, and contracts are found.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { text } from '@core/contracts/common';
import type { ActionSpec, Contract } from '@core/contracts/define';
import { actionContext, acceptedFrom, expectedOf, GENERATED, planAction } from './cases';
import { fuzzTargets } from './discover';
import { deleteAt, jsonSchemaOf, setAt, slotsOf } from './schema';

const spec: ActionSpec = {
  input: z.strictObject({
    storeId: z.string().regex(/^sto_[A-Za-z0-9]{6,40}$/),
    name: text(10),
    count: z.number().int().min(1).max(5).default(1),
    variation: z.strictObject({ text: z.enum(['off', 'subtle']) }).optional(),
  }),
  output: z.object({}),
  roles: ['hq'],
};
const pool = { strings: ['sto_realstore01', 'o_someone_01', '春日'] };
const plan = (seed: number) =>
  planAction('demo.act', actionContext(spec, pool, seed, ['nightly']), [], {
    count: 220,
    seed,
    httpEvery: 4,
    perRefusedCaller: 2,
  });

const CONTRACTS_DIR = path.join(__dirname, '..', '..', 'core', 'contracts');

/** A value shaped like defineContract()'s result: a name and actions that all look like ActionSpecs. */
function isContract(v: unknown): v is Contract {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as { name?: unknown; actions?: unknown };
  if (typeof c.name !== 'string' || typeof c.actions !== 'object' || c.actions === null) return false;
  const actions = Object.values(c.actions as Record<string, Partial<ActionSpec>>);
  return (
    actions.length > 0 &&
    actions.every((a) => typeof (a.input as { safeParse?: unknown } | undefined)?.safeParse === 'function')
  );
}

/** Every contract exported by a module of `dir`, found by reading the folder (not the registry). */
async function contractsDefinedIn(dir: string): Promise<Contract[]> {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts');
  const found: Contract[] = [];
  for (const file of files) {
    const mod = (await import(path.join(dir, file))) as Record<string, unknown>;
    found.push(...Object.values(mod).filter(isContract));
  }
  return found;
}

describe('fuzz generators', () => {
  it('builds valid inputs from the schema, preferring real ids from the pool', () => {
    const ctx = actionContext(spec, pool, 1, []);
    expect(ctx.bases.length).toBeGreaterThan(3);
    for (const b of ctx.bases) expect(spec.input.safeParse(b).success).toBe(true);
    expect(ctx.bases.some((b) => b.storeId === 'sto_realstore01')).toBe(true);
    expect(slotsOf(jsonSchemaOf(spec.input)).map((s) => s.path.join('.'))).toEqual([
      'storeId',
      'name',
      'count',
      'variation',
      'variation.text',
    ]);
  });

  it('plans the asked number of inputs, each refused for its caller, every category present', () => {
    const cases = plan(7);
    expect(cases.length).toBe(220);
    for (const c of cases.filter((x) => x.category !== 'foreign')) {
      expect(acceptedFrom(spec, c.input, c.caller)).toBe(false);
    }
    const categories = new Set(cases.map((c) => c.category));
    for (const cat of [...GENERATED, 'role']) expect(categories).toContain(cat);
    expect(cases.filter((c) => c.category === 'raw').every((c) => c.transport === 'invoke')).toBe(true);
    expect(cases.some((c) => c.transport === 'http')).toBe(true);
  });

  it('is reproducible for a seed and differs for another', () => {
    const key = (cs: ReturnType<typeof plan>) =>
      createHash('sha1')
        .update(JSON.stringify(cs.map((c) => [c.category, c.caller, c.transport, c.input])))
        .digest('hex');
    expect(key(plan(7))).toBe(key(plan(7)));
    expect(key(plan(8))).not.toBe(key(plan(7)));
  });

  it('expects the code the kit owes, in its order', () => {
    const valid = { storeId: 'sto_realstore01', name: '店' };
    expect(expectedOf(spec, valid, 'no openid')).toBe('UNAUTHENTICATED');
    expect(expectedOf(spec, valid, 'guide')).toBe('PERMISSION_DENIED');
    expect(expectedOf(spec, { ...valid, name: 1 }, 'hq')).toBe('INVALID_ARGUMENT');
    expect(expectedOf(spec, { ...valid, $where: '1' }, 'guide')).toBe('INVALID_ARGUMENT');
    expect(expectedOf(spec, { ...valid, Type: 'Timer', TriggerName: 'x' }, 'no openid')).toBe('PERMISSION_DENIED');
    expect(expectedOf(spec, valid, 'hq')).toBe('refusal');
    // undefined vanishes in the platform's JSON copy: the optional field is simply absent.
    expect(acceptedFrom(spec, { ...valid, variation: undefined }, 'hq')).toBe(true);
  });

  it('sets and deletes nested values without touching the base, keeping a __proto__ key as data', () => {
    const base = { a: { b: 1 }, list: ['x'] };
    const set = setAt(base, ['__proto__'], { role: 'hq' });
    expect(Object.keys(set)).toContain('__proto__');
    expect(({} as { role?: string }).role).toBeUndefined();
    expect(setAt(base, ['a', 'b'], 2)).toEqual({ a: { b: 2 }, list: ['x'] });
    expect(deleteAt(base, ['list', 0])).toEqual({ a: { b: 1 }, list: [] });
    expect(base).toEqual({ a: { b: 1 }, list: ['x'] });
  });

  it('fuzzes every action of every contract defined in core/contracts (the registry misses none)', async () => {
    const targets = fuzzTargets().map((t) => `${t.fn}.${t.action}`);
    const defined = (await contractsDefinedIn(CONTRACTS_DIR)).flatMap((c) =>
      Object.keys(c.actions).map((action) => `${c.name}.${action}`),
    );
    for (const fn of ['account', 'content', 'points', 'mall', 'insight']) {
      expect(defined.some((key) => key.startsWith(`${fn}.`))).toBe(true);
    }
    expect(defined).toContain('account.transferCustomers');
    expect([...targets].sort()).toEqual([...new Set(defined)].sort());
  });
});
