/**
 * The function folders as the deploy sees them: config.json (timeout, memory, timers, declared
 * cloud-call permissions), package.json dependencies, the built bundle, and the cloud calls the
 * sources make (so an undeclared permission is reported).
 */
import fs from 'node:fs';
import path from 'node:path';
import { readFunctionConfig, type TimerTrigger } from '@server/config/function-config';
import { listFunctionSources } from './build-functions';

/** Cloud-call (openapi) names looked for in function sources, so an undeclared call is caught. */
export const KNOWN_OPENAPI = [
  'security.msgSecCheck',
  'security.imgSecCheck',
  'security.mediaCheckAsync',
  'wxacode.getUnlimited',
  'wxacode.get',
  'wxacode.createQRCode',
  'subscribeMessage.send',
  'uniformMessage.send',
  'phonenumber.getPhoneNumber',
  'urlscheme.generate',
  'urllink.generate',
] as const;

export interface LocalFunction {
  name: string;
  folder: string;
  bundle: string;
  bundleBytes: number | null;
  timeout: number;
  memorySize: number;
  triggers: TimerTrigger[];
  dependencies: Record<string, string>;
  /** permissions.openapi from config.json. */
  openapiDeclared: string[];
  /** Cloud-call names found in src/. */
  openapiUsed: string[];
}

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** Reads every function folder: config.json, package.json, the bundle, and the cloud calls its source makes. */
export function collectFunctions(dir: string): LocalFunction[] {
  return listFunctionSources(dir).map((name) => {
    const folder = path.join(dir, name);
    const config = readFunctionConfig(folder);
    const pkg = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    const permissions = (config as { permissions?: { openapi?: unknown } }).permissions;
    const declared = Array.isArray(permissions?.openapi) ? permissions.openapi.map(String) : [];
    const source = sourceFiles(path.join(folder, 'src'))
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    const used = KNOWN_OPENAPI.filter((api) => source.includes(`.${api}(`));
    const bundle = path.join(folder, 'index.js');
    return {
      name,
      folder,
      bundle,
      bundleBytes: fs.existsSync(bundle) ? fs.statSync(bundle).size : null,
      timeout: config.timeout,
      memorySize: config.memorySize,
      triggers: config.triggers,
      dependencies: pkg.dependencies ?? {},
      openapiDeclared: declared,
      openapiUsed: [...used],
    };
  });
}
