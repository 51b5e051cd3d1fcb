/**
 * Per-post figures (the rules are in the contract, PostFigures): a fixed number of grouped reads
 * for any number of posts, each on an index whose first key is the post (visits.post_opened,
 * post_variants.post_store, referrals.post_created) or the member (purchase_awards.member_created).
 */
import { PURCHASE_WINDOW_DAYS, type PostFigures } from '@core/contracts/insight';
import { usersByIds } from '@server/data/users';
import { groupRows, num } from '@server/db/aggregate';
import { chunks } from '@server/db/read';
import type { Database } from '@server/db/types';
import { DAY_MS } from './days';

export interface PostRef {
  id: string;
  title: string;
  publishedAt?: number;
}

const WINDOW_MS = PURCHASE_WINDOW_DAYS * DAY_MS;
const ms = (v: unknown): number => (v instanceof Date ? v.getTime() : num(v));
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Sums per post over the documents of `collection` about the posts (in the store when given). */
async function sumsByPost(
  db: Database,
  collection: 'visits' | 'post_variants',
  ids: string[],
  store: object,
  sums: object,
) {
  return groupRows(
    db
      .collection(collection)
      .aggregate()
      .match({ postId: db.command.in(ids), ...store })
      .group({ _id: '$postId', ...sums }),
  );
}

/**
 * Each signed-in reader's first open of each post: (post, reader) → earliest openedAt. A reader is
 * the viewer's openid once they agreed, else the per-share keyed reader key (a visitor who has not
 * agreed is counted, never named; their purchases cannot be linked, and need not be: only members
 * buy).
 */
async function firstOpens(db: Database, ids: string[], store: object): Promise<Map<string, Map<string, number>>> {
  const _ = db.command;
  const rows = await groupRows(
    db
      .collection('visits')
      .aggregate()
      .match({ postId: _.in(ids), ...store })
      .group({ _id: { p: '$postId', v: { $ifNull: ['$viewer', '$reader'] } }, first: _.aggregate.min('$openedAt') }),
  );
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const key = r._id as { p?: unknown; v?: unknown } | null;
    const p = str(key?.p);
    const v = str(key?.v);
    if (!p || !v) continue;
    const per = out.get(p) ?? new Map<string, number>();
    per.set(v, num(r.first));
    out.set(p, per);
  }
  return out;
}

interface Award {
  member: string;
  at: number;
  fen: number;
}

/** Purchase awards (not reversed) to `members` from `since` to `until`, in the store if given. */
async function awardsOf(db: Database, members: string[], since: number, until: number, store: object) {
  const _ = db.command;
  const parts = await Promise.all(
    chunks(members).map((ids) =>
      groupRows(
        db
          .collection('purchase_awards')
          .aggregate()
          .match({
            memberOpenid: _.in(ids),
            createdAt: _.and(_.gte(new Date(since)), _.lt(new Date(until))),
            reversedAt: _.exists(false),
            ...store,
          })
          .project({ memberOpenid: 1, createdAt: 1, amountFen: 1 }),
      ),
    ),
  );
  const out = new Map<string, Award[]>();
  for (const r of parts.flat()) {
    const a = { member: str(r.memberOpenid), at: ms(r.createdAt), fen: num(r.amountFen) };
    out.set(a.member, [...(out.get(a.member) ?? []), a]);
  }
  return out;
}

/** Members who joined through each post's shares (of `storeId` when given: the member's store). */
async function joins(db: Database, ids: string[], storeId: string | undefined): Promise<Map<string, number>> {
  const $ = db.command.aggregate;
  const rows = await groupRows(
    db
      .collection('referrals')
      .aggregate()
      .match({ postId: db.command.in(ids) })
      .group({ _id: '$postId', members: $.addToSet('$_id') }),
  );
  const byPost = new Map(rows.map((r) => [str(r._id), (Array.isArray(r.members) ? r.members : []).map(str)]));
  const users = storeId ? await usersByIds(db, [...byPost.values()].flat()) : undefined;
  const out = new Map<string, number>();
  for (const [post, members] of byPost) {
    out.set(post, users ? members.filter((m) => users.get(m)?.storeId === storeId).length : members.length);
  }
  return out;
}

export async function postFiguresFor(db: Database, posts: PostRef[], storeId?: string): Promise<PostFigures[]> {
  if (posts.length === 0) return [];
  const ids = posts.map((p) => p.id);
  const store = storeId ? { storeId } : {};
  const $ = db.command.aggregate;
  const stamped = (field: string) => $.sum({ $cond: [{ $gt: [`$${field}`, 0] }, 1, 0] });
  const [visits, firsts, variants, joined] = await Promise.all([
    // Counted opens, reading seconds, and depth where it was reported.
    sumsByPost(db, 'visits', ids, store, {
      opens: $.sum({ $cond: ['$counted', 1, 0] }),
      seconds: $.sum('$seconds'),
      depthSum: $.sum({ $ifNull: ['$depth.ratio', 0] }),
      depthN: $.sum({ $cond: [{ $eq: [{ $ifNull: ['$depth.ratio', -1] }, -1] }, 0, 1] }),
    }),
    firstOpens(db, ids, store),
    sumsByPost(db, 'post_variants', ids, store, { copies: stamped('copiedAt'), saves: stamped('savedAt') }),
    joins(db, ids, storeId),
  ]);
  const allFirsts = [...firsts.values()].flatMap((m) => [...m.values()]);
  const readers = new Set([...firsts.values()].flatMap((m) => [...m.keys()]));
  const awards =
    readers.size > 0
      ? await awardsOf(db, [...readers], Math.min(...allFirsts), Math.max(...allFirsts) + WINDOW_MS, store)
      : new Map<string, Award[]>();
  const v = new Map(visits.map((r) => [str(r._id), r]));
  const pv = new Map(variants.map((r) => [str(r._id), r]));
  return posts.map((p) => {
    const row = v.get(p.id);
    const opens = num(row?.opens);
    const readSeconds = num(row?.seconds);
    const depthN = num(row?.depthN);
    let purchases = 0;
    let purchaseFen = 0;
    for (const [member, first] of firsts.get(p.id) ?? []) {
      for (const a of awards.get(member) ?? []) {
        if (a.at < first || a.at >= first + WINDOW_MS) continue;
        purchases += 1;
        purchaseFen += a.fen;
      }
    }
    return {
      postId: p.id,
      title: p.title,
      ...(p.publishedAt !== undefined ? { publishedAt: p.publishedAt } : {}),
      opens,
      readers: firsts.get(p.id)?.size ?? 0,
      readSeconds,
      avgSeconds: opens > 0 ? Math.round(readSeconds / opens) : 0,
      avgDepth: depthN > 0 ? Math.round((num(row?.depthSum) / depthN) * 100) / 100 : null,
      copies: num(pv.get(p.id)?.copies),
      saves: num(pv.get(p.id)?.saves),
      joins: joined.get(p.id) ?? 0,
      purchases,
      purchaseFen,
    };
  });
}
