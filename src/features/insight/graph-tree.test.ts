import type { Graph } from './api';
import { toTree } from './graph-screen';

type GraphNode = Graph['nodes'][number];

const node = (openid: string, name: string, downstream: number, role: GraphNode['role'] = 'customer') =>
  ({ openid, name, downstream, role, depth: 0 }) satisfies GraphNode;

describe('toTree', () => {
  it('labels inner nodes above and below by turns, so a parent and its only child do not share a label row', () => {
    // guide → a → b → c: one row, four levels.
    const graph = {
      nodes: [node('g', '林小满', 3, 'guide'), node('a', '优优妈妈', 2), node('b', '小鹿', 1), node('c', '橙子', 0)],
      edges: [
        { from: 'g', to: 'a' },
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
      ],
      truncated: false,
    } as Graph;
    const root = toTree(graph);
    const a = root.children[0]!;
    const b = a.children[0]!;
    const c = b.children[0]!;
    expect([root.name, a.name, b.name, c.name]).toEqual(['林小满（3）', '优优妈妈（2）', '小鹿（1）', '橙子']);
    expect([root.label?.position, a.label?.position, b.label?.position]).toEqual(['top', 'bottom', 'top']);
    // A leaf keeps the series' leaf label (on its right).
    expect(c.label).toBeUndefined();
    expect(root.itemStyle).toEqual({ color: '#07c160' });
  });

  it('hangs several roots under HQ, their labels below it', () => {
    const graph = {
      nodes: [
        node('g1', '周一禾', 1, 'guide'),
        node('g2', '陈若溪', 1, 'guide'),
        node('m1', 'Kiki', 0),
        node('m2', '阿杰', 0),
      ],
      edges: [
        { from: 'g1', to: 'm1' },
        { from: 'g2', to: 'm2' },
      ],
      truncated: false,
    } as Graph;
    const root = toTree(graph);
    expect(root.name).toBe('总部');
    expect(root.label?.position).toBe('top');
    expect(root.children.map((c) => [c.name, c.label?.position])).toEqual([
      ['周一禾（1）', 'bottom'],
      ['陈若溪（1）', 'bottom'],
    ]);
  });
});
