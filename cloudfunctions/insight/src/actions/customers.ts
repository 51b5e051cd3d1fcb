import type { CustomerRow, InsightContract, TimelineEvent } from '@core/contracts/insight';
import { AppError } from '@core/errors';
import { CouponDoc } from '@server/data/coupons';
import { PostDoc } from '@server/data/posts';
import { CustomerTagsDoc } from '@server/data/notes';
import { CustomerDoc, loadUser, usersByIds } from '@server/data/users';
import { InterestDoc, VisitDoc } from '@server/data/visits';
import { chunks, getAll, parseDoc } from '@server/db/read';
import type { Database } from '@server/db/types';
import type { ActionHandler } from '@server/kit';
import { COUNTED_VIEWER, earnedTags, loadTagRules, type TagRule } from '../queries';

const DAY_MS = 24 * 60 * 60 * 1000;
const TIMELINE_VISITS = 100;
const TIMELINE_REDEMPTIONS = 50;

/** What a timeline shows of a redemption and of a post read. */
const Redemption = CouponDoc.pick({ title: true, status: true, issuedAt: true });
const PostTitle = PostDoc.pick({ _id: true, title: true });

/** Reading seconds per tag, per reader. */
async function interestsOf(db: Database, openids: readonly string[]): Promise<Map<string, Map<string, number>>> {
  const _ = db.command;
  const out = new Map<string, Map<string, number>>();
  const parts = await Promise.all(
    chunks(openids).map((part) =>
      getAll(db.collection('interests').where({ openid: _.in(part) }), InterestDoc, 'interests', {
        pageSize: 1000,
        max: 100_000,
      }),
    ),
  );
  for (const list of parts) {
    for (const i of list) {
      let m = out.get(i.openid);
      if (!m) out.set(i.openid, (m = new Map<string, number>()));
      m.set(i.tag, i.seconds);
    }
  }
  return out;
}

/** Manual tags per customer (one document each, keyed by openid). */
async function manualTagsOf(db: Database, openids: readonly string[]): Promise<Map<string, string[]>> {
  const parts = await Promise.all(
    chunks(openids).map((part) =>
      getAll(db.collection('customer_tags').where({ _id: db.command.in(part) }), CustomerTagsDoc, 'customer_tags', {
        pageSize: 1000,
        max: 100_000,
      }),
    ),
  );
  return new Map(parts.flat().map((d) => [d._id, d.tags]));
}

interface Seen {
  last: number;
  visits: number;
  seconds: number;
}

/** Per viewer: last open, counted opens and reading seconds (one aggregate per chunk of viewers). */
async function seenBy(db: Database, openids: readonly string[]): Promise<Map<string, Seen>> {
  const _ = db.command;
  const $ = _.aggregate;
  const out = new Map<string, Seen>();
  const parts = await Promise.all(
    chunks(openids).map((part) =>
      db
        .collection('visits')
        .aggregate()
        .match({ viewer: _.in(part) })
        .group({ _id: '$viewer', last: $.max('$openedAt'), n: $.sum(COUNTED_VIEWER), s: $.sum('$seconds') })
        .limit(part.length)
        .end(),
    ),
  );
  for (const { list } of parts) {
    for (const raw of list) {
      const r = raw as { _id?: unknown; last?: unknown; n?: unknown; s?: unknown };
      if (typeof r._id === 'string')
        out.set(r._id, { last: Number(r.last) || 0, visits: Number(r.n) || 0, seconds: Number(r.s) || 0 });
    }
  }
  return out;
}

/**
 * The calling guide's customers with their interest tags and when they last opened a share,
 * most recently seen first. Filter by tag, or by "seen within N days".
 */
