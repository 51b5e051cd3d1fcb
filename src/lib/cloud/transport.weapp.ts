export { sendWeapp as send } from './weapp';
export { initCloud as initTransport } from './weapp';
