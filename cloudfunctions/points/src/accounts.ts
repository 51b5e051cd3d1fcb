import { getDoc } from '@server/db/read';
import type { Database } from '@server/db/types';
import { AccountDoc, runLedger } from '@server/ledger';

/**
 * A member's account as of `now`: lots past their expiry are settled first (with `expire` entries,
 * in a transaction), so a balance shown never includes expired points even before the timer ran.
 */
export async function currentAccount(db: Database, openid: string, now: number): Promise<AccountDoc | null> {
  const stored = await getDoc(db.collection('points_accounts').doc(openid), AccountDoc, 'points_accounts');
  if (!stored || stored.nextExpiry === null || stored.nextExpiry > now) return stored;
  return runLedger(db, now, async (ledger) => ({ ...(await ledger.account(openid)) }));
}
