import type { IndexSpec } from '@core/db/schema';
import { planQuery } from './query-plan';

const INDEXES: IndexSpec[] = [
  { name: 'role_store', keys: { role: 1, storeId: 1 } },
  { name: 'guide', keys: { guideOpenid: 1 } },
  { name: 'created', keys: { createdAt: -1 } },
  { name: 'loc', keys: { location: '2dsphere' } },
];
const plan = (filter: Record<string, unknown> | undefined, sort: string[] = []) =>
  planQuery('users', 'database.getDocument', INDEXES, filter, sort).index;

describe('which index a query could use', () => {
  it('uses an index whose first key the filter constrains, by equality, range or $in', () => {
    expect(plan({ role: 'guide', active: true })).toBe('role_store');
    expect(plan({ guideOpenid: { $in: ['a', 'b'] } })).toBe('guide');
    expect(plan({ createdAt: { $gte: 1 } })).toBe('created');
    expect(plan({ location: { $nearSphere: { $geometry: { type: 'Point', coordinates: [0, 0] } } } })).toBe('loc');
  });

  it('does not use an index for a later key alone, a negation or a missing field', () => {
    expect(plan({ storeId: 's1' })).toBeNull();
    expect(plan({ guideOpenid: { $ne: 'x' } })).toBeNull();
    expect(plan({ guideOpenid: { $exists: false } })).toBeNull();
    expect(plan({})).toBeNull();
    expect(plan(undefined)).toBeNull();
  });

  it('serves _id lookups, $and branches, and an $or only when every branch is served', () => {
    expect(plan({ _id: 'o_1', name: 'x' })).toBe('_id_');
    expect(plan({ $and: [{ name: 'x' }, { guideOpenid: 'g' }] })).toBe('guide');
    expect(plan({ $or: [{ guideOpenid: 'g' }, { role: 'guide' }] })).toBe('guide|role_store');
    expect(plan({ $or: [{ guideOpenid: 'g' }, { name: 'x' }] })).toBeNull();
  });

  it('falls back to an index that gives the sort order', () => {
    expect(plan({ name: 'x' }, ['createdAt'])).toBe('created');
    expect(plan({ name: 'x' }, ['name'])).toBeNull();
  });
});
