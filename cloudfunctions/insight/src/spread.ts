/**
 * A post's spread as pure functions: which shares a caller sees, each share's hop from the first
 * share they see, and the reach per hop. Shares form a forest (a token has at most one parent, made
 * before it); a visited set still guards against a corrupt parent loop.
 */
import type { HopReach, SpreadNode } from '@core/contracts/insight';

export interface Share {
  id: string;
  parent?: string;
}

/** The shares at or below any of `tops` (a guide's own shares), in the order given. */
export function below<S extends Share>(shares: readonly S[], tops: ReadonlySet<string>): S[] {
  const byId = new Map(shares.map((s) => [s.id, s]));
  const inside = new Map<string, boolean>();
  const isInside = (id: string): boolean => {
    const path: string[] = [];
    let cur: string | undefined = id;
    let answer = false;
    while (cur !== undefined) {
      const known = inside.get(cur);
      if (known !== undefined) {
        answer = known;
        break;
      }
      if (tops.has(cur)) {
        answer = true;
        path.push(cur);
        break;
      }
      if (path.includes(cur)) break;
      path.push(cur);
      cur = byId.get(cur)?.parent;
    }
    for (const p of path) inside.set(p, answer);
    return answer;
  };
  return shares.filter((s) => isInside(s.id));
}

/**
 * Hops from the first shares in view: a share whose parent is not in `shares` starts at hop 0,
 * each reshare below it one more. Answers the hop per share and the parent to draw (only a parent
 * in view is drawn).
 */
export function hopsOf(shares: readonly Share[]): Map<string, { hop: number; parent?: string }> {
  const ids = new Set(shares.map((s) => s.id));
  const children = new Map<string, string[]>();
  const out = new Map<string, { hop: number; parent?: string }>();
  let frontier: string[] = [];
  for (const s of shares) {
    if (s.parent !== undefined && ids.has(s.parent) && s.parent !== s.id) {
      const list = children.get(s.parent);
      if (list) list.push(s.id);
      else children.set(s.parent, [s.id]);
    } else {
      out.set(s.id, { hop: 0 });
      frontier.push(s.id);
    }
  }
  for (let hop = 1; frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const parent of frontier) {
      for (const kid of children.get(parent) ?? []) {
        if (out.has(kid)) continue;
        out.set(kid, { hop, parent });
        next.push(kid);
      }
    }
    frontier = next;
  }
  return out;
}

/** Shares, opens, viewers and joins per hop, nearest hop first. */
export function reachPerHop(nodes: readonly SpreadNode[]): HopReach[] {
  const byHop = new Map<number, HopReach>();
  for (const n of nodes) {
    let r = byHop.get(n.hop);
    if (!r) byHop.set(n.hop, (r = { hop: n.hop, shares: 0, opens: 0, viewers: 0, joins: 0 }));
    r.shares += 1;
    r.opens += n.opens;
    r.viewers += n.viewers;
    r.joins += n.joins;
  }
  return [...byHop.values()].sort((a, b) => a.hop - b.hop);
}
