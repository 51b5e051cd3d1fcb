/**
 * The store a report is narrowed to. HQ may name any existing store or none (the whole brand); a
 * guide always reads their own store: naming another is refused, never answered with another
 * store's figures or an empty report that would hide the refusal.
 */
import { AppError } from '@core/errors';
import { loadStore } from '@server/data/stores';
import type { ActionContext } from '@server/kit';

export async function storeScope(ctx: ActionContext, storeId: string | undefined): Promise<string | undefined> {
  if (ctx.caller.role !== 'hq') {
    const own = ctx.caller.user?.role === 'guide' ? ctx.caller.user.storeId : undefined;
    if (!own) throw new AppError('PERMISSION_DENIED', '只能查看本门店的数据');
    if (storeId !== undefined && storeId !== own) throw new AppError('PERMISSION_DENIED', '只能查看本门店的数据');
    return own;
  }
  if (storeId === undefined) return undefined;
  if (!(await loadStore(ctx.db, storeId))) throw new AppError('NOT_FOUND', '门店不存在');
  return storeId;
}

/**
 * Row ids a caller may see: HQ gets openids; anyone else their own openid and row keys for the
 * others, so a guide's screen can key its rows without learning colleagues' openids.
 */
export function rowKeys<T extends { id: string }>(ctx: ActionContext, rows: T[]): T[] {
  if (ctx.caller.role === 'hq') return rows;
  return rows.map((r, i) => (r.id === ctx.caller.openid ? r : { ...r, id: `row${i + 1}` }));
}
