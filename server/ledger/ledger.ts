/**
 * Posting to the points journal inside one database transaction.
 *
 * A LedgerTx collects what a transaction reads and will write: accounts are read once (by id),
 * their expired lots are settled with `expire` entries first, postings update balance, lots and
 * seq in memory, and `commit()` writes every touched account with `set` and every new entry with
 * `add` (the entry's `_id` is its idempotency key, so a replayed event fails to insert). Every
 * operation is a single-document one, as CloudBase transactions require, and the caller's
 * transaction either applies all of it or none.
 *
 * Invariants held here: balance = sum(lots) = sum(entries); balance never below 0; amounts are
 * integers; nothing is ever edited after it is written (corrections are `reverse` entries).
 */
import { DEFAULT_POINTS_RULES, REVERSIBLE_KINDS, type EntryKind, type PointsRules } from '@core/contracts/points';
import { AppError } from '@core/errors';
import { getDoc } from '../db/read';
import type { DocumentRef, Transaction } from '../db/types';
import { grantWithinCaps } from './caps';
import { endOfDayKey, expiryFor } from './calendar';
import { AccountDoc, EntryDoc, RULES_DOC_ID, RulesDoc } from './documents';
import { entryKeys } from './keys';
import { InsufficientPointsError, NEVER, addToLots, nextExpiry, splitExpired, takeFromLots } from './lots';

export interface Posting {
  /** The idempotency key (becomes the entry's `_id`); build it with entryKeys. */
  key: string;
  kind: EntryKind;
  /** Magnitude: a positive integer (0 only for a reward cut to nothing by a cap). */
  amount: number;
  note?: string;
  reason?: string;
  by?: string;
  ref?: string;
  reverses?: string;
}

interface AccountState {
  doc: AccountDoc;
  dirty: boolean;
}

function rulesFrom(doc: RulesDoc | null): PointsRules {
  if (!doc) return { ...DEFAULT_POINTS_RULES };
  const { _id: _ignored, updatedBy: _by, ...rules } = doc;
  return rules;
}

export async function readRules(ref: DocumentRef): Promise<PointsRules> {
  return rulesFrom(await getDoc(ref, RulesDoc, 'points_rules'));
}

export class LedgerTx {
  private readonly accounts = new Map<string, AccountState>();
  private readonly pending: EntryDoc[] = [];
  private rulesValue: PointsRules | undefined;
  private committed = false;

  constructor(
    private readonly t: Transaction,
    readonly now: number,
  ) {}

  async rules(): Promise<PointsRules> {
    this.rulesValue ??= await readRules(this.t.collection('points_rules').doc(RULES_DOC_ID));
    return this.rulesValue;
  }

  /** A journal entry by key: one posted earlier in this transaction, or a stored one, or null. */
  async entry(key: string): Promise<EntryDoc | null> {
    const mine = this.pending.find((e) => e._id === key);
    if (mine) return mine;
    return getDoc(this.t.collection('points_entries').doc(key), EntryDoc, 'points_entries');
  }

  /** The member's account with expired lots settled (a member without one has balance 0). */
  async account(openid: string): Promise<Readonly<AccountDoc>> {
    return (await this.state(openid)).doc;
  }

  async balance(openid: string): Promise<number> {
    return (await this.state(openid)).doc.balance;
  }

  /** Adds points (no caps): welcome bonus, HQ adjustment, reversal of a debit. */
  async credit(openid: string, p: Posting): Promise<EntryDoc> {
    if (!Number.isInteger(p.amount) || p.amount <= 0)
      throw new RangeError(`credit must be a positive integer: ${p.amount}`);
    const state = await this.state(openid);
    const expiry = expiryFor(this.now, (await this.rules()).expiryDays);
    state.doc.lots = addToLots(state.doc.lots, p.amount, expiry);
    return this.post(state, p, p.amount, { lotKey: expiry?.key ?? NEVER });
  }

  /**
   * A referral reward: cut to what the daily and monthly caps leave. A reward cut to 0 is still
   * journaled (amount 0, capped) so the same event cannot pay later and the member sees why.
   */
  async reward(openid: string, p: Posting): Promise<EntryDoc> {
    const state = await this.state(openid);
    const grant = grantWithinCaps(state.doc.earned, await this.rules(), p.amount, this.now);
    state.doc.earned = grant.earned;
    if (grant.granted === 0) return this.post(state, p, 0, { capped: true });
    const expiry = expiryFor(this.now, (await this.rules()).expiryDays);
    state.doc.lots = addToLots(state.doc.lots, grant.granted, expiry);
    return this.post(state, p, grant.granted, {
      lotKey: expiry?.key ?? NEVER,
      ...(grant.capped ? { capped: true } : {}),
    });
  }

  /** Takes points, oldest first. Throws FAILED_PRECONDITION 积分不足 when the balance is short. */
  async debit(openid: string, p: Posting, preferLot?: string): Promise<EntryDoc> {
    if (!Number.isInteger(p.amount) || p.amount <= 0)
      throw new RangeError(`debit must be a positive integer: ${p.amount}`);
    const state = await this.state(openid);
    try {
      state.doc.lots = takeFromLots(state.doc.lots, p.amount, preferLot).lots;
    } catch (e) {
      if (e instanceof InsufficientPointsError) {
        throw new AppError('FAILED_PRECONDITION', `积分不足：需要 ${p.amount}，当前 ${e.available}`, {
          reason: 'insufficient_points',
          balance: e.available,
          needed: p.amount,
        });
      }
      throw e;
    }
    return this.post(state, p, -p.amount, {});
  }

