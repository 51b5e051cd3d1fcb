import { MAX_SPREAD_NODES, type ContentKocRow, type InsightContract, type SpreadNode } from '@core/contracts/insight';
import { AppError } from '@core/errors';
import { PostDoc } from '@server/data/posts';
import { usersByIds } from '@server/data/users';
import { parentOf, ShareLinkDoc } from '@server/data/visits';
import { groupRows, num } from '@server/db/aggregate';
import { chunks, getDoc, parseDoc } from '@server/db/read';
import type { CollectionName } from '@core/db/schema';
import type { Condition, Database } from '@server/db/types';
import type { ActionHandler } from '@server/kit';
import { inRange } from '../queries';
import { parseRange } from '../days';
import { below, hopsOf, reachPerHop } from '../spread';

const PostTitle = PostDoc.pick({ _id: true, title: true });

interface TokenStats {
  opens: number;
  anonymousOpens: number;
  readSeconds: number;
  viewers: number;
  reshares: number;
  joins: number;
}

/**
 * Per token: `sums` over the documents of `collection` whose `key` is one of `tokens` (and that
 * match `match`), one aggregate per chunk of tokens. `distinct` first groups by (token, that
 * field), so the sum counts distinct values.
 */
async function perToken(
  db: Database,
  tokens: readonly string[],
  q: { collection: CollectionName; key: string; match?: Condition; sums: Record<string, unknown>; distinct?: string },
): Promise<Map<string, Record<string, number>>> {
  const _ = db.command;
  const run = (part: string[]) => {
    const agg = db
      .collection(q.collection)
      .aggregate()
      .match({ ...q.match, [q.key]: _.in(part) });
    const grouped = q.distinct
      ? agg.group({ _id: { t: `$${q.key}`, v: `$${q.distinct}` } }).group({ _id: '$_id.t', ...q.sums })
      : agg.group({ _id: `$${q.key}`, ...q.sums });
    return groupRows(grouped);
  };
  const out = new Map<string, Record<string, number>>();
  for (const rows of await Promise.all(chunks(tokens).map(run))) {
    for (const r of rows) {
      if (typeof r._id !== 'string') continue;
      const sums: Record<string, number> = {};
      for (const k of Object.keys(q.sums)) sums[k] = num(r[k]);
      out.set(r._id, sums);
    }
  }
  return out;
}

/** Counted opens, anonymous opens, reading time, distinct viewers, reshares and joins per token. */
async function statsOf(db: Database, tokens: readonly string[]): Promise<Map<string, TokenStats>> {
  const $ = db.command.aggregate;
  const one = { n: $.sum(1) };
  const [visits, viewers, reshares, joins] = await Promise.all([
    perToken(db, tokens, {
      collection: 'visits',
      key: 'token',
      sums: {
        opens: $.sum({ $cond: ['$counted', 1, 0] }),
        anonymousOpens: $.sum({ $cond: [{ $and: ['$counted', '$anonymous'] }, 1, 0] }),
        readSeconds: $.sum('$seconds'),
      },
    }),
    perToken(db, tokens, {
      collection: 'visits',
      key: 'token',
      match: { anonymous: false },
      sums: one,
      distinct: 'viewer',
    }),
    perToken(db, tokens, { collection: 'share_links', key: 'parentKey', sums: one }),
    perToken(db, tokens, { collection: 'referrals', key: 'token', sums: one }),
  ]);
  const out = new Map<string, TokenStats>();
  for (const t of tokens) {
    const v = visits.get(t);
    out.set(t, {
      opens: v?.opens ?? 0,
      anonymousOpens: v?.anonymousOpens ?? 0,
      readSeconds: v?.readSeconds ?? 0,
      viewers: viewers.get(t)?.n ?? 0,
      reshares: reshares.get(t)?.n ?? 0,
      joins: joins.get(t)?.n ?? 0,
    });
  }
  return out;
}

/** Shares of a post matching `where`, oldest first: one more than the cap, to tell truncation. */
async function sharesOf(db: Database, where: Condition): Promise<ShareLinkDoc[]> {
  const { data } = await db
    .collection('share_links')
    .where(where)
    .orderBy('createdAt', 'asc')
    .limit(MAX_SPREAD_NODES + 1)
    .get();
  return data.map((raw) => parseDoc(ShareLinkDoc, raw, 'share_links'));
}

const asShare = (s: ShareLinkDoc) => {
  const parent = parentOf(s);
  return { id: s._id, ...(parent !== undefined ? { parent } : {}) };
};

/**
 * How a post spread: every share of it (HQ) or the trees below the calling guide's own shares,
 * each share with its parent, hop, counted opens, distinct viewers, anonymous opens, reshares,
 * joins and reading time; the reach per hop. At most MAX_SPREAD_NODES shares, oldest first, so a
 * share's parent is always in the answer before it.
 */
