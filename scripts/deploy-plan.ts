/**
 * The deploy as data: validated settings and the built functions go in, a plan of CloudBase
 * manager calls comes out, and one executor either prints each call (dry run) or prints and makes
 * it (real run). The dry run is therefore the real run minus the calls.
 */
import fs from 'node:fs';
import path from 'node:path';
import { COLLECTIONS, type CollectionSpec, type IndexSpec } from '@core/db/schema';
import {
  SETTINGS,
  readSettings,
  settingsFor,
  type EnvSource,
  type SettingName,
  type SettingValues,
} from '@server/config/settings';
import { FUNCTION_SETTINGS } from '@server/env';
import { readFunctionConfig, type TimerTrigger } from '@server/config/function-config';
import { listFunctionSources } from './build-functions';

const ROOT = path.resolve(__dirname, '..');

/**
 * The newest Node runtime @cloudbase/manager-node 5 knows (its own default). Not Nodejs16.13: the
 * content function's sharp 0.35 needs Node >= 20.9, so "cloud install dependencies" would fail there.
 * The bundles target node16 and run unchanged on 20.
 */
export const FUNCTION_RUNTIME = 'Nodejs20.19';

/** No client reads or writes any collection: every access goes through a function (admin rights). */
export const COLLECTION_RULE = { read: false, write: false } as const;

/**
 * Storage: no client reads (the app shows images through temporary URLs the functions issue with
 * getTempFileURL, which admin rights sign); a signed-in client may upload new files and change or
 * delete only files it uploaded. The HQ editor needs that write (Taro.cloud.uploadFile in
 * src/features/content/upload.weapp.ts). Storage rules cannot see Siyu's roles, so any signed-in
 * user can upload a file; nobody can read one through the client or touch another user's file, and
 * only HQ (checked by the content function) can put a fileID into a post.
 */
export const STORAGE_RULE = { read: false, write: 'auth != null && resource.openid == auth.openid' } as const;

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

/** Files of a function folder that are not uploaded (WeChat runs index.js; src/ is bundled into it). */
export const FUNCTION_IGNORE = ['src', 'src/**', 'node_modules', 'node_modules/**', '*.map', '**/*.test.*'];

// ---------------------------------------------------------------------------------------------
// Settings

export const DEPLOY_SETTINGS = settingsFor('deploy');
type DeploySettingName = (typeof DEPLOY_SETTINGS)[number];
export type DeploySettings = SettingValues<SettingName>;

export interface ValidatedSettings {
  values: DeploySettings;
  /** The function settings as text, exactly as every function receives them. */
  functionEnv: Record<string, string>;
  /** Lines for the printout; secrets appear as "set (hidden)". */
  report: string[];
  warnings: string[];
}

export type Validation = { ok: true; settings: ValidatedSettings } | { ok: false; problems: string[] };

/** A WeChat openid: 28 characters. The local demo ids (o_demo_hq) are refused here. */
const WECHAT_OPENID = /^[A-Za-z0-9_-]{28}$/;
const WECHAT_APPID = /^wx[0-9a-f]{16}$/;

