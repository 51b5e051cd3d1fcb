/** Tests only. wx-server-sdk's d.ts types calls as `Promise<R> | void | string` (callback overloads); tests await the promise. */
export function ok<R>(call: Promise<R> | void | string): Promise<R> {
  if (!(call instanceof Promise)) throw new Error('expected the promise form of an SDK call');
  return call;
}
