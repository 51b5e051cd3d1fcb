export { LedgerTx, readRules, type Posting } from './ledger';
export { RetryAttempt, ledgerAttempt, retryLostRaces, runLedger, type RetryOptions } from './transaction';
export { recorded, rewardMemberJoined, rewardFirstRedeem, type MemberJoined, type JoinRewards } from './rewards';
export { entryKeys, legacyEntryKeys } from './keys';
export { AccountDoc, EntryDoc, RulesDoc, RULES_DOC_ID } from './documents';
export { dayKey, monthKey, endOfDay, expiryFor, parseDayRange } from './calendar';
export { sumLots, type Lot } from './lots';
export { legacyEntryKey, legacyIdsNaming, LEGACY_ID_FORMS } from './legacy-keys';
export { rekeyLegacyEntry } from './rekey';
