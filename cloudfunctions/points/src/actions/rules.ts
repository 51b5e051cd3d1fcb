import type { PointsContract } from '@core/contracts/points';
import type { ActionHandler } from '@server/kit';
import { RULES_DOC_ID, readRules } from '@server/ledger';

export const rules: ActionHandler<PointsContract, 'rules'> = (_input, ctx) =>
  readRules(ctx.db.collection('points_rules').doc(RULES_DOC_ID));
