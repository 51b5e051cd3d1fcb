import { wxError, type OpenApi } from '../../host/openapi/types';
import type { TestCloud } from './local-cloud';

/** Runs `fn` with the named open APIs (a local cloud's `openapi.apis`) answering WeChat's "system error", then restores them. */
export async function withApisDown<T>(
  apis: Record<string, OpenApi | undefined>,
  names: readonly string[],
  fn: () => Promise<T>,
): Promise<T> {
  const real = new Map(names.map((n) => [n, apis[n] as OpenApi]));
  for (const n of names) apis[n] = () => wxError(-1, 'system error');
  try {
    return await fn();
  } finally {
    for (const [n, api] of real) apis[n] = api;
  }
}

/** Runs `fn` with the local cloud's msgSecCheck answering WeChat's "system error", then restores it. */
export function withCheckDown<T>(cloud: TestCloud, fn: () => Promise<T>): Promise<T> {
  return withApisDown(cloud.cloud.openapi.apis, ['security.msgSecCheck'], fn);
}

/** Runs `fn` with the image check (mediaCheckAsync) answering WeChat's "system error". */
export function withMediaCheckDown<T>(cloud: TestCloud, fn: () => Promise<T>): Promise<T> {
  return withApisDown(cloud.cloud.openapi.apis, ['security.mediaCheckAsync'], fn);
}