export const myCustomers: ActionHandler<InsightContract, 'myCustomers'> = async (input, ctx) => {
  const customers = await getAll(
    ctx.db.collection('users').where({ role: 'customer', guideOpenid: ctx.caller.openid }),
    CustomerDoc,
    'users',
    { pageSize: 1000, max: 50_000 },
  );
  const ids = customers.map((c) => c._id);
  const [seen, interests, rules, manual] = await Promise.all([
    seenBy(ctx.db, ids),
    interestsOf(ctx.db, ids),
    loadTagRules(ctx.db),
    manualTagsOf(ctx.db, ids),
  ]);
  const allTags = new Set<string>();
  let rows: CustomerRow[] = customers.map((c) => {
    const s = seen.get(c._id);
    const tags = earnedTags(interests.get(c._id) ?? new Map<string, number>(), rules);
    const manualTags = manual.get(c._id) ?? [];
    for (const t of [...tags, ...manualTags]) allTags.add(t);
    return {
      openid: c._id,
      name: c.name,
      tags,
      ...(manualTags.length > 0 ? { manualTags } : {}),
      joinedAt: c.createdAt,
      ...(s && s.visits > 0 ? { lastSeenAt: s.last } : {}),
      visits: s?.visits ?? 0,
      readSeconds: s?.seconds ?? 0,
      ...(c.tier ? { tier: { id: c.tier.id, name: c.tier.name } } : {}),
    };
  });
  if (input.tier !== undefined) {
    const wantedTier = input.tier;
    rows = rows.filter((r) => (wantedTier === 'base' ? r.tier === undefined : r.tier?.id === wantedTier));
  }
  const wanted = input.tag;
  if (wanted !== undefined) rows = rows.filter((r) => r.tags.includes(wanted) || (r.manualTags ?? []).includes(wanted));
  if (input.seenWithinDays !== undefined) {
    const since = ctx.now() - input.seenWithinDays * DAY_MS;
    rows = rows.filter((r) => (r.lastSeenAt ?? 0) >= since);
  }
  rows.sort((a, b) => (b.lastSeenAt ?? 0) - (a.lastSeenAt ?? 0) || b.joinedAt - a.joinedAt);
  return { customers: rows, tags: [...allTags].sort() };
};

function tagsFor(openid: string, interests: Map<string, Map<string, number>>, rules: TagRule[]): string[] {
  return earnedTags(interests.get(openid) ?? new Map<string, number>(), rules);
}

/**
 * One customer's story, newest first: opens of shared posts with reading time and who shared,
 * coupons redeemed, the day they joined. A guide sees only their own customers; HQ sees anyone.
 */
export const customerTimeline: ActionHandler<InsightContract, 'customerTimeline'> = async (input, ctx) => {
  const user = await loadUser(ctx.db, input.openid);
  // Another guide's customer is answered like a missing one, so guides cannot probe openids.
  if (user?.role !== 'customer' || (ctx.caller.role === 'guide' && user.guideOpenid !== ctx.caller.openid)) {
    throw new AppError('NOT_FOUND', '会员不存在');
  }
  const [visitsRes, couponsRes, interests, rules] = await Promise.all([
    ctx.db.collection('visits').where({ viewer: user._id }).orderBy('openedAt', 'desc').limit(TIMELINE_VISITS).get(),
    ctx.db
      .collection('coupons')
      .where({ owner: user._id })
      .orderBy('issuedAt', 'desc')
      .limit(TIMELINE_REDEMPTIONS)
      .get(),
    interestsOf(ctx.db, [user._id]),
    loadTagRules(ctx.db),
  ]);
  const visits = visitsRes.data.map((v) => parseDoc(VisitDoc, v, 'visits'));
  const coupons = couponsRes.data.map((c) => parseDoc(Redemption, c, 'coupons'));
  const postIds = [...new Set(visits.flatMap((v) => (v.postId ? [v.postId] : [])))];
  const _ = ctx._;
  const [posts, sharers] = await Promise.all([
    postIds.length > 0
      ? getAll(
          ctx.db
            .collection('posts')
            .where({ _id: _.in(postIds) })
            .field({ _id: true, title: true }),
          PostTitle,
          'posts',
        )
      : Promise.resolve([]),
    usersByIds(
      ctx.db,
      visits.map((v) => v.sharer),
    ),
  ]);
  const titles = new Map(posts.map((p) => [p._id, p.title]));
  const events: TimelineEvent[] = [
    ...visits.map((v): TimelineEvent => {
      const title = v.postId ? titles.get(v.postId) : undefined;
      const sharerName = sharers.get(v.sharer)?.name;
      return {
        kind: 'visit',
        at: v.openedAt,
        ...(v.postId ? { postId: v.postId } : {}),
        ...(title ? { postTitle: title } : {}),
        seconds: v.seconds,
        ...(v.depth ? { depth: v.depth } : {}),
        ...(sharerName ? { sharerName } : {}),
      };
    }),
    ...coupons.map((c): TimelineEvent => ({ kind: 'redeem', at: c.issuedAt, title: c.title, status: c.status })),
    { kind: 'joined', at: user.createdAt },
  ];
  events.sort((a, b) => b.at - a.at);
  return {
    customer: {
      openid: user._id,
      name: user.name,
      tags: tagsFor(user._id, interests, rules),
      joinedAt: user.createdAt,
    },
    events,
  };
};
