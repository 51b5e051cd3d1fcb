/**
 * account.transferCustomers: when a guide leaves, HQ moves their customers to another guide of the
 * same store. Kept in its own file (the insight work added it); the account contract lists it.
 */
import * as z from 'zod';
import type { ActionSpec } from './define';
import { openid } from './common';

export { MAX_MOVES, TRANSFER_WINDOW_DAYS } from '../limits';

export const TransferCustomersInput = z.strictObject({
  fromGuide: openid,
  toGuide: openid,
  /** HQ's override of the "twice in 90 days" rule. */
  override: z.boolean().default(false),
});
export const TransferCustomersOutput = z.object({
  moved: z.number().int(),
  /** Customers left with the old guide because they already moved MAX_MOVES times recently. */
  skipped: z.array(z.object({ openid: z.string(), name: z.string(), moves: z.number().int() })),
  /** The old guide was deactivated by this call (they lose access at once). */
  deactivated: z.boolean(),
});
export type TransferCustomersOutput = z.infer<typeof TransferCustomersOutput>;

export const transferCustomersSpec = {
  input: TransferCustomersInput,
  output: TransferCustomersOutput,
  roles: ['hq'],
} as const satisfies ActionSpec;
