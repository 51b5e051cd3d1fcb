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
import { VisitDoc } from '@server/data/visits';
import { ClosedReasonDoc } from '@server/data/worklist';
import { chunks, getAll } from '@server/db/read';
import type { Database } from '@server/db/types';
import type { CustomerFacts, ReadFact } from '@server/worklist/facts';
import { READ_WINDOW_MS } from '@server/worklist/reasons';

/** A read "to the end": the last paragraph reached, or nearly all of the text on screen. */
const FINISHED_RATIO = 0.95;

const RecentVisit = VisitDoc.pick({
  viewer: true,
  postId: true,
  tags: true,
  seconds: true,
  depth: true,
  openedAt: true,
});
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

/** Facts of one chunk of customers, in five parallel queries. */
async function chunkFacts(db: Database, part: CustomerDoc[], now: number, closed: Map<string, Set<string>>) {
  const _ = db.command;
  const $ = _.aggregate;
  const ids = part.map((c) => c._id);
  const since = now - READ_WINDOW_MS;
  const [recent, before, coupons, accounts, closedRows] = await Promise.all([
    getAll(
      db
        .collection('visits')
        .where({ viewer: _.in(ids), openedAt: _.gte(since) })
        .field({ viewer: true, postId: true, tags: true, seconds: true, depth: true, openedAt: true }),
      RecentVisit,
      'visits',
      BIG,
    ),
    db
      .collection('visits')
      .aggregate()
      .match({ viewer: _.in(ids), openedAt: _.lt(since) })
      .group({ _id: '$viewer', last: $.max('$openedAt') })
      .limit(ids.length)
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
  for (const raw of before.list) {
    const r = raw as { _id?: unknown; last?: unknown };
    const f = typeof r._id === 'string' ? facts.get(r._id) : undefined;
    if (f && typeof r.last === 'number') f.seenBefore = f.lastSeenAt = r.last;
  }
  for (const v of recent) {
    const f = v.viewer ? facts.get(v.viewer) : undefined;
    if (!f) continue;
    f.lastSeenAt = Math.max(f.lastSeenAt ?? 0, v.openedAt);
    if (v.postId) {
      const finished = v.depth ? v.depth.paragraph >= v.depth.paragraphs || v.depth.ratio >= FINISHED_RATIO : false;
      const read: ReadFact = { postId: v.postId, tags: v.tags, seconds: v.seconds, finished, at: v.openedAt };
      f.reads.push(read);
    }
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

/** Every customer of the guide with their facts, and the reasons closed for each. */
export async function loadGuideFacts(db: Database, guideOpenid: string, now: number): Promise<GuideFacts> {
  const customers = await getAll(
    db.collection('users').where({ role: 'customer', guideOpenid }),
    CustomerDoc,
    'users',
    { pageSize: 1000, max: 50_000 },
  );
  const closed = new Map<string, Set<string>>();
  const parts = await Promise.all(chunks(customers).map((part) => chunkFacts(db, part, now, closed)));
  const facts = parts.flat();
  await addTitles(db, facts);
  return { customers: facts, closed };
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
