import { tierFor } from '@core/points/tiers';
import { TIERS_DOC_ID, readTiers } from '@server/data/tiers';
import { CustomerDoc, usersByIds } from '@server/data/users';
import { chunks, getAll } from '@server/db/read';
import type { TimerHandler } from '@server/kit';
import { basisValues } from '../tiers/basis';

/** Writes at once; a tier change is one small update per member. */
const WRITE_WIDTH = 20;

/**
 * Hourly: places every member in the highest tier their 12-month figure reaches and writes
 * `tier` on their `users` document when it changed (`since` kept while the tier stays the same),
 * removing it from members who fell below the first threshold or whose tier HQ deleted.
 */
export const computeTiers: TimerHandler = async (ctx) => {
  const now = ctx.now();
  const _ = ctx._;
  const config = await readTiers(ctx.db.collection('member_tiers').doc(TIERS_DOC_ID));
  const values = config.tiers.length > 0 ? await basisValues(ctx.db, config.basis, now) : new Map<string, number>();
  const holders = await getAll(
    ctx.db.collection('users').where({ role: 'customer', 'tier.id': _.exists(true) }),
    CustomerDoc,
    'users',
    { pageSize: 1000, max: 200_000 },
  );
  const reaching = [...values].filter(([, v]) => tierFor(v, config.tiers) !== null).map(([id]) => id);
  const candidates = new Map(holders.map((u) => [u._id, u]));
  for (const [id, user] of await usersByIds(
    ctx.db,
    reaching.filter((id) => !candidates.has(id)),
  )) {
    if (user.role === 'customer') candidates.set(id, user);
  }
  const changes: { openid: string; data: Record<string, unknown> }[] = [];
  for (const user of candidates.values()) {
    if (user.role !== 'customer' || user.deletedAt !== undefined) continue;
    const target = tierFor(values.get(user._id) ?? 0, config.tiers);
    const current = user.tier;
    if (target === null) {
      if (current) changes.push({ openid: user._id, data: { tier: _.remove() } });
    } else if (current?.id !== target.id || current.name !== target.name) {
      const since = current?.id === target.id ? current.since : new Date(now);
      changes.push({ openid: user._id, data: { tier: { id: target.id, name: target.name, since } } });
    }
  }
  for (const part of chunks(changes, WRITE_WIDTH)) {
    await Promise.all(part.map((c) => ctx.db.collection('users').doc(c.openid).update({ data: c.data })));
  }
  ctx.log.info('computeTiers', { members: candidates.size, changed: changes.length });
  return { changed: changes.length };
};
