/**
 * Bad inputs for one action, derived from its own schema: a valid input with one slot spoiled per
 * category, generic garbage, and valid inputs from every caller the action refuses. Seeded, so a
 * run is reproducible; an input that turns out valid for an allowed caller is dropped, not counted.
 */
import * as fc from 'fast-check';
import type { ActionSpec } from '@core/contracts/define';
import type { ErrorCode } from '@core/errors';
import { DEFAULT_LIMITS, inspectEvent } from '@server/kit/inspect-event';
import { ALL_CALLERS, type Who } from '../support/role-matrix';
import {
  EXTRA_KEYS,
  MB,
  nest,
  numberValues,
  ODD_CHARS,
  ODD_STRINGS,
  OPERATOR_KEYS,
  OPERATOR_VALUES,
  fullwidth,
  pick,
  rawValues,
  TYPE_SAMPLES,
} from './bad-values';
import {
  cloneJson,
  deleteAt,
  getAt,
  jsonSchemaOf,
  jsonTypeOf,
  setAt,
  slotsOf,
  typesOf,
  validArb,
  type JsonSchema,
  type Pool,
  type Slot,
} from './schema';

/** Categories mutated from the schema, in the order a plan interleaves them. */
export const GENERATED = [
  'type',
  'missing',
  'extra',
  'huge',
  'deep',
  'operator',
  'unicode',
  'number',
  'shape',
  'garbage',
  'raw',
] as const;
export const CATEGORIES = [...GENERATED, 'role', 'foreign'] as const;
export type Category = (typeof CATEGORIES)[number];

export type Transport = 'invoke' | 'http';

export interface Case {
  category: Category;
  /** The event without `action`. */
  input: Record<string, unknown>;
  caller: Who;
  transport: Transport;
  /** For hand-written cases: what makes it a refusal. */
  note?: string;
}

/** What the reply must be: one code, or any refusal (a valid input the business rules refuse). */
export type Expected = ErrorCode | 'refusal';

export interface ActionContext {
  spec: ActionSpec;
  schema: JsonSchema;
  slots: Slot[];
  /** Valid inputs (by the schema) built from real ids; every mutation starts from one. */
  bases: Record<string, unknown>[];
  triggers: readonly string[];
}

/** What the function receives: the platform hands it a JSON copy of the event. */
export function delivered(event: Record<string, unknown>): Record<string, unknown> {
  return cloneJson(event) ?? {};
}

/** The input part of a delivered event as the kit parses it (action and platform keys removed). */
function inputPart(event: Record<string, unknown>): Record<string, unknown> {
  const input = { ...event };
  delete input.action;
  delete input.userInfo;
  return input;
}

function passesInspection(event: unknown): boolean {
  try {
    inspectEvent(event);
    return true;
  } catch {
    return false;
  }
}

/** A lower bound of the bytes the kit counts: strings and keys only, nothing that JSON would drop. */
function textBytes(v: unknown, depth: number): number {
  if (typeof v === 'string') return v.length;
  if (depth > 50 || typeof v !== 'object' || v === null || ArrayBuffer.isView(v)) return 0;
  let n = 0;
  for (const [k, x] of Object.entries(v)) n += k.length + textBytes(x, depth + 1);
  return n;
}

/** May this caller reach the action's input parsing at all? */
export function callerAllowed(spec: ActionSpec, who: Who): boolean {
  if (who === 'no openid') return spec.allowAnonymous === true && spec.roles.includes('visitor');
  if (who === 'inactive guide') return spec.allowInactive === true && spec.roles.includes('visitor');
  return spec.roles.includes(who);
}

/** The code the kit must answer, in its documented order (define-function.ts). */
export function expectedOf(spec: ActionSpec, event: Record<string, unknown>, who: Who): Expected {
  // A JSON copy of a megabyte costs milliseconds; the kit's size limit refuses it anyway.
  if (textBytes(event, 0) > DEFAULT_LIMITS.maxBytes) return 'INVALID_ARGUMENT';
  const ev = delivered(event);
  if (!passesInspection(ev)) return 'INVALID_ARGUMENT';
  // An event shaped like a timer from a client: refused whoever sends it.
  if (ev.Type === 'Timer') return 'PERMISSION_DENIED';
  if (who === 'no openid' && !spec.allowAnonymous) return 'UNAUTHENTICATED';
  if (!callerAllowed(spec, who)) return 'PERMISSION_DENIED';
  if (!spec.input.safeParse(inputPart(ev)).success) return 'INVALID_ARGUMENT';
  return 'refusal';
}

