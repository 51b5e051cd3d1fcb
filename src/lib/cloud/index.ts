import { env } from '../env';
import type { ActionOf, CallInput, CallOutput, FunctionName } from './contracts';
import { unwrapReply } from './errors';
import { initTransport, send } from './transport';
import type { Transport } from './types';

export type { ActionOf, CallInput, CallOutput, FunctionName } from './contracts';

export type CallFunction = <N extends FunctionName, A extends ActionOf<N>>(
  name: N,
  action: A,
  input: CallInput<N, A>,
) => Promise<CallOutput<N, A>>;

/** Binds the typed call to one transport; tests bind it to a stubbed one. */
export function createCallFunction(transport: Transport): CallFunction {
  return async (name, action, input) => {
    const reply = await transport(name, { ...(input as Record<string, unknown>), action });
    return unwrapReply(reply);
  };
}

/**
 * The app's one way to reach the cloud: resolves with the action's data or throws a CloudError
 * whose Chinese message can be shown as it is.
 */
export const callFunction: CallFunction = createCallFunction(send);

/** Called once at launch (weapp: Taro.cloud.init with the build's env id). */
export function initCloud(): void {
  initTransport(env.cloudEnv);
}

export { CloudError, isCloudError, userMessage, type CloudErrorCode } from './errors';
