/**
 * The scripts the worklist fills: HQ's library, one active script per scene (the newest), over the
 * built-in ones. Guides' own scripts are theirs to pick on the page, never filled in automatically.
 */
import * as z from 'zod';
import { SCRIPT_SCENES } from '@core/contracts/insight-worklist';
import { getAll } from '@server/db/read';
import type { Database } from '@server/db/types';
import type { ScriptBook } from '@server/worklist/rank';

/** Who owns an HQ script in `scripts` (a guide's own scripts carry their openid). */
export const HQ_OWNER = 'hq';

export const ScriptDoc = z.object({
  _id: z.string(),
  owner: z.string(),
  scene: z.enum(SCRIPT_SCENES),
  title: z.string(),
  text: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type ScriptDoc = z.infer<typeof ScriptDoc>;

export async function loadScriptBook(db: Database, _guideOpenid?: string): Promise<ScriptBook> {
  const rows = await getAll(
    db.collection('scripts').where({ owner: HQ_OWNER }).orderBy('updatedAt', 'asc'),
    ScriptDoc,
    'scripts',
    { max: 1000 },
  );
  const book: ScriptBook = {};
  // Ascending, so the newest script of a scene is the one kept.
  for (const r of rows) book[r.scene] = r.text;
  return book;
}