/** True when this input would be accepted from this caller: then it is not a bad input. */
export function acceptedFrom(spec: ActionSpec, input: Record<string, unknown>, who: Who): boolean {
  return expectedOf(spec, input, who) === 'refusal';
}

/** Valid inputs for the action, from real ids where the schema asks for ids. */
export function validBases(spec: ActionSpec, pool: Pool, seed: number, n = 8): Record<string, unknown>[] {
  const schema = jsonSchemaOf(spec.input);
  const samples = fc.sample(validArb(schema, pool), { seed, numRuns: 400 });
  const out: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  for (const s of samples) {
    if (typeof s !== 'object' || s === null || Array.isArray(s)) continue;
    const key = JSON.stringify(s);
    if (seen.has(key) || !spec.input.safeParse(s).success) continue;
    seen.add(key);
    out.push(s as Record<string, unknown>);
    if (out.length >= n) break;
  }
  return out;
}

export function actionContext(spec: ActionSpec, pool: Pool, seed: number, triggers: readonly string[]): ActionContext {
  const schema = jsonSchemaOf(spec.input);
  return { spec, schema, slots: slotsOf(schema), bases: validBases(spec, pool, seed), triggers };
}

const CARRIER_KEYS = ['x', 'data', 'value', 'extra'];
const HUGE = 'a'.repeat(MB + 1);
const NEAR_LIMIT = 'b'.repeat(60_000);

function baseArb(ctx: ActionContext): fc.Arbitrary<Record<string, unknown>> {
  return ctx.bases.length > 0 ? fc.constantFrom(...ctx.bases) : fc.constant({});
}

/** `values` placed in one of `slots`, or under an extra key when the action has no such slot. */
function inSlot(
  ctx: ActionContext,
  slots: Slot[],
  values: (slot: Slot | undefined, current: unknown) => fc.Arbitrary<unknown>,
): fc.Arbitrary<Record<string, unknown>> {
  if (slots.length === 0) {
    return fc
      .tuple(baseArb(ctx), pick(CARRIER_KEYS))
      .chain(([b, k]) => values(undefined, undefined).map((v) => setAt(b, [k], v)));
  }
  return fc
    .tuple(baseArb(ctx), pick(slots))
    .chain(([b, s]) => values(s, getAt(b, s.path)).map((v) => setAt(b, s.path, v)));
}

const has = (s: Slot, type: string) => typesOf(s.schema).has(type);

function hugeValues(slot: Slot | undefined, current: unknown): fc.Arbitrary<unknown> {
  const out: unknown[] = [HUGE, NEAR_LIMIT, `${typeof current === 'string' ? current : ''}${HUGE}`];
  const max = slot?.schema.maxLength;
  if (max !== undefined) out.push('x'.repeat(max + 1), '字'.repeat(max + 1), '😀'.repeat(Math.ceil((max + 1) / 2)));
  const maxItems = slot?.schema.maxItems;
  if (slot && has(slot, 'array')) {
    const first = Array.isArray(current) && current.length > 0 ? current[0] : 'x';
    if (maxItems !== undefined) out.push(Array.from({ length: maxItems + 1 }, () => first));
    out.push(new Array<number>(100_000).fill(0));
  }
  return pick(out);
}

function unicodeValues(_slot: Slot | undefined, current: unknown): fc.Arbitrary<unknown> {
  const odd = pick(ODD_STRINGS);
  if (typeof current !== 'string' || current.length === 0) return odd;
  return fc.oneof(
    odd,
    fc
      .tuple(pick(ODD_CHARS), fc.nat({ max: current.length }))
      .map(([c, i]) => `${current.slice(0, i)}${c}${current.slice(i)}`),
    fc.constant(fullwidth(current)),
    fc.constant(current.normalize('NFD') === current ? `${current}\u0301` : current.normalize('NFD')),
  );
}

