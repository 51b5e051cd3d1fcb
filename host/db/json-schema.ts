/**
 * `$jsonSchema` as MongoDB implements it: JSON Schema draft 4 with `bsonType`, without `$ref`,
 * `$schema`, `default`, `definitions`, `format`, `id` or the `integer` type (MongoDB manual,
 * "$jsonSchema" › "JSON Schema" / "Omissions"). mingo delegates the keyword to a validator the
 * caller supplies, and no JSON Schema library knows BSON types (a Date is not an `object`, an
 * ObjectId is neither), so the dialect is implemented here.
 *
 * A keyword that constrains one type ignores values of other types (`minLength` passes a number);
 * an unknown keyword is refused, as MongoDB refuses it.
 */
import { Binary, BSONRegExp, Decimal128, Long, ObjectId, Timestamp } from 'bson';
import { requestFailed } from './errors';
import { isPlainObject, toNumber, valuesEqual, type Doc } from './values';

type Check = (v: unknown) => boolean;

const JSON_TYPES = new Set(['object', 'array', 'number', 'boolean', 'string', 'null']);

/** The BSON type name of a decoded value (integral numbers in int32 range are `int`, as the SDK sends them). */
export function bsonTypeOf(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 2 ** 31 ? 'int' : 'double';
  if (typeof v === 'bigint' || v instanceof Long) return 'long';
  if (v instanceof Decimal128) return 'decimal';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof ObjectId) return 'objectId';
  if (v instanceof RegExp || v instanceof BSONRegExp) return 'regex';
  if (v instanceof Binary) return 'binData';
  if (v instanceof Timestamp) return 'timestamp';
  if (toNumber(v) !== undefined) return 'double';
  return isPlainObject(v) ? 'object' : 'unknown';
}

function jsonTypeOf(v: unknown): string {
  const t = bsonTypeOf(v);
  if (['int', 'long', 'double', 'decimal'].includes(t)) return 'number';
  if (t === 'bool') return 'boolean';
  return t;
}

const isNumber = (v: unknown) => jsonTypeOf(v) === 'number';
const isObject = (v: unknown): v is Doc => bsonTypeOf(v) === 'object';
const list = (v: unknown): unknown[] => (Array.isArray(v) ? (v as unknown[]) : [v]);

function num(schema: Doc, k: string): number {
  const n = toNumber(schema[k]);
  if (n === undefined) throw requestFailed(`$jsonSchema keyword '${k}' must be a number`);
  return n;
}

function schemaObject(v: unknown, k: string): Doc {
  if (!isPlainObject(v)) throw requestFailed(`$jsonSchema keyword '${k}' must be an object`);
  return v;
}

function schemaList(v: unknown, k: string): Check[] {
  if (!Array.isArray(v) || v.length === 0) throw requestFailed(`$jsonSchema keyword '${k}' must be a non-empty array`);
  return (v as unknown[]).map((s) => compileSchema(schemaObject(s, k)));
}

