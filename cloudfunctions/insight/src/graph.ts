/**
 * The referral forest as pure functions. Each member has at most one referrer (the `referrals`
 * document's _id is the referred member, and a referrer must already exist when a member joins),
 * so the edges form a forest. The functions still keep a visited set: a hand-edited or corrupt
 * edge that closed a loop must not hang a function or count anyone twice.
 */

export interface Edge {
  from: string;
  to: string;
}

export type Children = ReadonlyMap<string, readonly string[]>;

export function childrenOf(edges: readonly Edge[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const e of edges) {
    // One referrer per member: a second edge to the same member is ignored (the first wins).
    if (e.from === e.to || seen.has(e.to)) continue;
    seen.add(e.to);
    const list = out.get(e.from);
    if (list) list.push(e.to);
    else out.set(e.from, [e.to]);
  }
  return out;
}

/**
 * For each start node, the sum of `weight` over every node below it (any number of hops), each
 * node counted once. `weight` defaults to 1, which counts downstream members.
 */
export function downstreamSums(
  children: Children,
  starts: Iterable<string>,
  weight: (node: string) => number = () => 1,
): Map<string, number> {
  const memo = new Map<string, number>();
  const onPath = new Set<string>();
  const total = (root: string): number => {
    const cached = memo.get(root);
    if (cached !== undefined) return cached;
    // Iterative post-order: deep chains (10,000 hops) must not overflow the stack.
    const stack: { node: string; next: number }[] = [{ node: root, next: 0 }];
    onPath.add(root);
    const acc = new Map<string, number>([[root, 0]]);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const kids = children.get(top.node) ?? [];
      if (top.next < kids.length) {
        const kid = kids[top.next++]!;
        if (onPath.has(kid)) continue;
        const known = memo.get(kid);
        if (known !== undefined) {
          acc.set(top.node, (acc.get(top.node) ?? 0) + known + weight(kid));
          continue;
        }
        onPath.add(kid);
        acc.set(kid, 0);
        stack.push({ node: kid, next: 0 });
      } else {
        stack.pop();
        onPath.delete(top.node);
        const sum = acc.get(top.node) ?? 0;
        memo.set(top.node, sum);
        const parent = stack[stack.length - 1];
        if (parent) acc.set(parent.node, (acc.get(parent.node) ?? 0) + sum + weight(top.node));
      }
    }
    return memo.get(root) ?? 0;
  };
  const out = new Map<string, number>();
  for (const s of starts) out.set(s, total(s));
  return out;
}

export interface Layered {
  /** Node → hops from its root (roots are 0). */
  depth: Map<string, number>;
  edges: Edge[];
  /** More nodes lay within the depth than `maxNodes`. */
  truncated: boolean;
}

/** Breadth-first from the roots down to `maxDepth` hops, keeping at most `maxNodes` nodes. */
export function layers(children: Children, roots: readonly string[], maxDepth: number, maxNodes: number): Layered {
  const depth = new Map<string, number>();
  const edges: Edge[] = [];
  let truncated = false;
  let frontier: string[] = [];
  for (const r of roots) {
    if (depth.has(r)) continue;
    if (depth.size >= maxNodes) {
      truncated = true;
      break;
    }
    depth.set(r, 0);
    frontier.push(r);
  }
  for (let d = 1; d <= maxDepth && frontier.length > 0 && !truncated; d++) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const kid of children.get(node) ?? []) {
        if (depth.has(kid)) continue;
        if (depth.size >= maxNodes) {
          truncated = true;
          break;
        }
        depth.set(kid, d);
        edges.push({ from: node, to: kid });
        next.push(kid);
      }
      if (truncated) break;
    }
    frontier = next;
  }
  return { depth, edges, truncated };
}
