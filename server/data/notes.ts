/**
 * A guide's notes and manual tags on a customer (insight writes them; account's data deletion
 * removes them). Keyed by the customer, not the guide, so they move with the customer.
 */
import * as z from 'zod';

export const NoteDoc = z.object({
  /** not_*. */
  _id: z.string(),
  customer: z.string(),
  /** The guide who wrote it. */
  by: z.string(),
  text: z.string(),
  at: z.number(),
});
export type NoteDoc = z.infer<typeof NoteDoc>;

export const CustomerTagsDoc = z.object({
  /** The customer's openid. */
  _id: z.string(),
  tags: z.array(z.string()),
  updatedAt: z.number(),
  updatedBy: z.string(),
});
export type CustomerTagsDoc = z.infer<typeof CustomerTagsDoc>;

/** `insight_settings` document holding HQ's list of manual tags. */
export const MANUAL_TAGS_ID = 'manual_tags';
export const ManualTagListDoc = z.object({ _id: z.string(), tags: z.array(z.string()), updatedAt: z.number() });
