/**
 * One local cloud per data directory: the database engine keeps state in memory next to SQLite,
 * so a second host writing the same files would see stale data. A pid file claims the folder;
 * a claim left by a process that no longer runs is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';

const LOCK_FILE = 'local-cloud.pid';
/** Folders this process holds: a pid file naming this process but not listed here is stale (pid reuse). */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dataDir: string): DataDirLock {
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      held.add(file);
      let released = false;
      return {
        release: () => {
          if (released) return;
          released = true;
          held.delete(file);
          fs.rmSync(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(file, 'utf8').trim());
      const mine = holder === process.pid;
      if (Number.isInteger(holder) && holder > 0 && (mine ? held.has(file) : alive(holder))) {
        const who = mine ? 'another local cloud in this process' : `process ${holder}`;
        throw new Error(`local cloud: data dir ${dataDir} is in use by ${who}; stop it or set SIYU_DATA_DIR`);
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`local cloud: could not claim data dir ${dataDir}`);
}