function shapeValues(slot: Slot | undefined, current: unknown): fc.Arbitrary<unknown> {
  if (slot && has(slot, 'object')) return pick([[], [current ?? {}], 'object', Object.entries(current ?? {}), [[]]]);
  if (slot && has(slot, 'array')) return pick([{ 0: 'x', length: 1 }, {}, 'a,b', [[current]], [{}], [[]]]);
  return pick([[current], { value: current }, [[current]], { 0: current }]);
}

function wrongTypeValues(slot: Slot | undefined): fc.Arbitrary<unknown> {
  if (!slot) return pick(TYPE_SAMPLES);
  const types = typesOf(slot.schema);
  const wrong = TYPE_SAMPLES.filter((v) => !types.has(jsonTypeOf(v)));
  return pick(wrong.length > 0 ? wrong : TYPE_SAMPLES);
}

function manyKeys(n: number): Record<string, unknown> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}_${'z'.repeat(16)}`, i]));
}

const extraKey = fc.oneof(
  pick(EXTRA_KEYS),
  fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !k.startsWith('$') && !OPERATOR_KEYS.includes(k)),
);

function categoryArb(cat: (typeof GENERATED)[number], ctx: ActionContext): fc.Arbitrary<Record<string, unknown>> {
  const { slots } = ctx;
  const base = baseArb(ctx);
  switch (cat) {
    case 'type':
      return inSlot(ctx, slots, (s) => wrongTypeValues(s));
    case 'missing': {
      const required = slots.filter((s) => s.required);
      if (required.length === 0) return inSlot(ctx, [], () => fc.constant(undefined));
      return fc.oneof(
        { weight: 4, arbitrary: fc.tuple(base, pick(required)).map(([b, s]) => deleteAt(b, s.path)) },
        { weight: 1, arbitrary: fc.constant({}) },
        { weight: 1, arbitrary: fc.tuple(base, pick(required)).map(([b, s]) => setAt(b, s.path, undefined)) },
      );
    }
    case 'extra': {
      const objects = slots.filter((s) => has(s, 'object'));
      const timer = fc
        .tuple(base, pick([...ctx.triggers, 'noSuchTrigger']))
        .map(([b, t]) => ({ ...b, Type: 'Timer', TriggerName: t, Time: '2026-01-01T00:00:00Z' }));
      return fc.oneof(
        {
          weight: 5,
          arbitrary: fc.tuple(base, extraKey, fc.jsonValue({ maxDepth: 1 })).map(([b, k, v]) => setAt(b, [k], v)),
        },
        {
          weight: objects.length > 0 ? 2 : 0,
          arbitrary:
            objects.length > 0
              ? fc.tuple(base, pick(objects), extraKey).map(([b, s, k]) => setAt(b, [...s.path, k], 1))
              : base,
        },
        { weight: 2, arbitrary: timer },
        { weight: 1, arbitrary: base.map((b) => ({ ...manyKeys(1500), ...b })) },
      );
    }
    case 'huge':
      return fc.oneof(
        { weight: 5, arbitrary: inSlot(ctx, slots, hugeValues) },
        { weight: 1, arbitrary: inSlot(ctx, [], hugeValues) },
      );
    case 'deep': {
      const deep = pick([nest(9), nest(50), nest(200), nest(200, 'array'), nest(1000)]);
      return fc.oneof(
        inSlot(ctx, slots, () => deep),
        inSlot(ctx, [], () => deep),
      );
    }
    case 'operator':
      return fc.oneof(
        { weight: 3, arbitrary: inSlot(ctx, slots, () => pick(OPERATOR_VALUES)) },
        {
          weight: 2,
          arbitrary: fc.tuple(base, pick(OPERATOR_KEYS), pick(OPERATOR_VALUES)).map(([b, k, v]) => setAt(b, [k], v)),
        },
      );
    case 'unicode': {
      const strings = slots.filter((s) => has(s, 'string'));
      return inSlot(ctx, strings, unicodeValues);
    }
    case 'number': {
      const numeric = slots.filter((s) => has(s, 'number'));
      const target = numeric.length > 0 ? numeric : slots;
      return inSlot(ctx, target, (s) =>
        pick(numberValues(s?.schema.minimum, s?.schema.maximum, s ? has(s, 'integer') : false)),
      );
    }
    case 'shape':
      return fc.oneof(
        { weight: 4, arbitrary: inSlot(ctx, slots, shapeValues) },
        { weight: 1, arbitrary: base.map((b) => ({ input: b })) },
        { weight: 1, arbitrary: base.map((b) => ({ ...Object.values(b) })) },
      );
    case 'garbage':
      return fc.oneof(
        fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }),
        fc
          .tuple(base, fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }))
          .map(([b, g]) => ({ ...b, ...g })),
        inSlot(ctx, slots, () => fc.jsonValue({ maxDepth: 3 })),
      );
    case 'raw':
      return fc.oneof(
        inSlot(ctx, slots, () => pick(rawValues())),
        inSlot(ctx, [], () => pick(rawValues())),
      );
  }
}

export interface PlanOptions {
  /** Bad inputs to produce for the action (role and hand-written cases included). */
  count: number;
  seed: number;
  /** Every n-th JSON-safe case goes over the HTTP bridge instead of invoke. */
  httpEvery: number;
  /** Valid inputs each refused caller sends. */
  perRefusedCaller: number;
}

/** A 32-bit seed per action and category, stable across runs. */
export function seedFor(seed: number, ...parts: string[]): number {
  let h = seed | 0;
  for (const ch of parts.join('|')) h = (Math.imul(h ^ ch.charCodeAt(0), 0x01000193) + 0x9e3779b9) | 0;
  return h;
}

/**
 * The cases for one action: valid inputs from each refused caller, the hand-written ones, then the
 * generated categories in turn until `count` bad inputs exist (a category that runs dry yields).
 */
export function planAction(
  key: string,
  ctx: ActionContext,
  foreign: readonly Omit<Case, 'category' | 'transport'>[],
  opts: PlanOptions,
): Case[] {
  const { spec } = ctx;
  const allowed = ALL_CALLERS.filter((w) => callerAllowed(spec, w));
  const refused = ALL_CALLERS.filter((w) => !callerAllowed(spec, w));
  const cases: Case[] = [];
  let n = 0;
  const transport = (input: Record<string, unknown>, forceInvoke: boolean): Transport =>
    !forceInvoke && ++n % opts.httpEvery === 0 && JSON.stringify(input).length < 2 * MB ? 'http' : 'invoke';

  const validInputs = ctx.bases.length > 0 ? ctx.bases : [{}];
  for (const who of refused) {
    for (let i = 0; i < opts.perRefusedCaller; i++) {
      const input = validInputs[i % validInputs.length] ?? {};
      cases.push({ category: 'role', input, caller: who, transport: transport(input, false) });
    }
  }
  for (const f of foreign) cases.push({ ...f, category: 'foreign', transport: transport(f.input, false) });

  const want = Math.max(0, opts.count - cases.length);
  const per = Math.ceil(want / GENERATED.length);
  const pools = GENERATED.map((cat) => {
    const samples = fc.sample(categoryArb(cat, ctx), { seed: seedFor(opts.seed, key, cat), numRuns: per * 3 });
    return { cat, samples, next: 0 };
  });
  let made = 0;
  let turn = 0;
  while (made < want && pools.some((p) => p.next < p.samples.length)) {
    const p = pools[turn % pools.length];
    turn += 1;
    if (!p) continue;
    while (p.next < p.samples.length) {
      const input = p.samples[p.next];
      p.next += 1;
      if (!input) continue;
      // Mostly allowed callers (the input reaches parsing); every 8th from a refused one.
      const useRefused = refused.length > 0 && (made % 8 === 7 || allowed.length === 0);
      const list = useRefused ? refused : allowed;
      const caller = list[made % list.length] ?? 'hq';
      if (acceptedFrom(spec, input, caller)) continue;
      cases.push({ category: p.cat, input, caller, transport: transport(input, p.cat === 'raw') });
      made += 1;
      break;
    }
  }
  return cases;
}
