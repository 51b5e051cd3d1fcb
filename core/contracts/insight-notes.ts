/**
 * What a guide learns about a customer: notes with their time, and manual tags (from HQ's list or
 * the guide's own) shown beside the automatic reading tags and usable as filters. Both belong to
 * the customer, so they move with them when HQ hands a departed guide's customers over, and go
 * with the member's data when it is deleted.
 */
import * as z from 'zod';
import { openid, tag, text } from './common';

export const MAX_NOTE = 500;
export const MAX_NOTES_SHOWN = 100;
export const MAX_MANUAL_TAGS = 10;
export const MAX_TAG_LIST = 50;

export const AddNoteInput = z.strictObject({ openid, text: text(MAX_NOTE) });
export const AddNoteOutput = z.object({ id: z.string(), at: z.number() });

export const CustomerNote = z.object({ id: z.string(), text: z.string(), at: z.number(), by: z.string() });
export type CustomerNote = z.infer<typeof CustomerNote>;

export const CustomerNotesOutput = z.object({
  notes: z.array(CustomerNote),
  /** The customer's manual tags. */
  tags: z.array(z.string()),
  /** HQ's list to pick from. */
  suggested: z.array(z.string()),
});
export type CustomerNotesOutput = z.infer<typeof CustomerNotesOutput>;

export const SetCustomerTagsInput = z
  .strictObject({ openid, tags: z.array(tag).max(MAX_MANUAL_TAGS) })
  .refine((v) => new Set(v.tags).size === v.tags.length, { message: '标签不能重复', path: ['tags'] });
export const SetCustomerTagsOutput = z.object({ tags: z.array(z.string()) });

export const TagListInput = z
  .strictObject({ tags: z.array(tag).max(MAX_TAG_LIST) })
  .refine((v) => new Set(v.tags).size === v.tags.length, { message: '标签不能重复', path: ['tags'] });
export const TagListOutput = z.object({ tags: z.array(z.string()) });
