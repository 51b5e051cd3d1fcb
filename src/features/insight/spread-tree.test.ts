import { spreadNode } from '../../../test/mocks/spread-node';
import { treeRows } from './spread-tree';

const node = (id: string, hop: number, sharedAt: number, parent?: string) =>
  spreadNode({ id, hop, sharedAt, ...(parent ? { parent } : {}) });

describe('spread tree rows', () => {
  it('puts each share under the one it passed on, oldest first, indented by level', () => {
    const rows = treeRows([
      node('c', 2, 30, 'b2'),
      node('b1', 1, 10, 'a'),
      node('a', 0, 1),
      node('b2', 1, 20, 'a'),
      node('z', 0, 5),
    ]);
    expect(rows.map((r) => `${'  '.repeat(r.level)}${r.node.id}`)).toEqual(['a', '  b1', '  b2', '    c', 'z']);
  });

  it("starts a tree at a share whose parent is not shown (a guide's reshare of somebody else's)", () => {
    const rows = treeRows([node('mine', 1, 5, 'theirs'), node('child', 2, 6, 'mine')]);
    expect(rows.map((r) => [r.node.id, r.level])).toEqual([
      ['mine', 0],
      ['child', 1],
    ]);
  });
});
