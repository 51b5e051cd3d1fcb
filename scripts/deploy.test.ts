import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COLLECTIONS } from '@core/db/schema';
import { FUNCTIONS_DIR } from './build-functions';
import { loadDeployEnv, runDeploy, type DeployDeps } from './deploy';
import type { DeployClient } from './deploy-execute';
import { collectFunctions } from './deploy-functions';
import { COLLECTION_RULE, FUNCTION_RUNTIME, STORAGE_RULE, toCloudIndex } from './deploy-plan';

const ROOT = path.resolve(__dirname, '..');
const HQ_A = 'oAbCdEfGhIjKlMnOpQrStUvWxYz1';
const HQ_B = 'oZyXwVuTsRqPoNmLkJiHgFeDcBa2';
const GOOD = {
  SIYU_ENV_ID: 'siyu-prod-7g2k9x',
  SIYU_APPID: 'wx1234567890abcdef',
  SIYU_HQ_OPENIDS: `${HQ_A}, ${HQ_B}`,
  SIYU_AI_PROVIDER: 'cloudbase',
  SIYU_CONTENT_SECURITY: 'lenient',
  SIYU_ID_SECRET: 'fake-id-key-never-printed-0123456789abcdef',
};
const SECRETS = {
  TENCENTCLOUD_SECRETID: 'AKIDfake-id-never-printed-5f3a',
  TENCENTCLOUD_SECRETKEY: 'fake-key-never-printed-9c1e',
  TENCENTCLOUD_SESSIONTOKEN: 'fake-token-never-printed-77',
};
const SECRET_VALUES = Object.values(SECRETS);

interface Call {
  method: string;
  args: unknown[];
}

/** A manager stand-in that records every call; `existing` collections and `collection.index` names already exist. */
function fakeClient(existing: string[] = [], fail?: { method: string; error: Error }) {
  const calls: Call[] = [];
  const record = (method: string, args: unknown[]) => {
    calls.push({ method, args });
    if (fail?.method === method) throw fail.error;
  };
  const client: DeployClient = {
    database: {
      createCollectionIfNotExists: (name) => {
        record('createCollectionIfNotExists', [name]);
        return Promise.resolve({ IsCreated: !existing.includes(name) });
      },
      checkIndexExists: (collection, index) => {
        record('checkIndexExists', [collection, index]);
        return Promise.resolve({ Exists: existing.includes(`${collection}.${index}`) });
      },
      updateCollection: (collection, info) => {
        record('updateCollection', [collection, info]);
        return Promise.resolve({});
      },
    },
    commonService: () => ({
      call: (options) => {
        record('commonService.call', [options]);
        return Promise.resolve({});
      },
    }),
    storage: {
      setStorageAcl: (acl, rule) => {
        record('setStorageAcl', [acl, rule]);
        return Promise.resolve({});
      },
    },
    functions: {
      createFunction: (param) => {
        record('createFunction', [param]);
        return Promise.resolve({});
      },
    },
  };
  return { client, calls };
}

async function deploy(argv: string[], env: Record<string, string>, over: Partial<DeployDeps> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const builds: unknown[] = [];
  const runs: { command: string[]; env: Record<string, string> }[] = [];
  let clients = 0;
  const fake = fakeClient(['users', 'users.guide']);
  const code = await runDeploy({
    argv,
    env,
    log: (l) => out.push(l),
    error: (l) => err.push(l),
    // The bundles are built by jest's global setup; the deploy's own build call is recorded, not run.
    build: (opts) => {
      builds.push(opts);
      return Promise.resolve([]);
    },
    functionsDir: FUNCTIONS_DIR,
    createClient: () => {
      clients += 1;
      return Promise.resolve(fake.client);
    },
    run: (command, runEnv) => {
      runs.push({ command, env: runEnv });
      return Promise.resolve();
    },
    ...over,
  });
  return { code, out: out.join('\n'), err: err.join('\n'), builds, runs, clients: () => clients, calls: fake.calls };
}

const functions = collectFunctions(FUNCTIONS_DIR);