export const postSpread: ActionHandler<InsightContract, 'postSpread'> = async (input, ctx) => {
  const post = await getDoc(ctx.db.collection('posts').doc(input.postId), PostTitle, 'posts');
  if (!post) throw new AppError('NOT_FOUND', '这篇内容不存在');
  const _ = ctx._;
  let shares: ShareLinkDoc[];
  let truncated: boolean;
  if (ctx.caller.role === 'hq') {
    shares = await sharesOf(ctx.db, { postKey: post._id });
    truncated = shares.length > MAX_SPREAD_NODES;
  } else {
    const own = await sharesOf(ctx.db, { postKey: post._id, sharer: ctx.caller.openid });
    const roots = [...new Set(own.map((s) => s.root))];
    const trees = roots.length > 0 ? await sharesOf(ctx.db, { postKey: post._id, root: _.in(roots) }) : [];
    const mine = new Set(below(trees.map(asShare), new Set(own.map((s) => s._id))).map((s) => s.id));
    shares = trees.filter((s) => mine.has(s._id));
    truncated = trees.length > MAX_SPREAD_NODES || own.length > MAX_SPREAD_NODES;
  }
  shares = shares.slice(0, MAX_SPREAD_NODES);
  const hops = hopsOf(shares.map(asShare));
  const [stats, users] = await Promise.all([
    statsOf(
      ctx.db,
      shares.map((s) => s._id),
    ),
    usersByIds(
      ctx.db,
      shares.map((s) => s.sharer),
    ),
  ]);
  const nodes: SpreadNode[] = [];
  for (const s of shares) {
    const place = hops.get(s._id);
    const st = stats.get(s._id);
    if (!place || !st) continue;
    nodes.push({
      id: s._id,
      ...(place.parent !== undefined ? { parent: place.parent } : {}),
      hop: place.hop,
      sharerName: users.get(s.sharer)?.name ?? '未知用户',
      sharerRole: s.sharerRole,
      sharedAt: s.createdAt,
      ...st,
    });
  }
  return { post: { id: post._id, title: post.title }, nodes, hops: reachPerHop(nodes), truncated };
};

/** Most sharers a ranking considers per measure; beyond it the smallest counts are left out. */
const MAX_SHARERS = 10_000;

/** `{ sharer → count }` of `collection` documents matching `match`, grouped by `field`, largest first. */
async function topCounts(
  db: Database,
  collection: 'visits' | 'share_links' | 'referrals',
  match: Condition,
  field: string,
) {
  const $ = db.command.aggregate;
  const rows = await db
    .collection(collection)
    .aggregate()
    .match(match)
    .group({ _id: `$${field}`, n: $.sum(1) })
    .sort({ n: -1 })
    .limit(MAX_SHARERS)
    .end();
  const out = new Map<string, number>();
  for (const raw of rows.list) {
    const r = raw as { _id?: unknown; n?: unknown };
    if (typeof r._id === 'string') out.set(r._id, num(r.n));
  }
  return out;
}

/**
 * Content KOCs: the people (guides and members) whose shares brought the most joins, then opens,
 * reshares by others and shares, over a range and optionally one post.
 */
export const contentKocs: ActionHandler<InsightContract, 'contentKocs'> = async (input, ctx) => {
  if ((input.from === undefined) !== (input.to === undefined)) {
    throw new AppError('INVALID_ARGUMENT', '请同时填写开始和结束日期', {
      field: input.from === undefined ? 'from' : 'to',
    });
  }
  const _ = ctx._;
  const when =
    input.from !== undefined && input.to !== undefined ? inRange(_, parseRange(input.from, input.to)) : undefined;
  const post = input.postId !== undefined ? { postId: input.postId } : {};
  const postKey = input.postId !== undefined ? { postKey: input.postId } : {};
  const created = when ? { createdAt: when } : {};
  const [shares, opens, reshares, joins] = await Promise.all([
    topCounts(ctx.db, 'share_links', { ...postKey, ...created }, 'sharer'),
    topCounts(ctx.db, 'visits', { counted: true, ...post, ...(when ? { openedAt: when } : {}) }, 'sharer'),
    topCounts(ctx.db, 'share_links', { parentSharer: _.exists(true), ...postKey, ...created }, 'parentSharer'),
    topCounts(ctx.db, 'referrals', { token: _.exists(true), ...post, ...created }, 'from'),
  ]);
  const ranked = [...new Set([...shares.keys(), ...opens.keys(), ...reshares.keys(), ...joins.keys()])]
    .map((openid) => ({
      openid,
      shares: shares.get(openid) ?? 0,
      opens: opens.get(openid) ?? 0,
      reshares: reshares.get(openid) ?? 0,
      joins: joins.get(openid) ?? 0,
    }))
    .sort(
      (a, b) =>
        b.joins - a.joins ||
        b.opens - a.opens ||
        b.reshares - a.reshares ||
        b.shares - a.shares ||
        a.openid.localeCompare(b.openid),
    );
  const users = await usersByIds(
    ctx.db,
    ranked.slice(0, input.limit * 2).map((r) => r.openid),
  );
  const guideIds = [...users.values()].flatMap((u) => (u.role === 'customer' && u.guideOpenid ? [u.guideOpenid] : []));
  const guides = await usersByIds(ctx.db, guideIds);
  const rows: ContentKocRow[] = [];
  for (const r of ranked) {
    if (rows.length >= input.limit) break;
    const u = users.get(r.openid);
    if (!u) continue;
    const guideName = u.role === 'customer' && u.guideOpenid ? guides.get(u.guideOpenid)?.name : undefined;
    rows.push({ ...r, name: u.name, role: u.role, ...(guideName ? { guideName } : {}) });
  }
  return { rows };
};
