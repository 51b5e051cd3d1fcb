import { MAX_GRAPH_NODES, type GraphNode, type InsightContract, type KocRow } from '@core/contracts/insight';
import { AppError } from '@core/errors';
import { findGuides, loadUser, usersByIds } from '@server/data/users';
import type { ActionHandler } from '@server/kit';
import { couponsByOwner, edgesBelow, forestRoots } from '../edges';
import { childrenOf, downstreamSums, layers, type Edge } from '../graph';

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
    edges = await edgesBelow(ctx.db, [root._id]);
  } else {
    // Only the guides' trees are drawn, so only their edges are read.
    roots = (await findGuides(ctx.db)).map((g) => g._id);
    edges = await edgesBelow(ctx.db, roots);
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
  const { guides, roots } = await forestRoots(ctx.db);
  const edges = await edgesBelow(ctx.db, roots);
  const redemptions = await couponsByOwner(
    ctx.db,
    edges.map((e) => e.to),
  );
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
