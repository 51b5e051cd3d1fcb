/**
 * The local cloud's SIYU_ID_SECRET when the environment gives none: made once per data directory
 * and kept in a file beside the database, never in it, as production keeps it in the functions'
 * settings. A test cloud with its own data directory gets its own key.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const ID_SECRET_FILE = 'id-secret';

export function localIdSecret(dataDir: string): string {
  const file = path.join(dataDir, ID_SECRET_FILE);
  try {
    const found = fs.readFileSync(file, 'utf8').trim();
    if (found.length >= 32) return found;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const made = randomBytes(32).toString('hex');
  fs.writeFileSync(file, `${made}\n`, { mode: 0o600 });
  return made;
}
