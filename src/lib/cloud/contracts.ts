import type { AccountContract } from '@core/contracts/account';
import type { ContentContract } from '@core/contracts/content';
import type { InsightContract } from '@core/contracts/insight';
import type { MallContract } from '@core/contracts/mall';
import type { PointsContract } from '@core/contracts/points';

/**
 * Function name → contract type. Types only: the zod validators stay on the server and out of the
 * mini-program bundle.
 */
export interface Contracts {
  account: AccountContract;
  content: ContentContract;
  points: PointsContract;
  mall: MallContract;
  insight: InsightContract;
}
