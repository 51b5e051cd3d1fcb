/**
 * A cloud function's config.json, as WeChat's developer tools deploy it: timer triggers, timeout
 * and memory. Other keys (e.g. `permissions.openapi`) are kept and ignored here.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { CronSchedule } from './cron';

/** CloudBase's defaults for a function whose config.json leaves them out. */
export const PLATFORM_DEFAULTS = { timeoutSeconds: 3, memoryMb: 256 } as const;

const TriggerSchema = z.object({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/, 'trigger name: a letter, then letters, digits, _ or -'),
  type: z.literal('timer'),
  config: z.string().refine(
    (expr) => {
      try {
        new CronSchedule(expr);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'not a 7-field timer expression (second minute hour day month week year)' },
  ),
});

export const FunctionConfigSchema = z.looseObject({
  triggers: z.array(TriggerSchema).default([]),
  /** Seconds; CloudBase allows 1-900 (60 for synchronous calls from a client; not enforced here). */
  timeout: z.number().int().min(1).max(900).default(PLATFORM_DEFAULTS.timeoutSeconds),
  /** MB; recorded and passed in the context, not enforced in-process. */
  memorySize: z
    .union([
      z.literal(64),
      z.literal(128),
      z.literal(256),
      z.literal(512),
      z.literal(1024),
      z.literal(2048),
      z.literal(3072),
    ])
    .default(PLATFORM_DEFAULTS.memoryMb),
});

export type FunctionConfig = z.infer<typeof FunctionConfigSchema>;
export type TimerTrigger = z.infer<typeof TriggerSchema>;

/** Reads `<dir>/config.json`; a missing file means platform defaults, a bad one throws with the reason. */
export function readFunctionConfig(dir: string): FunctionConfig {
  const file = path.join(dir, 'config.json');
  let raw: unknown = {};
  if (fs.existsSync(file)) {
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`${file}: not valid JSON (${(err as Error).message})`);
    }
  }
  const parsed = FunctionConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
