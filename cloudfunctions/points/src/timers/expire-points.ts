import { parseDoc } from '@server/db/read';
import type { TimerHandler } from '@server/kit';
import { AccountDoc, runLedger } from '@server/ledger';

/** Leave headroom under the function timeout; the next firing continues where this one stopped. */
const BUDGET_MS = 15_000;
const PAGE = 100;

/**
 * Daily: settles every account whose oldest lot has expired, one transaction per account (the
 * same settlement a balance read does), so expired points leave with an `expire` entry each.
 */
export const expirePoints: TimerHandler = async (ctx) => {
  const started = Date.now();
  const now = ctx.now();
  let settled = 0;
  for (;;) {
    const { data } = await ctx.db
      .collection('points_accounts')
      .where({ nextExpiry: ctx._.lte(now) })
      .orderBy('nextExpiry', 'asc')
      .limit(PAGE)
      .get();
    for (const raw of data) {
      const openid = parseDoc(AccountDoc, raw, 'points_accounts')._id;
      await runLedger(ctx.db, now, async (ledger) => {
        await ledger.account(openid);
      });
      settled += 1;
    }
    if (data.length < PAGE || Date.now() - started > BUDGET_MS) break;
  }
  ctx.log.info('expirePoints', { settled });
  return { settled };
};
