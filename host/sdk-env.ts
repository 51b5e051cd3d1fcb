/**
 * The variables that point a real wx-server-sdk at a CloudBase wire endpoint: where it sends its
 * requests, the credentials it insists on (any value; the local cloud does not check them) and the
 * environment it believes it runs in. Every place that points an SDK at the local cloud (each
 * function invocation, a script's own SDK, the database test harness) takes them from here.
 */
import type { EnvVars } from './functions/env-proxy';

export function sdkWireEnv(adminUrl: string, envId: string): EnvVars {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: adminUrl }),
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    // Tells the SDK it is on Tencent Cloud, which skips a metadata lookup (~60 ms per call offline).
    TENCENTCLOUD: 'true',
    TCB_ENV: envId,
    SCF_NAMESPACE: envId,
  };
}
