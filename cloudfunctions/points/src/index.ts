/** The points function: balance and history for members, rules and corrections for HQ. */
import { pointsContract } from '@core/contracts/points';
import { defineFunction } from '@server/kit';
import { adjust } from './actions/adjust';
import { balance } from './actions/balance';
import { history } from './actions/history';
import { journal } from './actions/journal';
import { reverse } from './actions/reverse';
import { rules } from './actions/rules';
import { setRules } from './actions/set-rules';
import { expirePoints } from './timers/expire-points';

export const main = defineFunction(
  pointsContract,
  { balance, history, rules, setRules, adjust, reverse, journal },
  { timers: { expirePoints } },
);
