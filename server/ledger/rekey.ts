/**
 * Moves a journal entry written under a legacy id (legacy-keys.ts) to the id today's scheme gives
 * it, together with its reversal, in one transaction: the old documents are removed and the new
 * written, so the journal never holds both or neither, and amounts, sequence numbers and balances
 * stay as they were. A twin run finds the old id gone and changes nothing.
 */
import { getDoc } from '../db/read';
import { runTransaction } from '../db/transaction';
import type { Database } from '../db/types';
import { keyedHex } from '../privacy/keys';
import { AccountDoc, EntryDoc } from './documents';
import { entryKeys } from './keys';
import { legacyEntryKey, rekeyedRef } from './legacy-keys';

const REVERSE = entryKeys.reverse('');

/** Answers whether anything moved. `id` may be the entry's or its reversal's. */
export async function rekeyLegacyEntry(db: Database, id: string): Promise<boolean> {
  const base = id.startsWith(REVERSE) ? id.slice(REVERSE.length) : id;
  return runTransaction(db, async (t) => {
    const col = t.collection('points_entries');
    const read = (key: string) => getDoc(col.doc(key), EntryDoc, 'points_entries');
    const original = await read(base);
    const reversal = await read(entryKeys.reverse(base));
    const account = original?.openid ?? reversal?.openid;
    if (account === undefined) return false;
    // Only an expiry's id includes its account's creation time.
    const createdAt = base.startsWith('expire:')
      ? ((await getDoc(t.collection('points_accounts').doc(account), AccountDoc, 'points_accounts'))?.createdAt ?? 0)
      : 0;
    const mapped = legacyEntryKey(base, createdAt);
    if (mapped === null) return false;
    let target = mapped.id;
    // The same event journaled again under today's id (a member whose deletion predates tombstones
    // joined again as new): both stay, apart, and neither spells the openid.
    if (original && (await read(target))) target = `${target}~${keyedHex('legacy-entry', [base], 12)}`;
    const move = async (from: EntryDoc, to: string, reverses?: string) => {
      const { _id, ref, reverses: _old, ...rest } = from;
      const newRef = rekeyedRef(ref, mapped.openid);
      await col.doc(_id).remove();
      await col.doc(to).set({
        data: {
          ...rest,
          ...(newRef !== undefined ? { ref: newRef } : {}),
          ...(reverses !== undefined ? { reverses } : {}),
        },
      });
    };
    if (original) await move(original, target);
    if (reversal) await move(reversal, entryKeys.reverse(target), target);
    return true;
  });
}
