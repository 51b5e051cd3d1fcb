import type { InsightContract, ScriptRow } from '@core/contracts/insight';
import { MAX_SCRIPTS, SCRIPT_PLACEHOLDERS } from '@core/contracts/insight';
import { AppError } from '@core/errors';
import { getAll, getDoc } from '@server/db/read';
import type { ActionContext, ActionHandler } from '@server/kit';
import { newId } from '@server/ids';
import { checkScript } from '../worklist/script-check';
import { HQ_OWNER, ScriptDoc } from '../worklist/script-book';

/** Whose scripts the caller writes: HQ's library, or a guide's own. */
const ownerOf = (ctx: ActionContext) => (ctx.caller.role === 'hq' ? HQ_OWNER : ctx.caller.openid);

const listOf = (ctx: ActionContext, owner: string) =>
  getAll(ctx.db.collection('scripts').where({ owner }).orderBy('updatedAt', 'desc'), ScriptDoc, 'scripts', {
    max: 1000,
  });

/** The library by scene (newest first), and for a guide their own scripts after it. */
export const scripts: ActionHandler<InsightContract, 'scripts'> = async (_input, ctx) => {
  const own = ctx.caller.role === 'hq' ? [] : await listOf(ctx, ctx.caller.openid);
  const library = await listOf(ctx, HQ_OWNER);
  const row =
    (owner: ScriptRow['owner']) =>
    (d: ScriptDoc): ScriptRow => ({
      id: d._id,
      owner,
      scene: d.scene,
      title: d.title,
      text: d.text,
      updatedAt: d.updatedAt,
    });
  return { scripts: [...library.map(row('hq')), ...own.map(row('mine'))], placeholders: [...SCRIPT_PLACEHOLDERS] };
};

/**
 * Saves a script after the text checks. HQ's newest script of a scene is the one the worklist
 * fills; a guide's own scripts are theirs to copy.
 */
export const saveScript: ActionHandler<InsightContract, 'saveScript'> = async (input, ctx) => {
  const owner = ownerOf(ctx);
  const now = ctx.now();
  const col = ctx.db.collection('scripts');
  if (input.id !== undefined) {
    const existing = await getDoc(col.doc(input.id), ScriptDoc, 'scripts');
    // Another owner's script is answered like a missing one.
    if (!existing || existing.owner !== owner) throw new AppError('NOT_FOUND', '话术不存在');
  } else {
    const { total } = await col.where({ owner }).count();
    if (total >= MAX_SCRIPTS) throw new AppError('RESOURCE_EXHAUSTED', `话术最多保存 ${MAX_SCRIPTS} 条`);
  }
  await checkScript(ctx, input.title, input.text);
  const data = { owner, scene: input.scene, title: input.title, text: input.text, updatedAt: now };
  if (input.id !== undefined) {
    const res = await col.where({ _id: input.id, owner }).update({ data });
    if (res.stats.updated !== 1) throw new AppError('NOT_FOUND', '话术不存在');
    return { id: input.id };
  }
  const id = newId('scr');
  await col.add({ data: { _id: id, ...data, createdAt: now } });
  return { id };
};

export const deleteScript: ActionHandler<InsightContract, 'deleteScript'> = async (input, ctx) => {
  const res = await ctx.db
    .collection('scripts')
    .where({ _id: input.id, owner: ownerOf(ctx) })
    .remove();
  if (res.stats.removed !== 1) throw new AppError('NOT_FOUND', '话术不存在');
  return { id: input.id };
};
