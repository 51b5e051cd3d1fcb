/** Steps shared by the purchase-points and tier tests: rules, codes and awards through the functions. */
import type { AwardPurchaseOutput } from '@core/contracts/points';
import type { Reply } from '@core/errors';
import { dataOf, type TestCloud } from '../support/local-cloud';
import { newRequestId, setRules } from './mall-helpers';

export { newRequestId };

/** Purchase points on (1 point per yuan unless said), no caps. */
export async function purchaseRules(cloud: TestCloud, extra: Parameters<typeof setRules>[1] = {}): Promise<void> {
  await setRules(cloud, {
    purchasePerYuan: 1,
    purchaseMinFen: 0,
    purchaseMemberDailyCap: null,
    purchaseGuideDailyCap: null,
    referralFirstPurchase: 0,
    ...extra,
  });
}

export async function codeOf(cloud: TestCloud, member: string): Promise<string> {
  return (await cloud.ok('account', 'memberCode', {}, member)).code;
}

/** A guide awards a purchase of `amountFen` to `member`, with a fresh code and request id. */
export async function award(
  cloud: TestCloud,
  guide: string,
  member: string,
  amountFen: number,
  requestId = newRequestId(),
): Promise<Reply<AwardPurchaseOutput>> {
  const memberCode = await codeOf(cloud, member);
  return cloud.call('points', 'awardPurchase', { memberCode, amountFen, requestId }, guide);
}

export async function awarded(cloud: TestCloud, guide: string, member: string, amountFen: number) {
  return dataOf(await award(cloud, guide, member, amountFen));
}
