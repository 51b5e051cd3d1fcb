/**
 * One local cloud per data directory: the database engine keeps state in memory next to SQLite,
 * so a second host writing the same files would see stale data. A pid file claims the folder;
 * a claim left by a process that no longer runs is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';

const LOCK_FILE = 'local-cloud.pid';

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
      let released = false;
      return {
        release: () => {
          if (released) return;
          released = true;
          fs.rmSync(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        const who = holder === process.pid ? 'another local cloud in this process' : `process ${holder}`;
        throw new Error(`local cloud: data dir ${dataDir} is in use by ${who}; stop it or set SIYU_DATA_DIR`);
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`local cloud: could not claim data dir ${dataDir}`);
}
