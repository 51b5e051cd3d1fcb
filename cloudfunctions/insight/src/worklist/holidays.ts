/**
 * HQ's holidays (`insight_settings/holidays`): on each listed Beijing day the morning worklist offers
 * the holiday-greetings script to each guide's most valuable customers. A short list HQ edits in the
 * script library screen.
 */
import * as z from 'zod';
import { getDoc } from '@server/db/read';
import type { Database } from '@server/db/types';

export const HOLIDAYS_ID = 'holidays';

const Holiday = z.object({ day: z.string(), name: z.string() });
export type Holiday = z.infer<typeof Holiday>;

export const HolidaysDoc = z.object({
  _id: z.literal(HOLIDAYS_ID),
  holidays: z.array(Holiday),
  updatedAt: z.number(),
  updatedBy: z.string(),
});

export async function loadHolidays(db: Database): Promise<Holiday[]> {
  const doc = await getDoc(db.collection('insight_settings').doc(HOLIDAYS_ID), HolidaysDoc, 'insight_settings');
  return doc?.holidays ?? [];
}

/** The holiday on a Beijing day, if HQ listed one. */
export const holidayOn = (list: readonly Holiday[], day: string): Holiday | undefined =>
  list.find((h) => h.day === day);
