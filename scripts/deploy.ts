/**
 * One path from this repository to a CloudBase environment (README "Deploy to CloudBase").
 *
 *   npm run deploy -- --dry-run              # prints every step and every call; nothing remote, no credentials
 *   npm run deploy                           # the same plan, with the calls made
 *   npm run deploy -- --dry-run --skip-build # use the bundles already in cloudfunctions/
 *
 * Settings come from the environment (server/config/settings.ts lists them), or from a git-ignored
 * `.env.deploy` at the repository root for values the environment does not set. Credentials
 * (TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY) are needed only without --dry-run.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { SETTINGS, SETTING_NAMES, type EnvSource } from '@server/config/settings';
import { BuildError, buildFunctions, FUNCTIONS_DIR, type BuildOptions, type BuiltFunction } from './build-functions';
import { kb } from './check-size';
import { executePlan, type DeployClient, type RunCommand } from './deploy-execute';
import { collectFunctions } from './deploy-functions';
import { buildPlan } from './deploy-plan';
import { validateSettings, type DeploySettings } from './deploy-settings';

const ROOT = path.resolve(__dirname, '..');
export const ENV_FILE = path.join(ROOT, '.env.deploy');

export interface DeployDeps {
  argv: readonly string[];
  env: EnvSource;
  log: (line: string) => void;
  error: (line: string) => void;
  build: (opts: BuildOptions) => Promise<BuiltFunction[]>;
  functionsDir: string;
  createClient: (settings: DeploySettings) => Promise<DeployClient>;
  run: RunCommand;
}

/** The environment, with `.env.deploy` filling what it does not set (the environment wins). */
export function loadDeployEnv(env: EnvSource = process.env, file: string = ENV_FILE): EnvSource {
  if (!fs.existsSync(file)) return env;
  const fromFile = parseEnv(fs.readFileSync(file, 'utf8'));
  const merged: Record<string, string | undefined> = { ...fromFile };
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') merged[k] = v;
  return merged;
}

async function createManager(s: DeploySettings): Promise<DeployClient> {
  const { default: CloudBase } = await import('@cloudbase/manager-node');
  return new CloudBase({
    secretId: s.TENCENTCLOUD_SECRETID,
    secretKey: s.TENCENTCLOUD_SECRETKEY,
    ...(s.TENCENTCLOUD_SESSIONTOKEN ? { token: s.TENCENTCLOUD_SESSIONTOKEN } : {}),
    envId: s.SIYU_ENV_ID,
    region: s.SIYU_DEPLOY_REGION,
  });
}

const runCommand: RunCommand = (command, env) =>
  new Promise((resolve, reject) => {
    const [cmd, ...args] = command;
    if (!cmd) return reject(new Error('empty command'));
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command.join(' ')} exited with ${code}`)),
    );
  });

/** Replaces every secret value in a message: a manager error may echo its request. */
function redact(text: string, env: EnvSource): string {
  let out = text;
  for (const name of SETTING_NAMES) {
    const value = env[name];
    if ((SETTINGS[name] as { secret: boolean }).secret && value && value.length >= 4)
      out = out.split(value).join('***');
  }
  return out;
}

/** Runs the deploy; returns the process exit code (0 done, 1 failed, 2 refused settings). */
export async function runDeploy(partial: Partial<DeployDeps> = {}): Promise<number> {
  const deps: DeployDeps = {
    argv: process.argv.slice(2),
    env: loadDeployEnv(),
    log: (line) => console.log(line),
    error: (line) => console.error(line),
    build: buildFunctions,
    functionsDir: FUNCTIONS_DIR,
    createClient: createManager,
    run: runCommand,
    ...partial,
  };
  const { argv, env, log, error } = deps;
  const unknown = argv.filter((a) => !['--dry-run', '--skip-build'].includes(a));
  if (unknown.length > 0) {
    error(`deploy: unknown argument(s) ${unknown.join(' ')} (use --dry-run, --skip-build)`);
    return 2;
  }
  const dryRun = argv.includes('--dry-run');

  const validation = validateSettings(env, { needCredentials: !dryRun });
  if (!validation.ok) {
    error('deploy: refused. Fix these settings (README "Settings"; set them in the environment or .env.deploy):');
    for (const p of validation.problems) error(`  ${p}`);
    return 2;
  }

  try {
    const buildNotes: string[] = [];
    if (argv.includes('--skip-build')) buildNotes.push('skipped (--skip-build): using the bundles in cloudfunctions/');
    else {
      const built = await deps.build({ quiet: true, dir: deps.functionsDir });
      buildNotes.push(
        `npm run build:functions (scripts/build-functions.ts): ${built.length} functions built or up to date`,
      );
    }
    const functions = collectFunctions(deps.functionsDir);
    const missing = functions.filter((f) => f.bundleBytes === null);
    if (functions.length === 0 || missing.length > 0) {
      error(
        `deploy: missing bundle(s): ${missing.map((f) => path.relative(ROOT, f.bundle)).join(', ') || 'no functions'}`,
      );
      return 1;
    }
    for (const f of functions) {
      buildNotes.push(
        `${path.relative(ROOT, f.bundle)} ${kb(f.bundleBytes ?? 0)}; runtime dependencies ${Object.entries(
          f.dependencies,
        )
          .map(([n, v]) => `${n}@${v}`)
          .join(', ')}`,
      );
    }

    const plan = buildPlan({ settings: validation.settings, functions, buildNotes });
    const client = dryRun ? null : await deps.createClient(validation.settings.values);
    await executePlan(plan, { client, run: deps.run, log });
    return 0;
  } catch (err) {
    const message = err instanceof BuildError ? err.message : err instanceof Error ? err.message : String(err);
    error(`deploy: failed: ${redact(message, env)}`);
    return 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  runDeploy().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
