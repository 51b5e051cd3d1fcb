// H5 build (and the type checker) resolve this file; the weapp build resolves transport.weapp.ts
// instead (Taro's per-platform file suffix), so neither target bundles the other's transport.
export { sendH5 as send } from './h5';

/** H5 needs no platform init: the local cloud is reached over fetch. */
export function initTransport(_cloudEnv: string | undefined): void {}
