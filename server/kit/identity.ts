import type { ServerEnv } from '../env';
import type { Caller, Runtime } from './types';

export interface ResolvedCaller {
  caller: Caller;
  /** A guide who has left: seen as a visitor where allowed, refused elsewhere. */
  inactive: boolean;
}

/**
 * Decides the caller's role. HQ comes from configuration (SIYU_HQ_OPENIDS), so the first operator
 * exists before any document does; everyone else is what their `users` document says, or a visitor.
 */
export async function resolveCaller(runtime: Runtime, env: ServerEnv, openid: string): Promise<ResolvedCaller> {
  if (env.hqOpenids.has(openid)) return { caller: { openid, role: 'hq' }, inactive: false };
  const user = await runtime.findUser(openid);
  // An anonymous node left by a data deletion (anon_*) is nobody's account: whoever presents its id is a visitor.
  if (!user || (user.role === 'customer' && user.deletedAt !== undefined)) {
    return { caller: { openid, role: 'visitor' }, inactive: false };
  }
  if (user.role === 'guide' && !user.active) return { caller: { openid, role: 'visitor' }, inactive: true };
  return { caller: { openid, role: user.role, user }, inactive: false };
}
