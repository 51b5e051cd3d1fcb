import { createHash } from 'node:crypto';
import type { EntryView } from '@core/contracts/points';
import type { EntryDoc } from '@server/ledger';

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
 * An entry id as a member sees it. Entry ids are idempotency keys that embed other people's
 * openids (`ref-join:<friend>`, `adjust:<operator>:<request>`), so a member gets a digest: stable,
 * so a reversal still points at the entry it reverses, and naming nobody.
 */
const memberEntryId = (id: string) =>
  `e_${createHash('sha256').update(`siyu/entry\n${id}`).digest('hex').slice(0, 24)}`;

/** What a member sees of their own entry. */
export function toMemberEntryView(e: EntryDoc): EntryView {
  const view = toEntryView(e);
  return {
    ...view,
    id: memberEntryId(view.id),
    ...(view.reverses !== undefined ? { reverses: memberEntryId(view.reverses) } : {}),
  };
}