describe('npm run deploy -- --dry-run', () => {
  it('prints every collection, index, rule, function, trigger and variable, and calls nothing remote', async () => {
    const r = await deploy(['--dry-run'], { ...GOOD, ...SECRETS });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.clients()).toBe(0);
    expect(r.runs).toEqual([]);
    expect(r.builds).toHaveLength(1);
    expect(r.out).toMatch(/DRY RUN/);
    for (const step of ['[1/5] Validate', '[2/5] Build', '[3/5] Database', '[4/5] Cloud functions', '[5/5] Weapp']) {
      expect(r.out).toContain(step);
    }

    const lines = r.out.split('\n');
    for (const c of COLLECTIONS) {
      expect(lines).toContain(`  would database.createCollectionIfNotExists(${JSON.stringify(c.name)})`);
      const rule = lines.find((l) => l.includes('ModifySafeRule') && l.includes(`"CollectionName":"${c.name}"`));
      expect(rule).toContain(JSON.stringify(JSON.stringify(COLLECTION_RULE)));
      const indexLine = lines.find((l) => l.startsWith(`  would database.updateCollection(${JSON.stringify(c.name)},`));
      if (c.indexes.length === 0) expect(indexLine).toBeUndefined();
      for (const index of c.indexes) expect(indexLine).toContain(JSON.stringify(toCloudIndex(index)));
    }
    expect(r.out).toContain(`would storage.setStorageAcl("CUSTOM", ${JSON.stringify(STORAGE_RULE)})`);

    expect(functions.map((f) => f.name)).toEqual(['account', 'content', 'insight', 'mall', 'points']);
    for (const f of functions) {
      expect(r.out).toContain(`func: {name: "${f.name}", runtime: "${FUNCTION_RUNTIME}"`);
      expect(r.out).toContain(`timeout ${f.timeout} s, memory ${f.memorySize} MB`);
      expect(r.out).toContain(`cloudfunctions/${f.name}/index.js`);
      for (const t of f.triggers) expect(r.out).toContain(`${t.name} (timer "${t.config}")`);
    }
    const envLines = lines.filter((l) => l.trim().startsWith('envVariables '));
    expect(envLines).toHaveLength(functions.length);
    for (const l of envLines) {
      expect(JSON.parse(l.trim().slice('envVariables '.length))).toEqual({
        SIYU_HQ_OPENIDS: `${HQ_A},${HQ_B}`,
        SIYU_LOG_LEVEL: 'info',
        SIYU_AI_PROVIDER: 'cloudbase',
        SIYU_AI_MODEL: 'hunyuan-exp',
        SIYU_AI_MODEL_NAME: 'hunyuan-lite',
        SIYU_AI_TIMEOUT_MS: '4000',
        SIYU_CONTENT_SECURITY: 'lenient',
        SIYU_VARIANT_RUNNERS: '20',
        SIYU_VARIANT_RETENTION_DAYS: '7',
        SIYU_VARIANT_RUNNER_BUDGET_MS: '10000',
        SIYU_ID_SECRET: 'set (hidden)',
      });
    }
    expect(r.out).toContain('by hand: cloud-call permissions for content: security.msgSecCheck');
    expect(r.out).toContain('by hand: cloud-call permissions for insight: wxacode.getUnlimited');
    expect(r.out).toContain('would TARO_APP_CLOUD_ENV=siyu-prod-7g2k9x npm run build:weapp');
    expect(r.out).toContain(`${path.join(ROOT, 'project.config.json')}`);
    expect(r.out).toContain('use AppID wx1234567890abcdef');
    expect(r.out).toContain('warning: SIYU_AI_PROVIDER=cloudbase');
    expect(r.out).toContain('warning: SIYU_CONTENT_SECURITY=lenient');

    expect(r.out).toContain('TENCENTCLOUD_SECRETKEY = set (hidden)');
    for (const secret of SECRET_VALUES) expect(r.out).not.toContain(secret);
    expect(r.out).toContain('SIYU_ID_SECRET = set (hidden)');
    expect(r.out).not.toContain(GOOD.SIYU_ID_SECRET);
  });

  it('needs no credentials, and --skip-build skips the build', async () => {
    const r = await deploy(['--dry-run', '--skip-build'], GOOD);
    expect(r.code).toBe(0);
    expect(r.builds).toEqual([]);
    expect(r.out).toContain('TENCENTCLOUD_SECRETID = not set');
  });

  it.each([
    ['no env id', { SIYU_ENV_ID: '' }, 'SIYU_ENV_ID: required for deploy'],
    ["the local cloud's env id", { SIYU_ENV_ID: 'siyu-local' }, 'SIYU_ENV_ID'],
    ['an env id with capitals', { SIYU_ENV_ID: 'Prod_1' }, 'SIYU_ENV_ID'],
    ['the local placeholder appid', { SIYU_APPID: 'wx00000000siyulocal' }, 'SIYU_APPID'],
    ['no HQ', { SIYU_HQ_OPENIDS: ' , ' }, 'SIYU_HQ_OPENIDS: at least one'],
    ['a demo HQ openid', { SIYU_HQ_OPENIDS: `${HQ_A},o_demo_hq` }, 'SIYU_HQ_OPENIDS: every entry'],
    ['an unknown AI provider', { SIYU_AI_PROVIDER: 'openai' }, 'SIYU_AI_PROVIDER'],
    ['an AI timeout out of range', { SIYU_AI_TIMEOUT_MS: '99' }, 'SIYU_AI_TIMEOUT_MS'],
    ['a content-security mode that skips the check', { SIYU_CONTENT_SECURITY: 'off' }, 'SIYU_CONTENT_SECURITY'],
    ['a bad log level', { SIYU_LOG_LEVEL: 'loud' }, 'SIYU_LOG_LEVEL'],
  ])('refuses %s before building or calling anything', async (_label, change, message) => {
    const r = await deploy(['--dry-run'], { ...GOOD, ...SECRETS, ...change });
    expect(r.code).toBe(2);
    expect(r.err).toContain('deploy: refused');
    expect(r.err).toContain(message);
    expect(r.out).toBe('');
    expect(r.builds).toEqual([]);
    for (const secret of SECRET_VALUES) expect(r.err).not.toContain(secret);
  });

  it('refuses an unknown argument', async () => {
    const r = await deploy(['--dryrun'], GOOD);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--dryrun');
  });
});

