/** Where the deployable functions are: `<dir>/<name>/index.js` with its config.json, first folder wins. */
import fs from 'node:fs';
import path from 'node:path';
import { readFunctionConfig, type FunctionConfig } from '@server/config/function-config';
import type { InstanceSpec } from './worker/instance';

const NAME = /^[A-Za-z0-9_-]{1,60}$/;

export class FunctionDirs {
  constructor(private readonly roots: readonly string[]) {}

  private dirOf(name: string): string | null {
    if (!NAME.test(name)) return null;
    for (const root of this.roots) {
      const dir = path.join(root, name);
      if (fs.existsSync(path.join(dir, 'index.js'))) return dir;
    }
    return null;
  }

  has(name: string): boolean {
    return this.dirOf(name) !== null;
  }

  list(): string[] {
    const names = new Set<string>();
    for (const root of this.roots) {
      if (!fs.existsSync(root)) continue;
      for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
        if (entry.isDirectory() && NAME.test(entry.name) && fs.existsSync(path.join(root, entry.name, 'index.js')))
          names.add(entry.name);
      }
    }
    return [...names].sort();
  }

  config(name: string): FunctionConfig {
    const dir = this.dirOf(name);
    if (!dir) throw new Error(`function ${name} not found`);
    return readFunctionConfig(dir);
  }

  /** What an instance of the function is started from; throws when its config.json is bad. */
  spec(name: string, gatewayRoute: string): InstanceSpec & { config: FunctionConfig } {
    const dir = this.dirOf(name);
    if (!dir) throw new Error(`function ${name} not found`);
    const config = readFunctionConfig(dir);
    return { name, file: path.join(dir, 'index.js'), memoryMb: config.memorySize, gatewayRoute, config };
  }
}
