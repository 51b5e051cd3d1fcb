/**
 * Reads that several insight actions share. Counting happens in the database (aggregate pipelines
 * grouped by guide or by day), so an answer costs a fixed number of round trips however many
 * visits, members or coupons there are; only one row per guide, store or day comes back.
 */
import type { Figures, ScoreWeights } from '@core/contracts/insight';
import type { CollectionName } from '@core/db/schema';
import { countBy, groupRows, num } from '@server/db/aggregate';
import { getDoc } from '@server/db/read';
import type { Command, Condition, Database } from '@server/db/types';
import { dayStartExpr, type Range } from './days';
import { TAG_RULES_ID, TagRulesDoc } from './documents';
import { scoreWith } from './weights';

export function inRange(_: Command, range: Range): unknown {
  return _.and(_.gte(range.start), _.lt(range.end));
}

/** Per Beijing day (epoch ms of its midnight): the sums named in `sums`, over documents matching `match`. */
export async function sumsByDay(
  db: Database,
  collection: CollectionName,
  match: Condition,
  timeField: string,
  sums: Record<string, unknown>,
): Promise<Map<number, Record<string, number>>> {
  const $ = db.command.aggregate;
  const group: Record<string, unknown> = { _id: dayStartExpr(timeField) };
  for (const [k, expr] of Object.entries(sums)) group[k] = $.sum(expr);
  const out = new Map<number, Record<string, number>>();
  for (const r of await groupRows(db.collection(collection).aggregate().match(match).group(group))) {
    if (typeof r._id !== 'number') continue;
    const values: Record<string, number> = {};
    for (const k of Object.keys(sums)) values[k] = num(r[k]);
    out.set(r._id, values);
  }
  return out;
}

/** The distinct values of `field` among documents matching `match`. */
export async function distinct(
  db: Database,
  collection: CollectionName,
  match: Condition,
  field: string,
): Promise<Set<string>> {
  const $ = db.command.aggregate;
  const [row] = await groupRows(
    db
      .collection(collection)
      .aggregate()
      .match(match)
      .group({ _id: null, v: $.addToSet(`$${field}`) }),
  );
  const values = Array.isArray(row?.v) ? row.v : [];
  return new Set(values.filter((v): v is string => typeof v === 'string'));
}

export type GuideFigures = Map<string, Figures & { readSeconds: number }>;

/** 1 for a counted open by a signed-in viewer, else 0: what "visits" means in guides' figures. */
export const COUNTED_VIEWER = {
  $cond: [{ $and: [{ $eq: ['$counted', true] }, { $eq: ['$anonymous', false] }] }, 1, 0],
};

/**
 * Every guide's figures for a range, scored with `weights`, in four aggregates: copies (post_variants.copiedAt), unique
 * viewers of the guide's own shares (counted visits: once per viewer, share and Beijing day; the
 * guide's own opens are never stored, anonymous views are not counted here), members who joined
 * into the guide's care (users.createdAt), coupons the guide verified in store (coupons.usedBy).
 */
export async function figuresByGuide(db: Database, range: Range, weights: ScoreWeights): Promise<GuideFigures> {
  const _ = db.command;
  const $ = _.aggregate;
  const when = inRange(_, range);
  const [copies, visits, members, redemptions] = await Promise.all([
    countBy(db, 'post_variants', { copiedAt: when }, 'guideOpenid'),
    groupRows(
      db
        .collection('visits')
        .aggregate()
        .match({ openedAt: when, sharerRole: 'guide' })
        .group({ _id: '$sharer', n: $.sum(COUNTED_VIEWER), s: $.sum('$seconds') }),
    ),
    countBy(db, 'users', { role: 'customer', createdAt: when }, 'guideOpenid'),
    countBy(db, 'coupons', { usedAt: when }, 'usedBy'),
  ]);
  const out: GuideFigures = new Map();
  const entry = (id: string) => {
    let f = out.get(id);
    if (!f) out.set(id, (f = { copies: 0, visits: 0, newMembers: 0, redemptions: 0, score: 0, readSeconds: 0 }));
    return f;
  };
  for (const [id, n] of copies) entry(id).copies = n;
  for (const r of visits) {
    if (typeof r._id !== 'string') continue;
    const f = entry(r._id);
    f.visits = num(r.n);
    f.readSeconds = num(r.s);
  }
  for (const [id, n] of members) entry(id).newMembers = n;
  for (const [id, n] of redemptions) entry(id).redemptions = n;
  for (const f of out.values()) f.score = scoreWith(weights, f);
  return out;
}

export interface TagRule {
  tag: string;
  minSeconds: number;
}

export async function loadTagRules(db: Database): Promise<TagRule[]> {
  const doc = await getDoc(db.collection('insight_settings').doc(TAG_RULES_ID), TagRulesDoc, 'insight_settings');
  return doc?.rules ?? [];
}

/** The tags a reader has earned: reading seconds per tag at or above that tag's rule. */
export function earnedTags(seconds: ReadonlyMap<string, number>, rules: readonly TagRule[]): string[] {
  return rules.filter((r) => (seconds.get(r.tag) ?? 0) >= r.minSeconds).map((r) => r.tag);
}
