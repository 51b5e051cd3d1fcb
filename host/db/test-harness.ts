/** Tests only: the real wx-server-sdk → a tiny /admin endpoint → DatabaseEngine.handle. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type * as WxServerSdk from 'wx-server-sdk';
import { sdkWireEnv } from '../sdk-env';
import type { DatabaseEngine } from './engine';

export interface Harness {
  /** The real wx-server-sdk, initialised against this server. */
  cloud: typeof WxServerSdk;
  close(): Promise<void>;
}

export async function startHarness(engine: DatabaseEngine): Promise<Harness> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = engine.handle(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo; // SILENCE: the SDK's "slower than 3 s" warning
  Object.assign(process.env, sdkWireEnv(`http://127.0.0.1:${port}/admin`, 'local'), { SILENCE: 'true' });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- must load after the env above
  const cloud = require('wx-server-sdk') as typeof WxServerSdk;
  cloud.init({ env: 'local' });
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { cloud, close: () => (server.closeAllConnections(), close()) }; // the SDK keeps connections alive
}
