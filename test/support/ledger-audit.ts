/**
 * The points journal's invariants, read straight from a database: used by the integration tests
 * after each step and by the load and soak runs on the database file they leave.
 */

/** What the audit reads: documents of a collection (a DatabaseEngine has it). */
export interface DocumentReader {
  findDocs(collection: string): Record<string, unknown>[];
}

/**
 * The journal's invariants over the whole database: every account's balance equals the sum of its
 * entries and of its lots, none is negative, seq runs 1..n without gaps, each entry's balanceAfter
 * is the running sum, and no entry lacks an account. Returns the problems found (empty = sound).
 */
export function journalProblems(db: DocumentReader): string[] {
  const problems: string[] = [];
  const accounts = db.findDocs('points_accounts');
  const entries = db.findDocs('points_entries');
  const byOpenid = new Map<string, Record<string, unknown>[]>();
  for (const e of entries) {
    const list = byOpenid.get(String(e.openid)) ?? [];
    list.push(e);
    byOpenid.set(String(e.openid), list);
    if (!Number.isInteger(e.amount))
      problems.push(`entry ${String(e._id)} amount ${String(e.amount)} is not an integer`);
  }
  for (const a of accounts) {
    const id = String(a._id);
    const mine = (byOpenid.get(id) ?? []).sort((x, y) => Number(x.seq) - Number(y.seq));
    byOpenid.delete(id);
    const sum = mine.reduce((s, e) => s + Number(e.amount), 0);
    const lots = (a.lots as { amount: number }[]).reduce((s, l) => s + l.amount, 0);
    if (a.balance !== sum) problems.push(`${id}: balance ${String(a.balance)} != journal sum ${sum}`);
    if (a.balance !== lots) problems.push(`${id}: balance ${String(a.balance)} != lots sum ${lots}`);
    if (Number(a.balance) < 0) problems.push(`${id}: negative balance ${String(a.balance)}`);
    if (a.seq !== mine.length) problems.push(`${id}: seq ${String(a.seq)} but ${mine.length} entries`);
    let running = 0;
    mine.forEach((e, i) => {
      running += Number(e.amount);
      if (e.seq !== i + 1) problems.push(`${id}: entry ${String(e._id)} has seq ${String(e.seq)}, expected ${i + 1}`);
      if (e.balanceAfter !== running)
        problems.push(`${id}: entry ${String(e._id)} balanceAfter ${String(e.balanceAfter)} != ${running}`);
    });
  }
  for (const [openid, list] of byOpenid) problems.push(`${openid}: ${list.length} entries without an account`);
  return problems;
}