/** One keyword → a check of the value it applies to (sibling keywords read from `s`). */
function keywordCheck(s: Doc, k: string): Check | undefined {
  const arg = s[k];
  switch (k) {
    case 'title':
    case 'description':
    case 'additionalItems': // read with items
    case 'patternProperties': // read with additionalProperties
    case 'exclusiveMaximum':
    case 'exclusiveMinimum':
      return undefined;
    case 'type': {
      const types = list(arg).map(String);
      for (const t of types)
        if (!JSON_TYPES.has(t)) throw requestFailed(`$jsonSchema type '${t}' is not supported (use bsonType)`);
      return (v) => types.includes(jsonTypeOf(v));
    }
    case 'bsonType': {
      const types = list(arg).map(String);
      return (v) => types.some((t) => (t === 'number' ? isNumber(v) : t === bsonTypeOf(v)));
    }
    case 'enum': {
      if (!Array.isArray(arg) || arg.length === 0)
        throw requestFailed("$jsonSchema keyword 'enum' must be a non-empty array");
      return (v) => (arg as unknown[]).some((e) => valuesEqual(e, v));
    }
    case 'minimum':
    case 'maximum': {
      const bound = num(s, k);
      const exclusive = Boolean(s[k === 'minimum' ? 'exclusiveMinimum' : 'exclusiveMaximum']);
      return (v) => {
        if (!isNumber(v)) return true;
        const n = toNumber(v) as number;
        if (k === 'minimum') return exclusive ? n > bound : n >= bound;
        return exclusive ? n < bound : n <= bound;
      };
    }
    case 'multipleOf': {
      const d = num(s, k);
      if (d <= 0) throw requestFailed("$jsonSchema keyword 'multipleOf' must be positive");
      return (v) => !isNumber(v) || Number.isInteger((toNumber(v) as number) / d);
    }
    case 'minLength':
    case 'maxLength': {
      const n = num(s, k);
      return (v) => typeof v !== 'string' || (k === 'minLength' ? [...v].length >= n : [...v].length <= n);
    }
    case 'pattern': {
      const re = new RegExp(String(arg), 'u');
      return (v) => typeof v !== 'string' || re.test(v);
    }
    case 'minItems':
    case 'maxItems': {
      const n = num(s, k);
      return (v) => !Array.isArray(v) || (k === 'minItems' ? v.length >= n : v.length <= n);
    }
    case 'uniqueItems':
      return (v) =>
        !arg || !Array.isArray(v) || v.every((x: unknown, i) => v.findIndex((y: unknown) => valuesEqual(x, y)) === i);
    case 'items':
      return itemsCheck(s);
    case 'minProperties':
    case 'maxProperties': {
      const n = num(s, k);
      return (v) => !isObject(v) || (k === 'minProperties' ? Object.keys(v).length >= n : Object.keys(v).length <= n);
    }
    case 'required': {
      const names = list(arg).map(String);
      return (v) => !isObject(v) || names.every((name) => v[name] !== undefined);
    }
    case 'properties': {
      const props = Object.entries(schemaObject(arg, k)).map(
        ([name, sub]) => [name, compileSchema(schemaObject(sub, k))] as const,
      );
      return (v) => !isObject(v) || props.every(([name, check]) => v[name] === undefined || check(v[name]));
    }
    case 'additionalProperties':
      return additionalCheck(s);
    case 'dependencies': {
      const deps = Object.entries(schemaObject(arg, k)).map(([name, dep]) => {
        const check: Check = Array.isArray(dep)
          ? (v) => (dep as unknown[]).every((d) => (v as Doc)[String(d)] !== undefined)
          : compileSchema(schemaObject(dep, k));
        return [name, check] as const;
      });
      return (v) => !isObject(v) || deps.every(([name, check]) => v[name] === undefined || check(v));
    }
    case 'allOf': {
      const checks = schemaList(arg, k);
      return (v) => checks.every((c) => c(v));
    }
    case 'anyOf': {
      const checks = schemaList(arg, k);
      return (v) => checks.some((c) => c(v));
    }
    case 'oneOf': {
      const checks = schemaList(arg, k);
      return (v) => checks.filter((c) => c(v)).length === 1;
    }
    case 'not': {
      const check = compileSchema(schemaObject(arg, k));
      return (v) => !check(v);
    }
    default:
      throw requestFailed(`Unknown $jsonSchema keyword: ${k}`);
  }
}

function itemsCheck(s: Doc): Check {
  if (!Array.isArray(s.items)) {
    const each = compileSchema(schemaObject(s.items, 'items'));
    return (v) => !Array.isArray(v) || v.every((x: unknown) => each(x));
  }
  const tuple = schemaList(s.items, 'items');
  const extra = s.additionalItems;
  const rest: Check | undefined =
    extra === false ? () => false : isPlainObject(extra) ? compileSchema(extra) : undefined;
  return (v) =>
    !Array.isArray(v) ||
    v.every((x: unknown, i) => {
      const c = tuple[i] ?? rest;
      return c ? c(x) : true;
    });
}

function additionalCheck(s: Doc): Check {
  const named = new Set(isPlainObject(s.properties) ? Object.keys(s.properties) : []);
  const patterns = isPlainObject(s.patternProperties)
    ? Object.entries(s.patternProperties).map(
        ([p, sub]) => [new RegExp(p, 'u'), compileSchema(schemaObject(sub, 'patternProperties'))] as const,
      )
    : [];
  const extra = s.additionalProperties;
  const rest: Check | undefined =
    extra === false ? () => false : isPlainObject(extra) ? compileSchema(extra) : undefined;
  return (v) =>
    !isObject(v) ||
    Object.keys(v).every((key) => {
      const matching = patterns.filter(([re]) => re.test(key));
      if (!matching.every(([, c]) => c(v[key]))) return false;
      return named.has(key) || matching.length > 0 || !rest || rest(v[key]);
    });
}

/** A schema → a check of one value (at the top level, the document). */
export function compileSchema(schema: Doc): Check {
  if (isPlainObject(schema.patternProperties) && schema.additionalProperties === undefined)
    schema = { ...schema, additionalProperties: true };
  const checks = Object.keys(schema)
    .map((k) => keywordCheck(schema, k))
    .filter((c): c is Check => c !== undefined);
  return (v) => checks.every((c) => c(v));
}

/** `{ $jsonSchema: <schema> }` → a document predicate. */
export function jsonSchemaPredicate(schema: unknown): (doc: Doc) => boolean {
  if (!isPlainObject(schema)) throw requestFailed('$jsonSchema must be an object');
  return compileSchema(schema);
}
