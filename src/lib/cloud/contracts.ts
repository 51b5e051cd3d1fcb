/** The registry's type map, for the app's one typed call. Types only: zod stays on the server. */
export type { ActionOf, CallInput, CallOutput, Contracts, FunctionName } from '@core/contracts';
