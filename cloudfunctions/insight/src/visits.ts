/**
 * How opens of a share are stored so that counts cannot be pumped. Every limit lives in the
 * database (keyed documents and conditional updates), never in a function instance's memory:
 * - a signed-in reader's first open of a token on a Beijing day is the one counted visit; its id is
 *   keyed from (token, reader, day), so opening again that day finds it instead of adding one.
 *   A reopen after REOPEN_WINDOW_MS gets an uncounted visit of its own (one per half hour, also
 *   keyed), which keeps that session's reading time. The reader's openid is stored only when they
 *   agreed to be recorded; otherwise the visit carries the per-share reader key alone;
 * - anonymous opens (Moments' single-page mode, or no openid) are counted up to
 *   ANON_OPENS_PER_TOKEN_DAY per token per day; beyond that nothing is stored;
 * - the sharer's own opens are never stored;
 * - recordVisit and endVisit take a slot of a per-minute counter per caller (per token, or per
 *   visit, for anonymous callers), and answer RESOURCE_EXHAUSTED when it is full.
 */
import { AppError } from '@core/errors';
import { callerRateId, VisitDoc } from '@server/data/visits';
import { isDuplicateKeyError } from '@server/db/errors';
import { getDoc } from '@server/db/read';
import { takeSlot, windowOf } from '@server/db/rate-limit';
import type { Database } from '@server/db/types';
import { newId } from '@server/ids';
import { readerKey, readerVisitId } from '@server/privacy/keys';
import { dayKey } from '@server/ledger/calendar';
import { BEIJING_OFFSET_MS, DAY_MS } from './days';

/** Re-opening the same share within this window is the same visit (a reload, a back-and-forth). */
export const REOPEN_WINDOW_MS = 30 * 60 * 1000;
/** Anonymous opens counted per share token per Beijing day; more are not stored. */
export const ANON_OPENS_PER_TOKEN_DAY = 50;
/** recordVisit and endVisit calls per signed-in caller per minute (each action has its own counter). */
export const VISIT_CALLS_PER_MINUTE = 60;
/** Anonymous recordVisit calls per share token per minute (every anonymous reader of it together). */
export const ANON_OPENS_PER_TOKEN_MINUTE = 120;
/** Anonymous endVisit calls per visit per minute (the page's heartbeat needs a few). */
export const ANON_REPORTS_PER_VISIT_MINUTE = 30;

const MINUTE_MS = 60_000;
export const TOO_OFTEN = '操作太频繁，请稍后再试';

/** Takes a slot of a per-minute counter; a full one refuses the call. */
export async function limitPerMinute(db: Database, id: string, limit: number, now: number): Promise<void> {
  if (!(await takeSlot(db, id, windowOf(now, MINUTE_MS), limit))) throw new AppError('RESOURCE_EXHAUSTED', TOO_OFTEN);
}

/** The per-minute counter of recordVisit for this caller. */
export function openLimit(openid: string, token: string, anonymous: boolean): { id: string; limit: number } {
  return anonymous
    ? { id: `visit-open:t:${token}`, limit: ANON_OPENS_PER_TOKEN_MINUTE }
    : { id: callerRateId('visit-open', openid), limit: VISIT_CALLS_PER_MINUTE };
}

/** The per-minute counter of endVisit for this caller. */
export function timeLimit(openid: string, visitId: string, anonymous: boolean): { id: string; limit: number } {
  return anonymous
    ? { id: `visit-time:v:${visitId}`, limit: ANON_REPORTS_PER_VISIT_MINUTE }
    : { id: callerRateId('visit-time', openid), limit: VISIT_CALLS_PER_MINUTE };
}

/** The Beijing day number of `now`, a window for the daily bound. */
const beijingDay = (now: number) => Math.floor((now + BEIJING_OFFSET_MS) / DAY_MS);

export type NewVisit = Omit<VisitDoc, '_id' | 'counted' | 'viewer' | 'reader' | 'anonymous'>;

/** A signed-in reader: whether their openid may be kept with the visit (mayRecordReader). */
export interface Reader {
  openid: string;
  recorded: boolean;
}

/** Inserts `doc` under its keyed id, or answers the visit already stored there. */
async function insertOrFind(db: Database, doc: VisitDoc): Promise<VisitDoc> {
  const visits = db.collection('visits');
  try {
    await visits.add({ data: doc });
    return doc;
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e;
    const found = await getDoc(visits.doc(doc._id), VisitDoc, 'visits');
    if (!found) throw new Error(`visit ${doc._id} collided on insert but cannot be read`);
    return found;
  }
}

/**
 * A signed-in reader's open: the day's counted visit, or the half hour's uncounted one. A visit
 * stored before the reader agreed stays without their openid (agreeing records what comes after).
 */
export async function openSignedIn(db: Database, visit: NewVisit, reader: Reader): Promise<string> {
  const day = dayKey(visit.openedAt);
  const who = {
    ...(reader.recorded ? { viewer: reader.openid } : {}),
    reader: readerKey(visit.token, reader.openid),
    anonymous: false,
  };
  const dayId = readerVisitId(visit.token, reader.openid, day);
  const stored = await getDoc(db.collection('visits').doc(dayId), VisitDoc, 'visits');
  const first = stored ?? (await insertOrFind(db, { ...visit, ...who, _id: dayId, counted: true }));
  if (first.openedAt >= visit.openedAt - REOPEN_WINDOW_MS) return first._id;
  const slot = String(windowOf(visit.openedAt, REOPEN_WINDOW_MS));
  const again: VisitDoc = {
    ...visit,
    ...who,
    _id: readerVisitId(visit.token, reader.openid, day, slot),
    counted: false,
  };
  return (await insertOrFind(db, again))._id;
}

/** An anonymous open: stored and counted within the token's daily bound, else not stored at all. */
export async function openAnonymous(db: Database, visit: NewVisit): Promise<string | undefined> {
  const allowed = await takeSlot(db, `anon-day:${visit.token}`, beijingDay(visit.openedAt), ANON_OPENS_PER_TOKEN_DAY);
  if (!allowed) return undefined;
  const doc: VisitDoc = { ...visit, _id: newId('vst', 24), anonymous: true, counted: true };
  await db.collection('visits').add({ data: doc });
  return doc._id;
}
