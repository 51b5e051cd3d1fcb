import type { SpreadNode } from '@core/contracts/insight-spread';

/** A share in a post's spread tree with nothing counted yet; tests set what they look at. */
export function spreadNode(over: Partial<SpreadNode> & Pick<SpreadNode, 'id' | 'hop' | 'sharedAt'>): SpreadNode {
  return {
    sharerName: over.id,
    sharerRole: 'customer',
    opens: 0,
    viewers: 0,
    anonymousOpens: 0,
    reshares: 0,
    joins: 0,
    readSeconds: 0,
    ...over,
  };
}
