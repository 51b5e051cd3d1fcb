/** What every cloud function receives: the action name beside the action's input fields. */
export type CloudEvent = { action: string } & Record<string, unknown>;

/** Sends one event to one function and resolves with the raw reply envelope (not yet unwrapped). */
export type Transport = (name: string, event: CloudEvent) => Promise<unknown>;
