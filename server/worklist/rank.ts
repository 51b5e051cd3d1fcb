/**
 * Today's list for one guide: each customer's most valuable open reason, ranked by value, at most
 * WORKLIST_CAP, with the scene's script filled for the customer. Pure: the same facts give the same
 * list, which the tests check on a built world.
 */
import { WORKLIST_CAP, type ReasonKind, type ScriptScene } from '@core/contracts/insight-worklist';
import { endOfDay } from '../ledger/calendar';
import type { CustomerFacts, WorldFacts } from './facts';
import { reasonsFor } from './reasons';
import { DEFAULT_SCRIPTS, fillScript } from './scripts';

export interface PlannedItem {
  openid: string;
  name: string;
  kind: ReasonKind;
  key: string;
  value: number;
  reason: string;
  goal: string;
  scene: ScriptScene;
  tag?: string;
  script: string;
  expiresAt: number;
}

/** Script templates by scene: HQ's library where it has one, the built-in ones otherwise. */
export type ScriptBook = Partial<Record<ScriptScene, string>>;

export function planWorklist(
  customers: readonly CustomerFacts[],
  world: WorldFacts,
  book: ScriptBook = {},
  cap = WORKLIST_CAP,
): PlannedItem[] {
  const dayEnds = endOfDay(world.now);
  const items: PlannedItem[] = [];
  const seen = new Set<string>();
  for (const c of customers) {
    // One item per customer, even if the facts name someone twice.
    if (seen.has(c.openid)) continue;
    seen.add(c.openid);
    const top = reasonsFor(c, world)[0];
    if (!top) continue;
    const template = book[top.scene] ?? DEFAULT_SCRIPTS[top.scene];
    items.push({
      openid: c.openid,
      name: c.name,
      kind: top.kind,
      key: top.key,
      value: top.value,
      reason: top.text,
      goal: top.goal,
      scene: top.scene,
      ...(top.tag ? { tag: top.tag } : {}),
      script: fillScript(template, { 称呼: c.name, 导购: world.guideName, ...top.values }),
      expiresAt: Math.min(dayEnds, top.until ?? dayEnds),
    });
  }
  items.sort((a, b) => b.value - a.value || a.openid.localeCompare(b.openid));
  return items.slice(0, cap);
}
