/**
 * The kit's link to the platform through wx-server-sdk: the only place in function code that calls
 * cloud.getWXContext() and initialises the SDK. Product code holds no "if local": the local cloud
 * points this same SDK at itself.
 */
import * as cloud from 'wx-server-sdk';
import { loadUser } from '../data/users';
import type { Database } from '../db/types';
import { readEnv } from '../env';
import type { PlatformIdentity, Runtime, Services } from './types';

let services: Services | undefined;

function initServices(): Services {
  if (!services) {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    // throwOnNotFound: false makes doc(id).get() answer `data: null` for a missing document
    // instead of throwing, so "not there" is a value and every other failure stays an error.
    const options = { throwOnNotFound: false } as unknown as Parameters<typeof cloud.database>[0];
    const db = cloud.database(options) as unknown as Database;
    services = { cloud, db, _: db.command };
  }
  return services;
}

const nonEmpty = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

export function wxRuntime(): Runtime {
  return {
    identity(): PlatformIdentity {
      const ctx = cloud.getWXContext();
      return {
        openid: nonEmpty(ctx.OPENID),
        appid: nonEmpty(ctx.APPID),
        unionid: nonEmpty(ctx.UNIONID),
        source: nonEmpty(ctx.SOURCE),
      };
    },
    services: initServices,
    env: () => readEnv(),
    now: () => Date.now(),
    findUser: (openid) => loadUser(initServices().db, openid),
    write: (line) => console.log(line),
  };
}
