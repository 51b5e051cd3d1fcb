import { MAX_GRAPH_NODES, type GraphNode, type InsightContract, type KocRow } from '@core/contracts/insight';
import { AppError } from '@core/errors';
import { ReferralDoc } from '@server/data/referrals';
import { findGuides, loadUser, usersByIds } from '@server/data/users';
import { countBy } from '@server/db/aggregate';
import { chunks, getAll } from '@server/db/read';
import type { Database } from '@server/db/types';
import type { ActionHandler } from '@server/kit';
import { childrenOf, downstreamSums, layers, type Edge } from '../graph';

/** What the graph reads of an edge. */
const EdgeFields = ReferralDoc.pick({ from: true, to: true });

/** More edges than this in one answer means the caller should look from a narrower root. */
const MAX_EDGES = 200_000;

/** Every referral edge (two small fields each, 1000 per round trip). */
function allEdges(db: Database): Promise<Edge[]> {
  return getAll(db.collection('referrals').where({}).field({ from: true, to: true }), EdgeFields, 'referrals', {
    pageSize: 1000,
    max: MAX_EDGES,
  });
}

/** The edges below `root`, every hop, fetched one level at a time. */
async function edgesBelow(db: Database, root: string): Promise<Edge[]> {
  const _ = db.command;
  const out: Edge[] = [];
  const seen = new Set([root]);
  let frontier = [root];
  while (frontier.length > 0) {
    const level = await Promise.all(
      chunks(frontier).map((part) =>
        getAll(
          db
            .collection('referrals')
            .where({ from: _.in(part) })
            .field({ from: true, to: true }),
          EdgeFields,
          'referrals',
          {
            pageSize: 1000,
            max: MAX_EDGES,
          },
        ),
      ),
    );
    frontier = [];
    for (const e of level.flat()) {
      if (seen.has(e.to)) continue;
      seen.add(e.to);
      out.push(e);
      frontier.push(e.to);
    }
    if (out.length > MAX_EDGES) throw new AppError('RESOURCE_EXHAUSTED', '关系网过大，请从更下层的会员查看');
  }
  return out;
}

/**
 * The referral tree from one member or guide, or from every guide: nodes down to `depth` hops
 * (at most MAX_GRAPH_NODES), each with its downstream count over every hop, and the edges between them.
 */
export const referralGraph: ActionHandler<InsightContract, 'referralGraph'> = async (input, ctx) => {
  let roots: string[];
  let edges: Edge[];
  if (input.root !== undefined) {
    const root = await loadUser(ctx.db, input.root);
    if (!root) throw new AppError('NOT_FOUND', '会员或导购不存在');
    roots = [root._id];
    edges = await edgesBelow(ctx.db, root._id);
  } else {
    const [guides, all] = await Promise.all([findGuides(ctx.db), allEdges(ctx.db)]);
    roots = guides.map((g) => g._id);
    edges = all;
  }
  const children = childrenOf(edges);
  const drawn = layers(children, roots, input.depth, MAX_GRAPH_NODES);
  const downstream = downstreamSums(children, drawn.depth.keys());
  const users = await usersByIds(ctx.db, [...drawn.depth.keys()]);
  const nodes: GraphNode[] = [...drawn.depth.entries()].map(([openid, depth]) => {
    const u = users.get(openid);
    return {
      openid,
      name: u?.name ?? '未知用户',
      role: u?.role ?? 'customer',
      downstream: downstream.get(openid) ?? 0,
      depth,
    };
  });
  return { nodes, edges: drawn.edges, truncated: drawn.truncated };
};

/**
 * Key opinion customers: members ranked by how many members joined through them (every hop), then
 * by the coupons those downstream members redeemed.
 */
export const kocList: ActionHandler<InsightContract, 'kocList'> = async (input, ctx) => {
  const [edges, guides, redemptions] = await Promise.all([
    allEdges(ctx.db),
    findGuides(ctx.db),
    countBy(ctx.db, 'coupons', {}, 'owner'),
  ]);
  const children = childrenOf(edges);
  const guideNames = new Map(guides.map((g) => [g._id, g.name]));
  const candidates = [...children.keys()].filter((id) => !guideNames.has(id));
  const downstream = downstreamSums(children, candidates);
  const downstreamRedeemed = downstreamSums(children, candidates, (node) => redemptions.get(node) ?? 0);
  const top = candidates
    .map((openid) => ({
      openid,
      downstream: downstream.get(openid) ?? 0,
      direct: children.get(openid)?.length ?? 0,
      downstreamRedemptions: downstreamRedeemed.get(openid) ?? 0,
    }))
    .sort(
      (a, b) =>
        b.downstream - a.downstream ||
        b.downstreamRedemptions - a.downstreamRedemptions ||
        a.openid.localeCompare(b.openid),
    )
    .slice(0, input.limit);
  const users = await usersByIds(
    ctx.db,
    top.map((t) => t.openid),
  );
  const rows: KocRow[] = [];
  for (const t of top) {
    const u = users.get(t.openid);
    if (u?.role !== 'customer') continue;
    const guideName = u.guideOpenid ? guideNames.get(u.guideOpenid) : undefined;
    rows.push({ ...t, name: u.name, ...(guideName ? { guideName } : {}) });
  }
  return { rows };
};