  /**
   * Cancels an entry with its mirror image. Only credits HQ or the rules gave (and HQ's own
   * debits) can be reversed, unless the caller names other kinds (a purchase, by its award); a credit whose lot has already expired left through expiry already.
   */
  async reverse(
    entryId: string,
    meta: { reason: string; by: string },
    kinds: readonly EntryKind[] = REVERSIBLE_KINDS,
  ): Promise<EntryDoc> {
    const original = await this.entry(entryId);
    if (!original) throw new AppError('NOT_FOUND', '找不到这条积分流水');
    if (!kinds.includes(original.kind)) throw new AppError('FAILED_PRECONDITION', '这类流水不能冲正');
    const key = entryKeys.reverse(entryId);
    if (await this.entry(key)) throw new AppError('ALREADY_EXISTS', '这条流水已经冲正过了');
    if (original.amount === 0) throw new AppError('FAILED_PRECONDITION', '这条流水为 0 分，无需冲正');
    const posting: Posting = {
      key,
      kind: 'reverse',
      amount: Math.abs(original.amount),
      reason: meta.reason,
      by: meta.by,
      reverses: entryId,
    };
    if (original.amount < 0) return this.credit(original.openid, posting);
    if (original.lotKey && original.lotKey !== NEVER && endOfDayKey(original.lotKey) <= this.now) {
      throw new AppError('FAILED_PRECONDITION', '这笔积分已过期清零，无需冲正');
    }
    try {
      return await this.debit(original.openid, posting, original.lotKey);
    } catch (e) {
      if (e instanceof AppError && e.details?.reason === 'insufficient_points') {
        throw new AppError('FAILED_PRECONDITION', '会员当前积分不足以冲正（积分可能已被使用）', e.details);
      }
      throw e;
    }
  }

  /**
   * Closes a member's account when they delete their data: expired lots are settled first, then
   * one `forfeit` entry takes what is left, so balance = sum(lots) = sum(entries) = 0 and nothing
   * earlier is touched. The account is written even when nothing is left: a redemption racing
   * the deletion writes the same document, so one of the two transactions loses and reruns.
   */
  async close(openid: string, key: string): Promise<{ forfeited: number; entry: EntryDoc | null }> {
    const state = await this.state(openid);
    state.dirty = true;
    const forfeited = state.doc.balance;
    if (forfeited === 0) return { forfeited, entry: null };
    state.doc.lots = [];
    const entry = this.post(
      state,
      { key, kind: 'forfeit', amount: forfeited, note: '注销会员数据，积分清零' },
      -forfeited,
      {},
    );
    return { forfeited, entry };
  }

  /** Writes every touched account and every new entry through the transaction. Call once. */
  async commit(): Promise<void> {
    if (this.committed) throw new Error('LedgerTx committed twice');
    this.committed = true;
    for (const [openid, state] of this.accounts) {
      if (!state.dirty) continue;
      const { _id: _ignored, ...data } = state.doc;
      await this.t
        .collection('points_accounts')
        .doc(openid)
        .set({ data: { ...data, updatedAt: this.now } });
    }
    for (const entry of this.pending) {
      await this.t.collection('points_entries').add({ data: { ...entry } });
    }
  }

  private async state(openid: string): Promise<AccountState> {
    const known = this.accounts.get(openid);
    if (known) return known;
    const stored = await getDoc(this.t.collection('points_accounts').doc(openid), AccountDoc, 'points_accounts');
    const doc: AccountDoc = stored ?? {
      _id: openid,
      balance: 0,
      seq: 0,
      lots: [],
      nextExpiry: null,
      createdAt: this.now,
      updatedAt: this.now,
    };
    const state: AccountState = { doc, dirty: false };
    this.accounts.set(openid, state);
    const { live, expired } = splitExpired(doc.lots, this.now);
    if (expired.length > 0) {
      doc.lots = live;
      for (const lot of expired) {
        this.post(
          state,
          {
            key: entryKeys.expire(openid, doc.createdAt, lot.key),
            kind: 'expire',
            amount: lot.amount,
            note: lot.key,
          },
          -lot.amount,
          {},
        );
      }
    }
    return state;
  }

  private post(state: AccountState, p: Posting, signed: number, extra: Pick<EntryDoc, 'lotKey' | 'capped'>): EntryDoc {
    const doc = state.doc;
    const balance = doc.balance + signed;
    if (balance < 0) throw new Error(`ledger bug: balance of ${doc._id} would be ${balance}`);
    doc.balance = balance;
    doc.seq += 1;
    doc.nextExpiry = nextExpiry(doc.lots);
    state.dirty = true;
    const entry: EntryDoc = {
      _id: p.key,
      openid: doc._id,
      kind: p.kind,
      amount: signed,
      seq: doc.seq,
      balanceAfter: balance,
      createdAt: this.now,
      ...extra,
      ...(p.note !== undefined ? { note: p.note } : {}),
      ...(p.reason !== undefined ? { reason: p.reason } : {}),
      ...(p.by !== undefined ? { by: p.by } : {}),
      ...(p.ref !== undefined ? { ref: p.ref } : {}),
      ...(p.reverses !== undefined ? { reverses: p.reverses } : {}),
    };
    if (this.pending.some((e) => e._id === entry._id)) throw new AppError('ALREADY_EXISTS', '这笔积分已经记过了');
    this.pending.push(entry);
    return entry;
  }
}
