/** The points function: balance and history for members, rules and corrections for HQ, purchase points and tiers. */
import { pointsContract } from '@core/contracts/points';
import { defineFunction } from '@server/kit';
import { adjust } from './actions/adjust';
import { awardPurchase } from './actions/award-purchase';
import { awardsByGuide } from './actions/awards-by-guide';
import { balance } from './actions/balance';
import { history } from './actions/history';
import { journal } from './actions/journal';
import { listAwards } from './actions/list-awards';
import { myAwards } from './actions/my-awards';
import { reverse } from './actions/reverse';
import { reverseAward } from './actions/reverse-award';
import { rules } from './actions/rules';
import { setRules } from './actions/set-rules';
import { myTier, setTiers, tiers } from './actions/tiers';
import { computeTiers } from './timers/compute-tiers';
import { expirePoints } from './timers/expire-points';
import { sweepMemberCodes } from './timers/sweep-member-codes';

export const main = defineFunction(
  pointsContract,
  {
    balance,
    history,
    rules,
    setRules,
    adjust,
    reverse,
    journal,
    awardPurchase,
    myAwards,
    awardsByGuide,
    listAwards,
    reverseAward,
    tiers,
    setTiers,
    myTier,
  },
  { timers: { expirePoints, computeTiers, sweepMemberCodes } },
);
