import type { AccountContract } from '@core/contracts/account';
import type { ContentContract } from '@core/contracts/content';

/**
 * Function name → contract type. Types only: the zod validators stay on the server and out of the
 * mini-program bundle. Each domain adds its contract here as it lands.
 */
export interface Contracts {
  account: AccountContract;
  content: ContentContract;
}
