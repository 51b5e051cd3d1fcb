import type { EntryView } from '@core/contracts/points';
import type { EntryDoc } from '@server/ledger';
import { keyedHex } from '@server/privacy/keys';

/** What HQ sees of an entry: the note, or HQ's reason for an adjustment or reversal, by its real id. */
export function toEntryView(e: EntryDoc): EntryView {
  const note = e.note ?? e.reason;
  return {
    id: e._id,
    kind: e.kind,
    amount: e.amount,
    balanceAfter: e.balanceAfter,
    seq: e.seq,
    createdAt: e.createdAt,
    ...(e.capped ? { capped: true } : {}),
    ...(note !== undefined ? { note } : {}),
    ...(e.reverses !== undefined ? { reverses: e.reverses } : {}),
  };
}

/**
 * An entry id as a member sees it. Entry ids are idempotency keys that name other people (by keyed
 * hash now; older ones by openid: `ref-join:<friend>`, `adjust:<operator>:<request>`), so a member
 * gets a keyed digest: stable, so a reversal still points at the entry it reverses, and one that
 * cannot be recomputed from a candidate openid.
 */
const memberEntryId = (id: string) => `e_${keyedHex('entry', [id])}`;

/** What a member sees of their own entry. */
export function toMemberEntryView(e: EntryDoc): EntryView {
  const view = toEntryView(e);
  return {
    ...view,
    id: memberEntryId(view.id),
    ...(view.reverses !== undefined ? { reverses: memberEntryId(view.reverses) } : {}),
  };
}
