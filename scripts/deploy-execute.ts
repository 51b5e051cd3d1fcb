/**
 * Running a deploy plan: each action printed as the manager call it makes, and in a real run also
 * made (stopping at the first failure). A dry run is the same walk with no client.
 */
import { SETTINGS, type SettingSpec } from '@server/config/settings';
import type { Action, CloudIndex, FunctionSpec, Plan } from './deploy-plan';

/** Function settings as printed: a hidden one (a key the functions need) shows only that it is set. */
const printable = (env: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(env).map(([k, v]) => [
      k,
      (SETTINGS as Record<string, SettingSpec | undefined>)[k]?.hidden ? 'set (hidden)' : v,
    ]),
  );

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
        `    envVariables ${json(printable(envVariables))}`,
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
