import { AppError } from '@core/errors';
import type { KitLimits } from './types';

export const DEFAULT_LIMITS: KitLimits = { maxDepth: 8, maxBytes: 64 * 1024 };

/** Keys that could reach the prototype chain of an object built from input. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function where(path: readonly (string | number)[]): string {
  if (path.length === 0) return '输入';
  const text = path.join('.');
  // The path is echoed to the caller: keep a hostile 10 kB key out of the reply.
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Walks the raw event before anything else looks at it. Rejects, as INVALID_ARGUMENT:
 * - any key starting with `$` at any depth, in objects and inside arrays. Input values may end up
 *   in a database condition, and `{ "$ne": "" }` there would match everything (operator injection);
 * - keys that could reach an object's prototype;
 * - values JSON cannot carry (functions, symbols, bigint, NaN/Infinity, class instances);
 * - nesting deeper than `maxDepth` and events larger than `maxBytes`, which cost memory and time
 *   before any schema would refuse them.
 */
export function inspectEvent(event: unknown, limits: KitLimits = DEFAULT_LIMITS): void {
  let bytes = 0;
  const budget = () => {
    if (bytes > limits.maxBytes) throw new AppError('INVALID_ARGUMENT', '输入内容过大', { reason: 'too_large' });
  };
  const visit = (value: unknown, path: (string | number)[], depth: number): void => {
    bytes += 8;
    switch (typeof value) {
      case 'string':
        bytes += Buffer.byteLength(value, 'utf8');
        return budget();
      case 'number':
        if (!Number.isFinite(value))
          throw new AppError('INVALID_ARGUMENT', `${where(path)} 不是有效的数字`, { field: where(path) });
        return budget();
      case 'boolean':
      case 'undefined':
        return budget();
      case 'object': {
        if (value === null) return budget();
        if (depth >= limits.maxDepth) throw new AppError('INVALID_ARGUMENT', '输入层级过深', { reason: 'too_deep' });
        if (Array.isArray(value)) {
          value.forEach((item, i) => visit(item, [...path, i], depth + 1));
          return;
        }
        if (!isPlainObject(value))
          throw new AppError('INVALID_ARGUMENT', `${where(path)} 的类型不受支持`, { field: where(path) });
        for (const key of Object.keys(value)) {
          const field = where([...path, key]);
          if (key.startsWith('$')) {
            throw new AppError('INVALID_ARGUMENT', `输入包含不允许的字段：${field}`, { field, reason: 'operator' });
          }
          if (FORBIDDEN_KEYS.has(key))
            throw new AppError('INVALID_ARGUMENT', `输入包含不允许的字段：${field}`, { field });
          bytes += Buffer.byteLength(key, 'utf8');
          visit((value as Record<string, unknown>)[key], [...path, key], depth + 1);
        }
        return budget();
      }
      default:
        throw new AppError('INVALID_ARGUMENT', `${where(path)} 的类型不受支持`, { field: where(path) });
    }
  };
  visit(event, [], 0);
}
