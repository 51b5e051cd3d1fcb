import { wxError, type OpenApi } from '../../host/openapi/types';
import type { TestCloud } from './local-cloud';

/** Runs `fn` with the local cloud's msgSecCheck answering WeChat's "system error", then restores it. */
export async function withCheckDown<T>(cloud: TestCloud, fn: () => Promise<T>): Promise<T> {
  const check = 'security.msgSecCheck';
  const apis = cloud.cloud.openapi.apis;
  const real = apis[check] as OpenApi;
  apis[check] = () => wxError(-1, 'system error');
  try {
    return await fn();
  } finally {
    apis[check] = real;
  }
}
