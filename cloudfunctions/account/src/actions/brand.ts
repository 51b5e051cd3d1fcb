import type { AccountContract } from '@core/contracts/account';
import { AppError } from '@core/errors';
import type { ActionHandler } from '@server/kit';
import { checkNames } from '@server/security/text';
import { tempUrls } from '@server/storage';
import { BRAND_ID, type BrandDoc, loadBrand } from '@server/data/brand';
import { brandView } from '../brand';

export const brand: ActionHandler<AccountContract, 'brand'> = async (_input, ctx) =>
  brandView(ctx.cloud, await loadBrand(ctx.db));

/**
 * HQ names the brand. The whole settings document is written at once (set), so two operators
 * saving together leave one complete version, never a mix; an absent logo or phone keeps the
 * saved one, `null` removes it.
 */
export const saveBrand: ActionHandler<AccountContract, 'saveBrand'> = async (input, ctx) => {
  await checkNames(ctx, [
    { field: 'name', what: '品牌名称', value: input.name },
    { field: 'shortName', what: '品牌简称', value: input.shortName },
    { field: 'pointsName', what: '积分名称', value: input.pointsName },
  ]);
  const saved = await loadBrand(ctx.db);
  const logo = input.logo === undefined ? saved?.logo : (input.logo ?? undefined);
  if (logo !== undefined && logo !== saved?.logo && !(await tempUrls(ctx.cloud, [logo])).get(logo))
    throw new AppError('NOT_FOUND', '标志图片不存在，请重新上传');
  const phone = input.servicePhone === undefined ? saved?.servicePhone : (input.servicePhone ?? undefined);
  const doc: BrandDoc = {
    _id: BRAND_ID,
    name: input.name,
    shortName: input.shortName,
    ...(logo !== undefined ? { logo } : {}),
    themeColor: input.themeColor.toLowerCase(),
    pointsName: input.pointsName,
    ...(phone !== undefined ? { servicePhone: phone } : {}),
    updatedAt: ctx.now(),
    updatedBy: ctx.caller.openid,
  };
  const { _id, ...data } = doc;
  await ctx.db.collection('brand_settings').doc(_id).set({ data });
  return brandView(ctx.cloud, doc);
};
