/**
 * The deploy as data: validated settings (deploy-settings.ts) and the function folders
 * (deploy-functions.ts) go in, a plan of CloudBase manager calls comes out, and one executor
 * (deploy-execute.ts) either prints each call (dry run) or prints and makes it (real run). The dry
 * run is therefore the real run minus the calls.
 */
import path from 'node:path';
import { COLLECTIONS, type CollectionSpec, type IndexSpec } from '@core/db/schema';
import type { LocalFunction } from './deploy-functions';
import type { ValidatedSettings } from './deploy-settings';

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

/** Files of a function folder that are not uploaded (WeChat runs index.js; src/ is bundled into it). */
export const FUNCTION_IGNORE = ['src', 'src/**', 'node_modules', 'node_modules/**', '*.map', '**/*.test.*'];

/** An index in the shape of CloudBase's UpdateTable CreateIndexes (MgoIsSparse is in the API, not in the manager's typings). */
export interface CloudIndex {
  IndexName: string;
  MgoKeySchema: {
    MgoIndexKeys: { Name: string; Direction: '1' | '-1' | '2dsphere' }[];
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
        Direction: dir === 1 ? '1' : dir === -1 ? '-1' : dir,
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
