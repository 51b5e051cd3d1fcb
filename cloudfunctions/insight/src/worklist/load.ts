/**
 * The facts the ranking needs for one guide's customers, read in a fixed number of queries per
 * chunk of customers (visits of the read window, the last open before it, unused coupons, points
 * accounts, closed reasons), whatever the number of visits.
 */
import * as z from 'zod';
import { AccountDoc } from '@server/ledger/documents';
import { CouponDoc } from '@server/data/coupons';
import { PostDoc } from '@server/data/posts';
import { CustomerDoc } from '@server/data/users';
import { ClosedReasonDoc } from '@server/data/worklist';
import { chunks, getAll } from '@server/db/read';
import type { Database } from '@server/db/types';
import type { CustomerFacts, ReadFact } from '@server/worklist/facts';
import { READ_WINDOW_MS } from '@server/worklist/reasons';

/** A read "to the end": the last paragraph reached, or nearly all of the text on screen. */
const FINISHED_RATIO = 0.95;

const OpenCoupon = CouponDoc.pick({ _id: true, owner: true, kind: true, title: true, issuedAt: true, expiresAt: true });
const Points = AccountDoc.pick({ _id: true, balance: true, lots: true });
const Closed = ClosedReasonDoc.pick({ customer: true, key: true });
const Title = PostDoc.pick({ _id: true, title: true });
const Cheapest = z.object({ pointsPrice: z.number() });

const BIG = { pageSize: 1000, max: 200_000 };

export interface GuideFacts {
  customers: CustomerFacts[];
  closed: Map<string, Set<string>>;
}

function emptyFacts(c: CustomerDoc): CustomerFacts {
  return { openid: c._id, name: c.name, joinedAt: c.createdAt, reads: [], coupons: [], points: { balance: 0 } };
}

/** 1 when the page reported the last paragraph or (nearly) all of the text; a missing depth is 0. */
const FINISHED = {
  $cond: [
    {
      $or: [
        { $gte: ['$depth.ratio', FINISHED_RATIO] },
        { $and: [{ $gt: ['$depth.paragraphs', 0] }, { $gte: ['$depth.paragraph', '$depth.paragraphs'] }] },
      ],
    },
    1,
    0,
  ],
};

/** Most posts one reader is expected to open in the read window, for the aggregate's limit. */
const POSTS_PER_READER = 50;

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/**
 * Facts of one chunk of customers, in five parallel queries. Visits are grouped inside the database
 * (per reader: last open and last open before the read window; per reader and post in the window:
 * seconds, last open, tags, finished), so the cost does not grow with the number of visits read.
 */
async function chunkFacts(db: Database, part: CustomerDoc[], now: number, closed: Map<string, Set<string>>) {
  const _ = db.command;
  const $ = _.aggregate;
  const ids = part.map((c) => c._id);
  const since = now - READ_WINDOW_MS;
  const [seen, recent, coupons, accounts, closedRows] = await Promise.all([
    db
      .collection('visits')
      .aggregate()
      .match({ viewer: _.in(ids) })
      .group({
        _id: '$viewer',
        last: $.max('$openedAt'),
        before: $.max({ $cond: [{ $lt: ['$openedAt', since] }, '$openedAt', 0] }),
      })
      .limit(ids.length)
      .end(),
    db
      .collection('visits')
      .aggregate()
      .match({ viewer: _.in(ids), openedAt: _.gte(since), postId: _.exists(true) })
      .group({
        _id: { viewer: '$viewer', postId: '$postId' },
        seconds: $.sum('$seconds'),
        at: $.max('$openedAt'),
        tags: $.first('$tags'),
        finished: $.max(FINISHED),
      })
      .limit(ids.length * POSTS_PER_READER)
      .end(),
    getAll(
      db
        .collection('coupons')
        .where({ owner: _.in(ids), status: 'unused' })
        .field({ _id: true, owner: true, kind: true, title: true, issuedAt: true, expiresAt: true }),
      OpenCoupon,
      'coupons',
      BIG,
    ),
    getAll(
      db
        .collection('points_accounts')
        .where({ _id: _.in(ids) })
        .field({ _id: true, balance: true, lots: true }),
      Points,
      'points_accounts',
      BIG,
    ),
    getAll(
      db
        .collection('worklist_closed')
        .where({ customer: _.in(ids) })
        .field({ customer: true, key: true }),
      Closed,
      'worklist_closed',
      BIG,
    ),
  ]);
  const facts = new Map(part.map((c) => [c._id, emptyFacts(c)]));
  for (const raw of seen.list) {
    const r = raw as { _id?: unknown; last?: unknown; before?: unknown };
    const f = typeof r._id === 'string' ? facts.get(r._id) : undefined;
    if (!f || num(r.last) === 0) continue;
    f.lastSeenAt = num(r.last);
    if (num(r.before) > 0) f.seenBefore = num(r.before);
  }
  for (const raw of recent.list) {
    const r = raw as {
      _id?: { viewer?: unknown; postId?: unknown };
      seconds?: unknown;
      at?: unknown;
      tags?: unknown;
      finished?: unknown;
    };
    const f = typeof r._id?.viewer === 'string' ? facts.get(r._id.viewer) : undefined;
    if (!f || typeof r._id?.postId !== 'string') continue;
    const tags = Array.isArray(r.tags) ? r.tags.filter((t): t is string => typeof t === 'string') : [];
    const read: ReadFact = {
      postId: r._id.postId,
      tags,
      seconds: num(r.seconds),
      finished: num(r.finished) > 0,
      at: num(r.at),
    };
    f.reads.push(read);
  }
  for (const c of coupons) facts.get(c.owner)?.coupons.push({ id: c._id, ...c });
  for (const a of accounts) {
    const f = facts.get(a._id);
    if (!f) continue;
    const next = a.lots
      .filter((l) => l.expiresAt !== null && l.expiresAt > now)
      .sort((x, y) => (x.expiresAt ?? 0) - (y.expiresAt ?? 0))[0];
    f.points = {
      balance: a.balance,
      ...(next?.expiresAt ? { expiring: { amount: next.amount, at: next.expiresAt } } : {}),
    };
  }
  for (const r of closedRows) {
    let keys = closed.get(r.customer);
    if (!keys) closed.set(r.customer, (keys = new Set()));
    keys.add(r.key);
  }
  return [...facts.values()];
}

