/**
 * Loads the demo world through the product's own cloud functions (never by writing documents
 * directly), so the demo data obeys every rule the product enforces.
 */
import { DEMO_CUSTOMERS, DEMO_GUIDES, DEMO_HQ_OPENID, DEMO_STORES } from './demo-data';

/** The part of the local cloud the seed needs. */
export interface SeedTarget {
  invoke(name: string, event: Record<string, unknown>, caller?: { openid?: string }): Promise<unknown>;
  engine: { findDocs(collection: string, query?: Record<string, unknown>): Record<string, unknown>[] };
}

export interface SeedReport {
  stores: number;
  guides: number;
  customers: number;
  ms: number;
}

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

async function call<T>(
  cloud: SeedTarget,
  fn: string,
  action: string,
  input: Record<string, unknown>,
  openid: string,
): Promise<T> {
  const reply = (await cloud.invoke(fn, { action, ...input }, { openid })) as Envelope<T>;
  if (!reply || typeof reply !== 'object' || !('ok' in reply)) {
    throw new Error(`seed: ${fn}.${action} returned no envelope`);
  }
  if (!reply.ok) throw new Error(`seed: ${fn}.${action} failed: ${reply.error.code} ${reply.error.message}`);
  return reply.data;
}

export function isEmpty(cloud: SeedTarget): boolean {
  return cloud.engine.findDocs('stores').length === 0 && cloud.engine.findDocs('users').length === 0;
}

/** Seeds the demo world; the caller must have made DEMO_HQ_OPENID an HQ openid. */
export async function seed(cloud: SeedTarget, log: (line: string) => void = () => {}): Promise<SeedReport> {
  const t0 = Date.now();
  const hq = DEMO_HQ_OPENID;
  const storeIds = new Map<string, string>();
  for (const s of DEMO_STORES) {
    const { storeId } = await call<{ storeId: string }>(
      cloud,
      'account',
      'createStore',
      { name: s.name, city: s.city, address: s.address },
      hq,
    );
    storeIds.set(s.key, storeId);
  }
  log(`seed: ${storeIds.size} stores`);

  for (const g of DEMO_GUIDES) {
    const storeId = storeIds.get(g.store);
    if (!storeId) throw new Error(`seed: unknown store ${g.store}`);
    const { code } = await call<{ code: string }>(cloud, 'account', 'createInvite', { storeId, role: 'guide' }, hq);
    await call(cloud, 'account', 'redeemInvite', { code, name: g.name }, g.openid);
  }
  log(`seed: ${DEMO_GUIDES.length} guides`);

  for (const c of DEMO_CUSTOMERS) {
    await call(cloud, 'account', 'registerMember', { name: c.name, referrer: c.referrer }, c.openid);
  }
  log(`seed: ${DEMO_CUSTOMERS.length} customers`);

  return { stores: storeIds.size, guides: DEMO_GUIDES.length, customers: DEMO_CUSTOMERS.length, ms: Date.now() - t0 };
}

/** Seeds only a database that has no stores and no users yet, so restarts keep the user's own data. */
export async function seedIfEmpty(cloud: SeedTarget, log: (line: string) => void = console.log): Promise<SeedReport | null> {
  if (!isEmpty(cloud)) {
    log('seed: database already has data, skipped');
    return null;
  }
  const report = await seed(cloud, log);
  log(`seed: done in ${report.ms} ms`);
  return report;
}

export { DEMO_HQ_OPENID };
