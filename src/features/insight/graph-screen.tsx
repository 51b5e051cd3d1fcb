import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import Echarts from 'taro-react-echarts';
import { Remote } from '@/components/remote';
import { useRemote } from '@/lib/use-remote';
import { fetchGraph, type Graph } from './api';
import { chartsApi } from './echarts';
import './insight.scss';

interface TreeNode {
  name: string;
  value: number;
  children: TreeNode[];
  itemStyle?: { color: string };
  label?: { position: 'top' | 'bottom' };
}

/** The graph's nodes and edges as the nested tree echarts draws; several roots hang under HQ. */
export function toTree(graph: Graph): TreeNode {
  const byId = new Map(graph.nodes.map((n) => [n.openid, n]));
  const kids = new Map<string, string[]>();
  const hasParent = new Set<string>();
  for (const e of graph.edges) {
    kids.set(e.from, [...(kids.get(e.from) ?? []), e.to]);
    hasParent.add(e.to);
  }
  // An inner node's label sits above it at even depths and below it at odd ones: a parent and its
  // only child share a row, and on a phone the levels are closer than two names are long.
  const build = (id: string, depth: number): TreeNode => {
    const n = byId.get(id);
    const children = (kids.get(id) ?? []).map((k) => build(k, depth + 1));
    return {
      name: `${n?.name ?? id}${n && n.downstream > 0 ? `（${n.downstream}）` : ''}`,
      value: n?.downstream ?? 0,
      children,
      ...(n?.role === 'guide' ? { itemStyle: { color: '#07c160' } } : {}),
      ...(children.length > 0 ? { label: { position: depth % 2 === 0 ? 'top' : 'bottom' } } : {}),
    };
  };
  const rootIds = graph.nodes.filter((n) => !hasParent.has(n.openid)).map((n) => n.openid);
  if (rootIds.length === 1) return build(rootIds[0]!, 0);
  return { name: '总部', value: 0, children: rootIds.map((id) => build(id, 1)), label: { position: 'top' } };
}

/** The multi-hop referral graph as a tree; the number beside a name counts members downstream. */
export function GraphScreen() {
  const { params } = useRouter();
  const root = params.root ? decodeURIComponent(params.root) : undefined;
  const [depth, setDepth] = useState(3);
  const graph = useRemote(() => fetchGraph(root, depth), [root, depth]);
  return (
    <View className="page insight">
      <View className="insight-filters">
        {[2, 3, 4, 6].map((d) => (
          <Text key={d} className={`insight-chip ${depth === d ? 'insight-chip--on' : ''}`} onClick={() => setDepth(d)}>
            {d} 层
          </Text>
        ))}
      </View>
      <Remote state={graph} isEmpty={(loaded) => loaded.edges.length === 0} empty={{ message: '还没有推荐关系' }}>
        {(loaded) => (
          <>
            <View className="insight-note" data-testid="graph-summary">
              共 {loaded.nodes.length} 人、{loaded.edges.length} 条推荐关系
              {loaded.truncated ? '（人数过多，仅显示一部分）' : ''}。括号内为其下游会员数。
            </View>
            <View className="card chart-card" data-testid="graph-chart">
              <Echarts
                echarts={chartsApi}
                style={{ height: `${Math.max(360, Math.min(1600, loaded.nodes.length * 26))}px` }}
                option={{
                  tooltip: { trigger: 'item' },
                  series: [
                    {
                      type: 'tree',
                      data: [toTree(loaded)],
                      top: 16,
                      left: 24,
                      bottom: 16,
                      right: 110,
                      symbolSize: 9,
                      initialTreeDepth: -1,
                      // Inner nodes label above or below themselves (toTree): on the left a label would run into the parent's.
                      label: { position: 'top', distance: 4, fontSize: 11 },
                      leaves: { label: { position: 'right', verticalAlign: 'middle', align: 'left' } },
                    },
                  ],
                }}
              />
            </View>
          </>
        )}
      </Remote>
    </View>
  );
}