/** Step 1: every deploy setting parsed and checked; problems name the variable, never its value. */
export function validateSettings(source: EnvSource, opts: { needCredentials: boolean }): Validation {
  const parsed = readSettings(DEPLOY_SETTINGS, source, 'deploy');
  if (!parsed.ok) return { ok: false, problems: parsed.problems.map((p) => `${p.name}: ${p.message}`) };
  const v = parsed.values;
  const problems: string[] = [];
  const warnings: string[] = [];
  if (v.SIYU_ENV_ID === SETTINGS.SIYU_ENV_ID.defaultText) {
    problems.push(
      "SIYU_ENV_ID: that is the local cloud's id; set the CloudBase environment id (云开发控制台 → 环境 ID)",
    );
  }
  if (!WECHAT_APPID.test(v.SIYU_APPID)) {
    problems.push('SIYU_APPID: not a mini-program appid (wx followed by 16 hex digits; 小程序后台 → 开发管理)');
  }
  if (v.SIYU_HQ_OPENIDS.length === 0)
    problems.push('SIYU_HQ_OPENIDS: at least one HQ openid is needed to run the console');
  else if (!v.SIYU_HQ_OPENIDS.every((id) => WECHAT_OPENID.test(id))) {
    problems.push('SIYU_HQ_OPENIDS: every entry must be a 28-character WeChat openid (demo ids are local only)');
  }
  if (opts.needCredentials) {
    for (const name of ['TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY'] as const) {
      if (!parsed.given.has(name)) problems.push(`${name}: required for a real deploy (from the environment only)`);
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  if (v.SIYU_AI_PROVIDER === 'cloudbase') {
    warnings.push(
      `SIYU_AI_PROVIDER=cloudbase: switch on AI+ and the model group ${v.SIYU_AI_MODEL} in the CloudBase console, or every rewrite falls back to the local engine after ${v.SIYU_AI_TIMEOUT_MS} ms`,
    );
  }
  if (v.SIYU_CONTENT_SECURITY === 'lenient') {
    warnings.push(
      'SIYU_CONTENT_SECURITY=lenient: posts publish unchecked while msgSecCheck is unreachable; alert on "publishing unchecked" log lines',
    );
  }

  const functionEnv: Record<string, string> = {};
  for (const name of FUNCTION_SETTINGS) {
    if ((SETTINGS[name] as { secret: boolean }).secret)
      throw new Error(`${name} is a secret and never goes to a function`);
    functionEnv[name] = parsed.raw[name] ?? SETTINGS[name].defaultText;
  }
  functionEnv.SIYU_HQ_OPENIDS = v.SIYU_HQ_OPENIDS.join(',');

  const report = DEPLOY_SETTINGS.map((name: DeploySettingName) => {
    const spec = SETTINGS[name] as { secret: boolean };
    if (spec.secret) return `${name} = ${parsed.given.has(name) ? 'set (hidden)' : 'not set'}`;
    const text =
      name === 'SIYU_HQ_OPENIDS' ? functionEnv.SIYU_HQ_OPENIDS : (parsed.raw[name] ?? SETTINGS[name].defaultText);
    return `${name} = ${text || '—'}${parsed.given.has(name) ? '' : ' (default)'}`;
  });
  return { ok: true, settings: { values: v, functionEnv, report, warnings } };
}

// ---------------------------------------------------------------------------------------------
// Functions on disk

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

// ---------------------------------------------------------------------------------------------
// The plan

/** An index in the shape of CloudBase's UpdateTable CreateIndexes (MgoIsSparse is in the API, not in the manager's typings). */
export interface CloudIndex {
  IndexName: string;
  MgoKeySchema: {
    MgoIndexKeys: { Name: string; Direction: '1' | '-1' }[];
    MgoIsUnique: boolean;
    MgoIsSparse: boolean;
  };
}

export interface FunctionSpec {
  name: string;
  runtime: string;
  handler: string;
  timeout: number;
  memorySize: number;
  installDependency: boolean;
  isWaitInstall: boolean;
  envVariables: Record<string, string>;
  triggers: { name: string; type: string; config: string }[];
  ignore: string[];
}

export type Action =
  | { kind: 'create-collection'; collection: string }
  | { kind: 'create-indexes'; collection: string; indexes: CloudIndex[] }
  | { kind: 'collection-rule'; collection: string; aclTag: 'CUSTOM'; rule: string }
  | { kind: 'storage-rule'; aclTag: 'CUSTOM'; rule: { read: boolean | string; write: boolean | string } }
  | { kind: 'deploy-function'; functionRootPath: string; func: FunctionSpec; files: string[] }
  | { kind: 'build-weapp'; command: string[]; env: Record<string, string> };

export interface PlanStep {
  title: string;
  /** What was checked or done locally before the plan was made. */
  notes: string[];
  actions: Action[];
  /** What a person must do by hand, in this step's context. */
  manual: string[];
}

export interface Plan {
  envId: string;
  appid: string;
  region: string;
  steps: PlanStep[];
}

export function toCloudIndex(index: IndexSpec): CloudIndex {
  return {
    IndexName: index.name,
    MgoKeySchema: {
      MgoIndexKeys: Object.entries(index.keys).map(([field, dir]) => ({
        Name: field,
        Direction: dir === 1 ? '1' : '-1',
      })),
      MgoIsUnique: index.unique ?? false,
      MgoIsSparse: index.sparse ?? false,
    },
  };
}

export interface PlanInput {
  settings: ValidatedSettings;
  functions: LocalFunction[];
  collections?: readonly CollectionSpec[];
  /** Notes from the local build (step 2). */
  buildNotes: string[];
  root?: string;
}

export function buildPlan(input: PlanInput): Plan {
  const { settings, functions } = input;
  const root = input.root ?? ROOT;
  const collections = input.collections ?? COLLECTIONS;
  const v = settings.values;

  const database: Action[] = collections.flatMap((c): Action[] => [
    { kind: 'create-collection', collection: c.name },
    ...(c.indexes.length > 0
      ? [{ kind: 'create-indexes' as const, collection: c.name, indexes: c.indexes.map(toCloudIndex) }]
      : []),
    { kind: 'collection-rule', collection: c.name, aclTag: 'CUSTOM', rule: JSON.stringify(COLLECTION_RULE) },
  ]);
  database.push({ kind: 'storage-rule', aclTag: 'CUSTOM', rule: { ...STORAGE_RULE } });

  const functionActions: Action[] = functions.map((f) => ({
    kind: 'deploy-function',
    functionRootPath: path.dirname(f.folder),
    files: ['index.js', 'package.json', 'config.json'],
    func: {
      name: f.name,
      runtime: FUNCTION_RUNTIME,
      handler: 'index.main',
      timeout: f.timeout,
      memorySize: f.memorySize,
      installDependency: true,
      isWaitInstall: true,
      envVariables: { ...settings.functionEnv },
      triggers: f.triggers.map((t) => ({ name: t.name, type: t.type, config: t.config })),
      ignore: [...FUNCTION_IGNORE],
    },
  }));
  const openapiManual = functions.flatMap((f) => {
    const apis = [...new Set([...f.openapiDeclared, ...f.openapiUsed])];
    if (apis.length === 0) return [];
    const undeclared = f.openapiUsed.filter((a) => !f.openapiDeclared.includes(a));
    const note =
      undeclared.length > 0
        ? ` (add to cloudfunctions/${f.name}/config.json permissions.openapi: ${undeclared.join(', ')})`
        : '';
    return [
      `cloud-call permissions for ${f.name}: ${apis.join(', ')} — WeChat applies permissions.openapi only when DevTools uploads the function: right-click cloudfunctions/${f.name} → 上传并部署：云端安装依赖 once${note}`,
    ];
  });

  const projectConfig = path.join(root, 'project.config.json');
  return {
    envId: v.SIYU_ENV_ID,
    appid: v.SIYU_APPID,
    region: v.SIYU_DEPLOY_REGION,
    steps: [
      {
        title: 'Validate settings',
        notes: [...settings.report, ...settings.warnings.map((w) => `warning: ${w}`)],
        actions: [],
        manual: [],
      },
      { title: 'Build the cloud functions', notes: input.buildNotes, actions: [], manual: [] },
      {
        title: 'Database collections, indexes and security rules; storage rule',
        notes: [
          `${collections.length} collections from core/db/schema.ts; rule ${JSON.stringify(COLLECTION_RULE)} on each (functions use admin rights)`,
          `storage rule ${JSON.stringify(STORAGE_RULE)}`,
        ],
        actions: database,
        manual: [],
      },
      {
        title: 'Cloud functions',
        notes: [`runtime ${FUNCTION_RUNTIME}; code = index.js + package.json (dependencies installed in the cloud)`],
        actions: functionActions,
        manual: openapiManual,
      },
      {
        title: 'Weapp build',
        notes: [],
        actions: [
          { kind: 'build-weapp', command: ['npm', 'run', 'build:weapp'], env: { TARO_APP_CLOUD_ENV: v.SIYU_ENV_ID } },
        ],
        manual: [
          `open ${root} in WeChat DevTools (${projectConfig}: miniprogramRoot dist/, cloudfunctionRoot cloudfunctions/)`,
          `use AppID ${v.SIYU_APPID} (project.config.json holds the placeholder touristappid), then 上传 and submit the version for review in the mini-program admin console`,
        ],
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Printing and executing

/** The subset of @cloudbase/manager-node the deploy calls; the real manager satisfies it. */
export interface DeployClient {
  database: {
    createCollectionIfNotExists(name: string): Promise<{ IsCreated: boolean }>;
    checkIndexExists(collection: string, index: string): Promise<{ Exists: boolean }>;
    updateCollection(collection: string, info: { CreateIndexes: CloudIndex[] }): Promise<unknown>;
  };
  commonService(): { call(options: { Action: string; Param: Record<string, unknown> }): Promise<unknown> };
  storage: {
    setStorageAcl(acl: 'CUSTOM', rule: { read: boolean | string; write: boolean | string }): Promise<unknown>;
  };
  functions: {
    createFunction(param: { func: FunctionSpec; functionRootPath: string; force: boolean }): Promise<unknown>;
  };
}

export type RunCommand = (command: string[], env: Record<string, string>) => Promise<void>;

/** The manager call an action makes, as printed: method and arguments. */
export function describe(action: Action, envId: string): string {
  const json = (x: unknown) => JSON.stringify(x);
  switch (action.kind) {
    case 'create-collection':
      return `database.createCollectionIfNotExists(${json(action.collection)})`;
    case 'create-indexes':
      return `database.updateCollection(${json(action.collection)}, {CreateIndexes: ${json(action.indexes)}}) — only the indexes checkIndexExists does not find`;
    case 'collection-rule':
      return `commonService().call({Action: "ModifySafeRule", Param: ${json({ EnvId: envId, CollectionName: action.collection, AclTag: action.aclTag, Rule: action.rule })}})`;
    case 'storage-rule':
      return `storage.setStorageAcl(${json(action.aclTag)}, ${json(action.rule)})`;
    case 'deploy-function': {
      const { name, runtime, timeout, memorySize, envVariables, triggers } = action.func;
      return [
        `functions.createFunction({force: true, functionRootPath: ${json(action.functionRootPath)}, func: {name: ${json(name)}, runtime: ${json(runtime)}, handler: "index.main", installDependency: true}})`,
        `    timeout ${timeout} s, memory ${memorySize} MB, files ${action.files.join(' + ')}`,
        `    envVariables ${json(envVariables)}`,
        `    triggers ${triggers.length === 0 ? 'none' : triggers.map((t) => `${t.name} (${t.type} "${t.config}")`).join(', ')}`,
      ].join('\n');
    }
    case 'build-weapp':
      return `${Object.entries(action.env)
        .map(([k, val]) => `${k}=${val}`)
        .join(' ')} ${action.command.join(' ')}`;
  }
}

async function perform(action: Action, client: DeployClient, run: RunCommand, envId: string): Promise<string> {
  switch (action.kind) {
    case 'create-collection': {
      const res = await client.database.createCollectionIfNotExists(action.collection);
      return res.IsCreated ? 'created' : 'exists';
    }
    case 'create-indexes': {
      const missing: CloudIndex[] = [];
      for (const index of action.indexes) {
        const { Exists } = await client.database.checkIndexExists(action.collection, index.IndexName);
        if (!Exists) missing.push(index);
      }
      if (missing.length > 0) await client.database.updateCollection(action.collection, { CreateIndexes: missing });
      return missing.length > 0 ? `created ${missing.map((i) => i.IndexName).join(', ')}` : 'all exist';
    }
    case 'collection-rule':
      await client.commonService().call({
        Action: 'ModifySafeRule',
        Param: { EnvId: envId, CollectionName: action.collection, AclTag: action.aclTag, Rule: action.rule },
      });
      return 'set';
    case 'storage-rule':
      await client.storage.setStorageAcl(action.aclTag, action.rule);
      return 'set';
    case 'deploy-function':
      await client.functions.createFunction({
        func: action.func,
        functionRootPath: action.functionRootPath,
        force: true,
      });
      return 'deployed';
    case 'build-weapp':
      await run(action.command, action.env);
      return 'built';
  }
}

export interface ExecuteOptions {
  /** null: dry run, nothing is called. */
  client: DeployClient | null;
  run: RunCommand;
  log: (line: string) => void;
}

/** Prints every step; in a real run also makes each call, stopping at the first failure. */
export async function executePlan(plan: Plan, opts: ExecuteOptions): Promise<void> {
  const { client, run, log } = opts;
  const dry = client === null;
  log(dry ? `Siyu deploy — DRY RUN: nothing remote is touched and no credentials are used` : `Siyu deploy — deploying`);
  log(`environment ${plan.envId} (${plan.region}), appid ${plan.appid}`);
  const total = plan.steps.length;
  for (const [i, step] of plan.steps.entries()) {
    log('');
    log(`[${i + 1}/${total}] ${step.title}`);
    for (const note of step.notes) log(`  ${note}`);
    for (const action of step.actions) {
      const line = describe(action, plan.envId).replace(/\n/g, '\n  ');
      if (dry) {
        log(`  would ${line}`);
        continue;
      }
      log(`  call ${line}`);
      const outcome = await perform(action, client, run, plan.envId);
      log(`    → ${outcome}`);
    }
    for (const m of step.manual) log(`  by hand: ${m}`);
  }
  log('');
  log(dry ? 'Dry run complete: run without --dry-run to deploy.' : 'Deploy complete.');
}
