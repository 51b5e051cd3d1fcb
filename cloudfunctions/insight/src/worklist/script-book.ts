/**
 * The scripts the worklist fills: HQ's library, one active script per scene (the newest), over the
 * built-in ones; and each guide's own scripts of the item's scene, offered beside it and filled the
 * same way.
 */
import * as z from 'zod';
import { SCRIPT_SCENES } from '@core/contracts/insight-worklist';
import { getAll } from '@server/db/read';
import type { Database } from '@server/db/types';
import type { WorldFacts } from '@server/worklist/facts';
import type { ScriptBook } from '@server/worklist/rank';
import { MAX_SCRIPTS } from '@core/contracts/insight-scripts';

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

export type OwnScripts = NonNullable<WorldFacts['ownScripts']>;

/** Each guide's own scripts by scene, newest first (one query for a batch of guides). */
export async function loadOwnScripts(db: Database, guides: readonly string[]): Promise<Map<string, OwnScripts>> {
  const out = new Map<string, Partial<Record<ScriptDoc['scene'], { title: string; text: string }[]>>>();
  if (guides.length === 0) return out;
  const rows = await getAll(
    db
      .collection('scripts')
      .where({ owner: db.command.in([...guides]) })
      .orderBy('updatedAt', 'desc'),
    ScriptDoc,
    'scripts',
    { max: guides.length * MAX_SCRIPTS },
  );
  for (const r of rows) {
    let book = out.get(r.owner);
    if (!book) out.set(r.owner, (book = {}));
    (book[r.scene] ??= []).push({ title: r.title, text: r.text });
  }
  return out;
}
