/**
 * `invites`: one-time guide invitations (account creates and redeems them; insight draws the
 * mini-program code HQ shows for one, since insight holds the wxacode permission).
 */
import * as z from 'zod';
import { getDoc } from '../db/read';
import type { Database } from '../db/types';

/** `_id` = the invite code. */
export const InviteDoc = z.object({
  _id: z.string(),
  storeId: z.string(),
  role: z.literal('guide'),
  expiresAt: z.number(),
  createdAt: z.number(),
  createdBy: z.string(),
  usedBy: z.string().optional(),
  usedAt: z.number().optional(),
});
export type InviteDoc = z.infer<typeof InviteDoc>;

export function loadInvite(db: Database, code: string): Promise<InviteDoc | null> {
  return getDoc(db.collection('invites').doc(code), InviteDoc, 'invites');
}
