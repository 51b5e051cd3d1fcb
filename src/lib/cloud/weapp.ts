import Taro from '@tarojs/taro';
import { CloudError } from './errors';
import type { CloudEvent, Transport } from './types';

let initialised = false;

/** Taro.cloud.init once per app process; `env` undefined uses the project's default environment. */
export function initCloud(env: string | undefined): void {
  if (initialised) return;
  Taro.cloud.init(env ? { env, traceUser: true } : { traceUser: true });
  initialised = true;
}

/** The mini-program path: wx.cloud.callFunction, whose `result` is the function's reply envelope. */
export const sendWeapp: Transport = async (name: string, event: CloudEvent) => {
  let response: Taro.cloud.CallFunctionResult;
  try {
    response = await Taro.cloud.callFunction({ name, data: event });
  } catch (error) {
    // The platform rejects with errCode/errMsg (timeouts, missing function, no network): never user-facing text.
    const errMsg = (error as { errMsg?: unknown } | null)?.errMsg;
    const timedOut = typeof errMsg === 'string' && /timeout|timed out/i.test(errMsg);
    throw new CloudError(timedOut ? 'NETWORK' : 'INTERNAL', timedOut ? '请求超时，请稍后重试' : undefined);
  }
  return response.result;
};
