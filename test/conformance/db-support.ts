/**
 * The database conformance cases' cloud: the local cloud's database engine behind a real /admin
 * endpoint, reached by both real SDKs — wx-server-sdk (what cloud functions use) and
 * @cloudbase/node-sdk (CloudBase's server SDK, which adds db.ObjectId, updateAndReturn and
 * where().get inside startTransaction) — initialised from the same wire variables a function gets.
 * Collections: the product's own, plus the cases' (a 2dsphere index on `places.location`).
 */
import type { CollectionSpec } from '@core/db/schema';
import { COLLECTIONS } from '@core/db/schema';
import type * as NodeSdk from '@cloudbase/node-sdk';
import { DatabaseEngine } from '../../host/db/engine';
import { startHarness, type Harness } from '../../host/db/test-harness';

export const CASE_COLLECTIONS: CollectionSpec[] = [
  {
    name: 'places',
    doc: 'geo cases: location (GeoJSON)',
    indexes: [{ name: 'location', keys: { location: '2dsphere' } }],
  },
  { name: 'shapes', doc: 'geo cases: any geometry', indexes: [{ name: 'geo', keys: { geo: '2dsphere' } }] },
  { name: 'plain', doc: 'no index', indexes: [] },
];

export type WxDb = ReturnType<Harness['cloud']['database']>;
export type NodeDb = ReturnType<ReturnType<typeof NodeSdk.init>['database']>;

export interface DbCloud {
  engine: DatabaseEngine;
  wx: WxDb;
  node: NodeDb;
  /** The /admin URL, for the few cases that post a wire request the SDKs never send. */
  adminUrl: string;
  close(): Promise<void>;
}

export async function startDbCloud(): Promise<DbCloud> {
  const engine = new DatabaseEngine({ file: ':memory:', collections: [...COLLECTIONS, ...CASE_COLLECTIONS] });
  const harness = await startHarness(engine);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- after startHarness set the wire variables
  const tcb = require('@cloudbase/node-sdk') as typeof NodeSdk;
  const node = tcb.init({ env: 'local' }).database();
  const adminUrl = (JSON.parse(process.env.TCB_CONTEXT_CNFG ?? '{}') as { URL: string }).URL;
  return {
    engine,
    wx: harness.cloud.database(),
    node,
    adminUrl,
    close: async () => {
      await harness.close();
      engine.close();
    },
  };
}

/** What a rejected SDK call carries: wx-server-sdk's errCode/errMsg, or the node-sdk's code/message. */
export async function failure(
  call: unknown,
): Promise<{ code?: string; message?: string; errCode?: number; errMsg?: string }> {
  try {
    await call;
  } catch (e) {
    return e as { code?: string; message?: string; errCode?: number; errMsg?: string };
  }
  throw new Error('expected the call to fail');
}
