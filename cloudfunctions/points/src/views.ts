import type { EntryView } from '@core/contracts/points';
import type { EntryDoc } from '@server/ledger';

/** What a member sees of an entry: the note, or HQ's reason for an adjustment or reversal. */
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
