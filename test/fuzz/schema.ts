/**
 * From an action's zod input schema to generators: valid inputs (preferring ids of real documents
 * from the seeded database) and the list of places ("slots") a mutation can spoil. The schema is
 * read through zod's own JSON Schema export (io: 'input', what a caller sends), not zod internals;
 * refinements JSON Schema cannot express are enforced afterwards with safeParse.
 */
import * as fc from 'fast-check';
import * as z from 'zod';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
}

export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    // A construct JSON Schema cannot hold at all: generic garbage still reaches the action.
    return {};
  }
}

/** The JSON types a schema admits (anyOf flattened); empty = anything. */
export function typesOf(s: JsonSchema): Set<string> {
  const out = new Set<string>();
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) for (const a of alternatives) for (const t of typesOf(a)) out.add(t);
  if (s.type !== undefined) for (const t of Array.isArray(s.type) ? s.type : [s.type]) out.add(t);
  if (s.enum) for (const v of s.enum) out.add(jsonTypeOf(v));
  if ('const' in s) out.add(jsonTypeOf(s.const));
  if (out.has('integer')) out.add('number');
  return out;
}

export function jsonTypeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Strings harvested from the seeded database: ids, openids, codes, names. */
export interface Pool {
  strings: readonly string[];
}

const SAMPLE_TEXT = ['春日焕新', '会员小鹿', '上海', '满100减20券', '测试', 'A', '林小满', '玫瑰精华水会员价 ¥199'];

function stringFits(s: JsonSchema, re: RegExp | undefined) {
  return (v: string) => v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? Infinity) && (!re || re.test(v));
}

function stringArb(s: JsonSchema, pool: Pool): fc.Arbitrary<string> {
  const re = s.pattern !== undefined ? new RegExp(s.pattern) : undefined;
  const fits = stringFits(s, re);
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 24, 24);
  const generated = re
    ? fc.stringMatching(re).filter(fits)
    : fc
        .oneof(fc.constantFrom(...SAMPLE_TEXT), fc.string({ minLength: min, maxLength: Math.max(min, max) }))
        .map((v) => v.slice(0, s.maxLength ?? v.length))
        .filter(fits);
  const real = pool.strings.filter(fits);
  return real.length > 0
    ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...real) }, { weight: 1, arbitrary: generated })
    : generated;
}

function numberArb(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const lo = s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : 1e-9) : s.minimum;
  const hi = s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : 1e-9) : s.maximum;
  const min = Math.max(lo ?? -1_000_000, Number.MIN_SAFE_INTEGER);
  const max = Math.min(hi ?? 1_000_000, Number.MAX_SAFE_INTEGER);
  const inner = integer
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  // Bounds are where off-by-one bugs live.
  return fc.oneof({ weight: 1, arbitrary: fc.constantFrom(min, max) }, { weight: 3, arbitrary: inner });
}

/** Values the JSON schema admits. Refinements it cannot express are checked later with safeParse. */
export function validArb(s: JsonSchema, pool: Pool): fc.Arbitrary<unknown> {
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives && alternatives.length > 0) return fc.oneof(...alternatives.map((a) => validArb(a, pool)));
  if ('const' in s) return fc.constant(s.const);
  if (s.enum && s.enum.length > 0) return fc.constantFrom(...s.enum);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      return stringArb(s, pool);
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = s.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(s.maxItems ?? 3, 3));
      return fc.array(validArb(s.items ?? {}, pool), { minLength, maxLength });
    }
    case 'object': {
      const props = s.properties ?? {};
      const model = Object.fromEntries(Object.entries(props).map(([k, p]) => [k, validArb(p, pool)]));
      return fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

export type Path = readonly (string | number)[];

/** A place in an input a mutation can spoil: a property (nested ones too) or an array element. */
export interface Slot {
  path: Path;
  schema: JsonSchema;
  required: boolean;
}

/** Every slot of the schema, nested objects and array items included (arrays as their first element). */
export function slotsOf(s: JsonSchema, prefix: Path = [], depth = 0): Slot[] {
  if (depth > 3) return [];
  const out: Slot[] = [];
  const props = s.properties ?? {};
  const required = new Set(s.required ?? []);
  for (const [key, child] of Object.entries(props)) {
    const path = [...prefix, key];
    out.push({ path, schema: child, required: required.has(key) });
    const inner = child.anyOf?.find((a) => a.type === 'object' || a.type === 'array') ?? child;
    if (inner.type === 'object') out.push(...slotsOf(inner, path, depth + 1));
    if (inner.type === 'array' && inner.items) {
      const itemPath = [...path, 0];
      out.push({ path: itemPath, schema: inner.items, required: false });
      if (inner.items.type === 'object') out.push(...slotsOf(inner.items, itemPath, depth + 1));
    }
  }
  return out;
}

/** A deep copy that keeps own `__proto__` keys as data (a JSON round trip does). */
export function cloneJson<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function isContainer(v: unknown): v is Record<string | number, unknown> {
  return typeof v === 'object' && v !== null;
}

/**
 * A copy of `base` with `value` at `path`; missing parents are created (an array for a numeric key).
 * Values are placed as they are (not copied), so Dates, Buffers and the like survive for invoke.
 */
export function setAt(base: unknown, path: Path, value: unknown): Record<string, unknown> {
  const root = (isContainer(base) && !Array.isArray(base) ? cloneJson(base) : {}) as Record<string, unknown>;
  let node: Record<string | number, unknown> = root;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
      return;
    }
    const next = node[key];
    if (!isContainer(next)) node[key] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  });
  return root;
}

/** A copy of `base` without the value at `path`. */
export function deleteAt(base: unknown, path: Path): Record<string, unknown> {
  const root = (isContainer(base) ? cloneJson(base) : {}) as Record<string, unknown>;
  let node: unknown = root;
  for (const key of path.slice(0, -1)) node = isContainer(node) ? node[key] : undefined;
  const last = path[path.length - 1];
  if (isContainer(node) && last !== undefined) {
    if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
    else delete node[last];
  }
  return root;
}

export function getAt(base: unknown, path: Path): unknown {
  let node: unknown = base;
  for (const key of path) node = isContainer(node) ? node[key] : undefined;
  return node;
}
