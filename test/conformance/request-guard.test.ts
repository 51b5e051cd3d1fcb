/**
 * Only the local cloud's own page and the scripts on this machine may drive it: a request naming
 * another host (DNS rebinding), carrying a foreign Origin, or marked cross-site by the browser is
 * refused on every route before anything runs; bodies are capped per route; the wire takes only
 * what the SDKs send. Raw node:http requests, so Host and Origin can be set as a browser would.
 */
import http from 'node:http';
import { startTestCloud, type TestCloud } from './support';

let t: TestCloud;
beforeAll(async () => {
  t = await startTestCloud();
});
afterAll(() => t.dispose());

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: t.cloud.port, path, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** A real wire insert: without the guard it writes a store (checked below, so the refusals mean something). */
const insertStore = (id: string) =>
  JSON.stringify({
    action: 'database.insertDocument',
    collectionName: 'stores',
    data: [JSON.stringify({ _id: id, name: `网页写入${id}` })],
  });

const ROUTES: [string, string, Record<string, string>, string?][] = [
  ['POST', '/admin', { 'content-type': 'application/json' }, insertStore('sto_fromapage1')],
  ['POST', '/fn/echo', { 'content-type': 'text/plain', 'x-openid': 'o_demo_hq' }, '{"action":"x"}'],
  ['POST', '/storage/upload?cloudPath=evil/x.png', { 'content-type': 'image/png' }, 'not a png'],
  ['GET', '/dev/users', {}],
  ['GET', '/healthz', {}],
];

describe.each(ROUTES)('%s %s', (method, path, headers, body) => {
  it('is refused with a foreign Origin, and nothing is written', async () => {
    const before = t.cloud.engine.snapshot();
    const res = await request(path, { method, headers: { ...headers, origin: 'https://evil.example' }, body });
    expect(res.status).toBe(403);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(t.cloud.engine.snapshot()).toBe(before);
  });

  it('is refused when the browser marks it cross-site', async () => {
    const res = await request(path, { method, headers: { ...headers, 'sec-fetch-site': 'cross-site' }, body });
    expect(res.status).toBe(403);
  });

  it('is refused under another host name (a rebound DNS name)', async () => {
    const res = await request(path, { method, headers: { ...headers, host: `rebound.example:${t.cloud.port}` }, body });
    expect(res.status).toBe(421);
  });
});

it('answers its own page (same Origin) with CORS for it, and scripts without CORS', async () => {
  const own = await request('/healthz', { headers: { origin: t.cloud.url } });
  expect(own.status).toBe(200);
  expect(own.headers['access-control-allow-origin']).toBe(t.cloud.url);
  const viaLocalhost = await request('/healthz', { headers: { host: `localhost:${t.cloud.port}` } });
  expect(viaLocalhost.status).toBe(200);
  const script = await request('/healthz');
  expect(script.status).toBe(200);
  expect(script.headers['access-control-allow-origin']).toBeUndefined();
});

it('the wire takes only JSON or multipart, even from a script, and a script may drive it', async () => {
  const before = t.cloud.engine.snapshot();
  const plain = await request('/admin', {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: insertStore('sto_plaintext1'),
  });
  expect(plain.status).toBe(415);
  expect(t.cloud.engine.snapshot()).toBe(before);
  const json = await request('/admin', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: insertStore('sto_fromscript'),
  });
  expect(json.status).toBe(200);
  expect(t.cloud.engine.findDocs('stores', { _id: 'sto_fromscript' })).toHaveLength(1);
});

it('caps each route body before reading it', async () => {
  const sevenMb = Buffer.alloc(7 << 20, 0x20);
  const res = await request('/fn/echo', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': 'o_someone1' },
    body: sevenMb,
  });
  expect(res.status).toBe(400);
  expect(JSON.parse(res.body)).toMatchObject({
    ok: false,
    error: { code: 'INVALID_ARGUMENT', message: '请求内容过大' },
  });
});