describe('npm run deploy (real run, fake manager)', () => {
  it('makes exactly the calls the dry run printed, skipping what exists', async () => {
    const dry = await deploy(['--dry-run'], { ...GOOD, ...SECRETS });
    const real = await deploy([], { ...GOOD, ...SECRETS });
    expect(real.err).toBe('');
    expect(real.code).toBe(0);
    expect(real.clients()).toBe(1);

    // Same plan: the real run's call lines are the dry run's without "would ".
    const callLines = (out: string) =>
      out
        .split('\n')
        .filter((l) => /^ {2}(would|call) /.test(l))
        .map((l) => l.replace(/^ {2}(would|call) /, ''));
    expect(callLines(dry.out).length).toBeGreaterThan(COLLECTIONS.length * 2 + functions.length);
    expect(callLines(real.out)).toEqual(callLines(dry.out));
    expect(real.out).not.toContain('would ');

    const made = (method: string) => real.calls.filter((c) => c.method === method);
    expect(made('createCollectionIfNotExists').map((c) => c.args[0])).toEqual(COLLECTIONS.map((c) => c.name));
    expect(real.out).toContain('→ exists');
    const users = made('updateCollection').find((c) => c.args[0] === 'users')!;
    expect(users.args[1]).toEqual({
      CreateIndexes: COLLECTIONS[0].indexes.filter((i) => i.name !== 'guide').map(toCloudIndex),
    });
    const indexed = COLLECTIONS.filter((c) => c.indexes.length > 0).map((c) => c.name);
    expect(made('updateCollection').map((c) => c.args[0])).toEqual(indexed);
    expect(made('commonService.call').map((c) => c.args[0])).toEqual(
      COLLECTIONS.map((c) => ({
        Action: 'ModifySafeRule',
        Param: {
          EnvId: GOOD.SIYU_ENV_ID,
          CollectionName: c.name,
          AclTag: 'CUSTOM',
          Rule: '{"read":false,"write":false}',
        },
      })),
    );
    expect(made('setStorageAcl').map((c) => c.args)).toEqual([['CUSTOM', STORAGE_RULE]]);

    const deployed = made('createFunction').map(
      (c) => c.args[0] as Parameters<DeployClient['functions']['createFunction']>[0],
    );
    expect(deployed.map((p) => p.func.name)).toEqual(functions.map((f) => f.name));
    for (const [i, p] of deployed.entries()) {
      const f = functions[i]!;
      expect(p).toMatchObject({ force: true, functionRootPath: FUNCTIONS_DIR });
      expect(p.func).toMatchObject({
        runtime: FUNCTION_RUNTIME,
        handler: 'index.main',
        timeout: f.timeout,
        memorySize: f.memorySize,
        installDependency: true,
        triggers: f.triggers,
      });
      expect(p.func.envVariables.SIYU_HQ_OPENIDS).toBe(`${HQ_A},${HQ_B}`);
      expect(p.func.ignore).toContain('src/**');
    }
    expect(real.runs).toEqual([
      { command: ['npm', 'run', 'build:weapp'], env: { TARO_APP_CLOUD_ENV: GOOD.SIYU_ENV_ID } },
    ]);

    const sent = JSON.stringify(real.calls);
    for (const secret of SECRET_VALUES) {
      expect(sent).not.toContain(secret);
      expect(real.out).not.toContain(secret);
    }
  });

  it('needs credentials, from the environment', async () => {
    const r = await deploy([], GOOD);
    expect(r.code).toBe(2);
    expect(r.err).toContain('TENCENTCLOUD_SECRETID: required for a real deploy');
    expect(r.err).toContain('TENCENTCLOUD_SECRETKEY: required for a real deploy');
    expect(r.clients()).toBe(0);
  });

  it('stops at the first failing call and keeps secrets out of the error', async () => {
    const failing = fakeClient([], {
      method: 'setStorageAcl',
      error: new Error(`AuthFailure: signature of ${SECRETS.TENCENTCLOUD_SECRETID} does not match`),
    });
    const r = await deploy([], { ...GOOD, ...SECRETS }, { createClient: () => Promise.resolve(failing.client) });
    expect(r.code).toBe(1);
    expect(r.err).toContain('deploy: failed: AuthFailure: signature of *** does not match');
    expect(failing.calls.some((c) => c.method === 'createFunction')).toBe(false);
    for (const secret of SECRET_VALUES) expect(r.err + r.out).not.toContain(secret);
  });

  it('stops when a function has no bundle', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-deploy-'));
    try {
      fs.mkdirSync(path.join(dir, 'lonely', 'src'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'lonely', 'src', 'index.ts'), 'export {};\n');
      fs.writeFileSync(path.join(dir, 'lonely', 'package.json'), '{"dependencies":{"wx-server-sdk":"4.0.2"}}');
      fs.writeFileSync(path.join(dir, 'lonely', 'config.json'), '{"timeout":5}');
      const r = await deploy(['--dry-run', '--skip-build'], GOOD, { functionsDir: dir });
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/missing bundle\(s\): .*lonely[\\/]index\.js/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('deploy settings from the environment', () => {
  it('fills unset variables from .env.deploy; the environment wins', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-envfile-'));
    try {
      const file = path.join(dir, '.env.deploy');
      fs.writeFileSync(file, 'SIYU_ENV_ID=from-file\nSIYU_APPID=wxaaaaaaaaaaaaaaaa\n');
      const env = loadDeployEnv({ SIYU_ENV_ID: 'from-env', SIYU_APPID: '' }, file);
      expect(env.SIYU_ENV_ID).toBe('from-env');
      expect(env.SIYU_APPID).toBe('wxaaaaaaaaaaaaaaaa');
      expect(loadDeployEnv({ A: '1' }, path.join(dir, 'absent'))).toEqual({ A: '1' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is git-ignored', () => {
    expect(fs.readFileSync(path.join(ROOT, '.gitignore'), 'utf8')).toMatch(/^\.env\.deploy$/m);
  });
});

describe('index translation', () => {
  it('keeps direction, uniqueness and sparseness', () => {
    expect(toCloudIndex({ name: 'x', keys: { a: 1, b: -1 }, unique: true, sparse: true })).toEqual({
      IndexName: 'x',
      MgoKeySchema: {
        MgoIndexKeys: [
          { Name: 'a', Direction: '1' },
          { Name: 'b', Direction: '-1' },
        ],
        MgoIsUnique: true,
        MgoIsSparse: true,
      },
    });
  });
});

test('the CLI dry run exits 0 and never prints a secret (child process)', () => {
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  const res = spawnSync(tsx, ['scripts/deploy.ts', '--dry-run', '--skip-build'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...GOOD, ...SECRETS },
    timeout: 60_000,
  });
  expect(res.stderr).toBe('');
  expect(res.status).toBe(0);
  expect(res.stdout).toContain('[5/5] Weapp build');
  expect(res.stdout).toContain('Dry run complete');
  for (const secret of SECRET_VALUES) expect(res.stdout + res.stderr).not.toContain(secret);
});
