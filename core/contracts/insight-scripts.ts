/**
 * The script library (话术库): HQ writes scripts by scene with placeholders the worklist fills for
 * each customer; guides may keep their own. Scripts pass the same text checks as posts (the
 * advertising law's absolute words, WeChat's msgSecCheck) before they are saved.
 */
import * as z from 'zod';
import { text } from './common';
import { SCRIPT_PLACEHOLDERS, SCRIPT_SCENES } from './insight-worklist';

export const MAX_SCRIPT_TITLE = 20;
export const MAX_SCRIPT_TEXT = 300;
/** Scripts one owner (HQ, or one guide) may keep. */
export const MAX_SCRIPTS = 100;

export const scriptId = z.string().regex(/^scr_[A-Za-z0-9]{6,40}$/);

export const SaveScriptInput = z.strictObject({
  id: scriptId.optional(),
  scene: z.enum(SCRIPT_SCENES),
  title: text(MAX_SCRIPT_TITLE),
  text: text(MAX_SCRIPT_TEXT),
});
export const SaveScriptOutput = z.object({ id: z.string() });

export const ScriptRow = z.object({
  id: z.string(),
  /** HQ's library, or the calling guide's own. */
  owner: z.enum(['hq', 'mine']),
  scene: z.enum(SCRIPT_SCENES),
  title: z.string(),
  text: z.string(),
  updatedAt: z.number(),
});
export type ScriptRow = z.infer<typeof ScriptRow>;

export const ScriptsOutput = z.object({
  scripts: z.array(ScriptRow),
  placeholders: z.array(z.enum(SCRIPT_PLACEHOLDERS)),
});
export type ScriptsOutput = z.infer<typeof ScriptsOutput>;

export const DeleteScriptInput = z.strictObject({ id: scriptId });
export const DeleteScriptOutput = z.object({ id: z.string() });
