import { env } from '../env';
import { readDevOpenid } from './dev-identity';
import { CloudError } from './errors';
import type { CloudEvent, Transport } from './types';

export interface H5TransportOptions {
  /** Origin of the local cloud; '' = same origin. */
  baseUrl?: string;
  /** The caller's openid; undefined = not signed in. */
  openid?: () => string | null;
  fetchImpl?: typeof fetch;
}

/** The browser path: the local cloud's bridge `POST /fn/<name>`, identity in `x-openid`. */
export function createH5Transport(options: H5TransportOptions = {}): Transport {
  const baseUrl = options.baseUrl ?? env.cloudBase;
  const currentOpenid = options.openid ?? readDevOpenid;
  return async (name: string, event: CloudEvent) => {
    const openid = currentOpenid();
    if (!openid) throw new CloudError('UNAUTHENTICATED', '请先选择一个演示身份');
    const doFetch = options.fetchImpl ?? fetch;
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}/fn/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': openid },
        body: JSON.stringify(event),
      });
    } catch {
      throw new CloudError('NETWORK');
    }
    try {
      // Error replies (4xx/5xx) still carry the envelope with the Chinese message; prefer it.
      return (await response.json()) as unknown;
    } catch {
      // A non-JSON answer is a proxy or static server, not the bridge: the cloud was not reached.
      throw new CloudError(response.ok ? 'INTERNAL' : 'NETWORK');
    }
  };
}

export const sendH5: Transport = createH5Transport();
