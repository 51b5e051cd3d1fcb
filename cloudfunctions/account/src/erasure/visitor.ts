/**
 * What a visitor (never a member, or no longer one) can clear: the reading records kept under their
 * openid after they agreed on the reader page (docs/privacy.md), their interest tags, that
 * agreement itself, and their per-minute call counters. Before agreeing nothing is kept under the
 * openid (a visit carries only a per-share keyed reader key), so there is nothing else to clear.
 */
import { STEPS, type SweepIo } from './steps';

/** The sweep steps that can hold a visitor's data. */
const VISITOR_STEPS = new Set(['visits-read', 'interests', 'reader-consent', 'rate-counters']);

/** Runs until nothing of theirs is left; a visitor's records are few, so this stays short. */
export async function clearVisitorData(io: SweepIo, openid: string): Promise<void> {
  // Nothing of theirs is moved to a node: the subject has none.
  const subject = { openid, anon: '', now: 0 };
  for (const step of STEPS.filter((s) => VISITOR_STEPS.has(s.name))) {
    for (let i = 0; i < 100 && (await step.batch(io, subject)); i++);
  }
}
