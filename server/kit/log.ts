import type { LogLevel } from '../env';
import type { LogFields, Logger } from './types';

const RANK: Record<LogLevel, number> = { silent: 0, error: 1, info: 2 };

/**
 * Structured log lines (one JSON object per line, which CloudBase's log search indexes), each with
 * the request id so a user's "编号" leads to the stack trace.
 */
export function createLogger(write: (line: string) => void, level: LogLevel, base: LogFields): Logger {
  const emit = (lvl: 'info' | 'warn' | 'error', msg: string, fields?: LogFields) => {
    if (RANK[level] < (lvl === 'info' ? 2 : 1)) return;
    let line: string;
    try {
      line = JSON.stringify({ level: lvl, msg, ...base, ...fields });
    } catch {
      line = JSON.stringify({ level: lvl, msg, ...base, note: 'fields not serialisable' });
    }
    write(line);
  };
  return {
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
  };
}

/** An error as one log field: its name and message (a thrown non-Error as text). */
export const errorText = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));