/**
 * Every customer of each of the guides with their facts, and the reasons closed for each. The
 * morning timer loads guides in batches, so the queries run per chunk of customers, not per guide.
 */
export async function loadFactsOfGuides(
  db: Database,
  guideOpenids: readonly string[],
  now: number,
): Promise<Map<string, GuideFacts>> {
  const customers = (
    await Promise.all(
      chunks(guideOpenids).map((part) =>
        getAll(
          db.collection('users').where({ role: 'customer', guideOpenid: db.command.in(part) }),
          CustomerDoc,
          'users',
          { pageSize: 1000, max: 100_000 },
        ),
      ),
    )
  ).flat();
  const closed = new Map<string, Set<string>>();
  const facts = (await Promise.all(chunks(customers).map((part) => chunkFacts(db, part, now, closed)))).flat();
  await addTitles(db, facts);
  const guideOf = new Map(customers.map((c) => [c._id, c.guideOpenid]));
  const out = new Map<string, GuideFacts>(guideOpenids.map((g) => [g, { customers: [], closed }]));
  for (const f of facts) {
    const g = guideOf.get(f.openid);
    if (g) out.get(g)?.customers.push(f);
  }
  return out;
}

/** One guide's customers with their facts. */
export async function loadGuideFacts(db: Database, guideOpenid: string, now: number): Promise<GuideFacts> {
  return (await loadFactsOfGuides(db, [guideOpenid], now)).get(guideOpenid) ?? { customers: [], closed: new Map() };
}

/** Post titles of the reads, in one query per chunk of posts. */
async function addTitles(db: Database, facts: CustomerFacts[]): Promise<void> {
  const ids = [...new Set(facts.flatMap((f) => f.reads.map((r) => r.postId)))];
  if (ids.length === 0) return;
  const rows = (
    await Promise.all(
      chunks(ids).map((part) =>
        getAll(
          db
            .collection('posts')
            .where({ _id: db.command.in(part) })
            .field({ _id: true, title: true }),
          Title,
          'posts',
          BIG,
        ),
      ),
    )
  ).flat();
  const titles = new Map(rows.map((p) => [p._id, p.title]));
  for (const f of facts) {
    for (const r of f.reads) {
      const title = titles.get(r.postId);
      if (title) r.title = title;
    }
  }
}

/** The cheapest active mall item's price: "points to spend" means at least that many. */
export async function cheapestItem(db: Database): Promise<number | undefined> {
  const { data } = await db
    .collection('mall_items')
    .where({ active: true })
    .orderBy('pointsPrice', 'asc')
    .limit(1)
    .field({ pointsPrice: true })
    .get();
  const parsed = Cheapest.safeParse(data[0]);
  return parsed.success ? parsed.data.pointsPrice : undefined;
}
