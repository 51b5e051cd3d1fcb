/**
 * CloudBase timer expressions: seven fields, `second minute hour day month week year`, with
 * `*`, lists `a,b`, ranges `a-b`, steps `x/n`, month names JAN-DEC and week names SUN-SAT
 * (week 0-6, Sunday 0). Times are Beijing time (UTC+8, no daylight saving) as on the platform.
 * When both day and week are restricted a time matches either one (classic cron rule).
 */

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const FIELDS: readonly FieldSpec[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  },
  { name: 'week', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
  { name: 'year', min: 1970, max: 2099 },
];

/** Beijing time, the zone CloudBase evaluates timer triggers in. */
export const BEIJING_OFFSET_MINUTES = 480;

export class CronError extends Error {
  constructor(expression: string, reason: string) {
    super(`invalid timer expression "${expression}": ${reason}`);
    this.name = 'CronError';
  }
}

interface Field {
  values: Set<number>;
  any: boolean;
}

function parseValue(raw: string, spec: FieldSpec, expr: string): number {
  const upper = raw.toUpperCase();
  const named = spec.names?.indexOf(upper) ?? -1;
  const value = named >= 0 ? named + spec.min : /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(value) || value < spec.min || value > spec.max) {
    throw new CronError(expr, `${spec.name} value "${raw}" outside ${spec.min}-${spec.max}`);
  }
  return value;
}

function parseField(text: string, spec: FieldSpec, expr: string): Field {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [rangeText, stepText, extra] = part.split('/');
    if (rangeText === undefined || rangeText === '' || extra !== undefined) {
      throw new CronError(expr, `${spec.name} part "${part}" is malformed`);
    }
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1)
      throw new CronError(expr, `${spec.name} step "${stepText}" is not a positive integer`);
    let lo: number;
    let hi: number;
    if (rangeText === '*') {
      lo = spec.min;
      hi = spec.max;
    } else if (rangeText.includes('-')) {
      const [a, b, more] = rangeText.split('-');
      if (a === undefined || b === undefined || more !== undefined)
        throw new CronError(expr, `${spec.name} range "${rangeText}" is malformed`);
      lo = parseValue(a, spec, expr);
      hi = parseValue(b, spec, expr);
      if (lo > hi) throw new CronError(expr, `${spec.name} range "${rangeText}" runs backwards`);
    } else {
      lo = parseValue(rangeText, spec, expr);
      // "5/15" means from 5 to the end in steps of 15, as in other cron dialects.
      hi = stepText === undefined ? lo : spec.max;
    }
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return { values, any: text === '*' };
}

export class CronSchedule {
  readonly expression: string;
  private readonly fields: readonly Field[];
  private readonly offsetMs: number;

  constructor(expression: string, offsetMinutes = BEIJING_OFFSET_MINUTES) {
    this.expression = expression;
    const parts = expression.trim().split(/\s+/);
    if (parts.length !== FIELDS.length) {
      throw new CronError(
        expression,
        `needs ${FIELDS.length} fields (second minute hour day month week year), got ${parts.length}`,
      );
    }
    this.fields = FIELDS.map((spec, i) => parseField(parts[i] as string, spec, expression));
    this.offsetMs = offsetMinutes * 60_000;
  }

  private field(i: number): Field {
    return this.fields[i] as Field;
  }

  private dayMatches(local: Date): boolean {
    const day = this.field(3);
    const week = this.field(5);
    const dayOk = day.values.has(local.getUTCDate());
    const weekOk = week.values.has(local.getUTCDay());
    if (!day.any && !week.any) return dayOk || weekOk;
    return dayOk && weekOk;
  }

  /** Whether the whole second containing `ms` is a firing time. */
  matches(ms: number): boolean {
    const local = new Date(ms + this.offsetMs);
    return (
      this.field(6).values.has(local.getUTCFullYear()) &&
      this.field(4).values.has(local.getUTCMonth() + 1) &&
      this.dayMatches(local) &&
      this.field(2).values.has(local.getUTCHours()) &&
      this.field(1).values.has(local.getUTCMinutes()) &&
      this.field(0).values.has(local.getUTCSeconds())
    );
  }

  /** The first firing time strictly after `afterMs` (epoch ms, whole second), or null if none is left. */
  next(afterMs: number): number | null {
    // Walk in local (shifted) time and jump over whole units that cannot match.
    let t = new Date(Math.floor((afterMs + this.offsetMs) / 1000) * 1000 + 1000);
    const limit = Date.UTC(FIELDS[6]!.max + 1, 0, 1);
    while (t.getTime() < limit) {
      if (!this.field(6).values.has(t.getUTCFullYear())) {
        t = new Date(Date.UTC(t.getUTCFullYear() + 1, 0, 1));
        continue;
      }
      if (!this.field(4).values.has(t.getUTCMonth() + 1)) {
        t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1));
        continue;
      }
      if (!this.dayMatches(t)) {
        t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + 1));
        continue;
      }
      if (!this.field(2).values.has(t.getUTCHours())) {
        t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), t.getUTCHours() + 1));
        continue;
      }
      if (!this.field(1).values.has(t.getUTCMinutes())) {
        t = new Date(
          Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes() + 1),
        );
        continue;
      }
      if (!this.field(0).values.has(t.getUTCSeconds())) {
        t = new Date(t.getTime() + 1000);
        continue;
      }
      return t.getTime() - this.offsetMs;
    }
    return null;
  }
}
