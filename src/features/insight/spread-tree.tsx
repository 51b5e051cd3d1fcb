import { Text, View } from '@tarojs/components';
import { Remote } from '@/components/remote';
import { useRemote } from '@/lib/use-remote';
import { fetchPostSpread, type PostSpread, type SpreadNode } from './api';
import { formatDuration, formatWhen } from './format';
import './spread-tree.scss';

/** Deeper shares are drawn at this indent, so a long chain still fits a 375-px screen. */
const MAX_INDENT = 5;
const ROLE = { guide: '导购', customer: '会员' } as const;

export interface TreeRow {
  node: SpreadNode;
  /** Indent: how many shares above it are on screen. */
  level: number;
}

/**
 * The shares in reading order: each one followed by the reshares of it, oldest first. A share
 * whose parent is not in the list (a guide sees only the trees of their own shares) starts a tree.
 */
export function treeRows(nodes: readonly SpreadNode[]): TreeRow[] {
  const ids = new Set(nodes.map((n) => n.id));
  const children = new Map<string, SpreadNode[]>();
  const roots: SpreadNode[] = [];
  for (const n of [...nodes].sort((a, b) => a.sharedAt - b.sharedAt)) {
    if (n.parent !== undefined && ids.has(n.parent)) {
      children.set(n.parent, [...(children.get(n.parent) ?? []), n]);
    } else roots.push(n);
  }
  const rows: TreeRow[] = [];
  const seen = new Set<string>();
  const walk = (n: SpreadNode, level: number) => {
    if (seen.has(n.id)) return;
    seen.add(n.id);
    rows.push({ node: n, level });
    for (const c of children.get(n.id) ?? []) walk(c, level + 1);
  };
  roots.forEach((r) => walk(r, 0));
  return rows;
}

function NodeRow({ node, level, now }: TreeRow & { now: number }) {
  const indent = Math.min(level, MAX_INDENT);
  return (
    <View className="spread__node" style={{ paddingLeft: `${12 + indent * 14}px` }} data-testid="spread-node">
      <View className="spread__line">
        {level > 0 ? <Text className="spread__branch">└</Text> : null}
        <Text className="spread__name">{node.sharerName}</Text>
        <Text className="spread__role">{ROLE[node.sharerRole]}</Text>
        <Text className="spread__hop">第 {node.hop + 1} 层</Text>
      </View>
      <Text className="spread__figures">
        打开 {node.opens}（{node.viewers} 人{node.anonymousOpens > 0 ? `，朋友圈匿名 ${node.anonymousOpens}` : ''}） ·
        转发 {node.reshares} · 入会 {node.joins}
      </Text>
      <Text className="spread__when">
        {formatWhen(node.sharedAt, now)} 分享{node.readSeconds > 0 ? ` · 共读 ${formatDuration(node.readSeconds)}` : ''}
      </Text>
    </View>
  );
}

/** Reach per hop, then the tree itself. */
export function SpreadView({ spread }: { spread: PostSpread }) {
  const now = Date.now();
  return (
    <>
      <View className="spread__hops" data-testid="spread-hops">
        <View className="spread__hop-row spread__hop-row--head">
          <Text className="spread__hop-name">层级</Text>
          <Text>分享</Text>
          <Text>打开</Text>
          <Text>人数</Text>
          <Text>入会</Text>
        </View>
        {spread.hops.map((h) => (
          <View key={h.hop} className="spread__hop-row" data-testid="spread-hop">
            <Text className="spread__hop-name">{h.hop === 0 ? '第 1 层（首发）' : `第 ${h.hop + 1} 层`}</Text>
            <Text>{h.shares}</Text>
            <Text>{h.opens}</Text>
            <Text>{h.viewers}</Text>
            <Text>{h.joins}</Text>
          </View>
        ))}
      </View>
      <View className="spread__tree" data-testid="spread-tree">
        {treeRows(spread.nodes).map((row) => (
          <NodeRow key={row.node.id} {...row} now={now} />
        ))}
        {spread.truncated ? <Text className="spread__more">分享太多，只显示了最早的一部分</Text> : null}
      </View>
    </>
  );
}

/** A post's spread, loaded with the page: HQ sees every share of it, a guide the trees of their own. */
export function PostSpreadSection({ postId, title, emptyHint }: { postId: string; title: string; emptyHint: string }) {
  const spread = useRemote(() => fetchPostSpread(postId), [postId]);
  return (
    <>
      <View className="section-title">{title}</View>
      <View className="card spread">
        <Remote
          state={spread}
          loading="正在统计传播…"
          compact
          isEmpty={(s) => s.nodes.length === 0}
          empty={{ message: '还没有人分享这篇内容', hint: emptyHint }}
        >
          {(s) => <SpreadView spread={s} />}
        </Remote>
      </View>
    </>
  );
}
