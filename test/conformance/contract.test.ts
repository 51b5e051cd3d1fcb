/** The local cloud's outside contract (host/README.md, HTTP routes): health, /fn bridge, upload, files, /dev/users, H5, CORS. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { postJson, startTestCloud, type TestCloud } from './support';

let t: TestCloud;
let h5Dir: string;
beforeAll(async () => {
  h5Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-h5-'));
  fs.writeFileSync(path.join(h5Dir, 'index.html'), '<!doctype html><title>私域助手</title>');
  fs.mkdirSync(path.join(h5Dir, 'js'));
  fs.writeFileSync(path.join(h5Dir, 'js', 'app.js'), 'console.log(1)');
  t = await startTestCloud({ hqOpenids: ['o-hq'], h5Dir });
});
afterAll(async () => {
  await t.dispose();
  fs.rmSync(h5Dir, { recursive: true, force: true });
});

test('answers /healthz with 200 once ready', async () => {
  const res = await fetch(`${t.cloud.url}/healthz`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ ok: true });
});

describe('POST /fn/<name>', () => {
  test('passes the event and the x-openid caller, and replies with the function’s own envelope', async () => {
    const r = await postJson(`${t.cloud.url}/fn/echo`, { action: 'ping', n: 1 }, { 'x-openid': 'o-h5-user' });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      ok: true,
      data: {
        // wx.cloud.callFunction adds userInfo to a client's event; the bridge does the same.
        event: { action: 'ping', n: 1, userInfo: { appId: t.cloud.appid, openId: 'o-h5-user' } },
        openid: 'o-h5-user',
        source: 'wx_client',
        timeLimit: 3000,
      },
    });
  });

  test('calls without x-openid as a caller with no openid', async () => {
    const r = await postJson(`${t.cloud.url}/fn/echo`, { action: 'ping' });
    expect(r.json).toMatchObject({ ok: true, data: { openid: null, event: { userInfo: { appId: t.cloud.appid } } } });
  });

  test('answers an unknown function with NOT_FOUND 云函数不存在', async () => {
    const r = await postJson(`${t.cloud.url}/fn/nope`, { action: 'x' });
    expect(r.status).toBe(404);
    expect(r.json).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '云函数不存在' } });
  });

  test('turns a crash into INTERNAL with a Chinese message and no internal detail', async () => {
    const r = await postJson(`${t.cloud.url}/fn/crash`, { action: 'x' });
    expect(r.status).toBe(500);
    const body = r.json as { ok: boolean; error: { code: string; message: string } };
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('INTERNAL');
    expect(body.error.message).toMatch(/^系统繁忙/);
    expect(JSON.stringify(body)).not.toMatch(/secret|\/srv|at |Error/);
  });

  test('turns a timeout into INTERNAL that says so', async () => {
    const r = await postJson(`${t.cloud.url}/fn/slow`, { ms: 1300 });
    expect(r.json).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringMatching(/^云函数执行超时/) as unknown },
    });
  });

  test('refuses a body that is not a JSON object and a malformed x-openid with INVALID_ARGUMENT', async () => {
    for (const body of ['not json', '[1,2]', '"text"']) {
      const r = await postJson(`${t.cloud.url}/fn/echo`, body);
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
    const bad = await postJson(`${t.cloud.url}/fn/echo`, { action: 'x' }, { 'x-openid': 'a b/../c' });
    expect(bad.json).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});

describe('POST /storage/upload', () => {
  test('stores raw bytes and returns a fileID whose URL is fetchable', async () => {
    const bytes = Buffer.from('raw upload 原始字节');
    const res = await fetch(`${t.cloud.url}/storage/upload?cloudPath=${encodeURIComponent('posts/p1/说明.txt')}`, {
      method: 'POST',
      body: bytes,
    });
    const body = (await res.json()) as { ok: true; data: { fileID: string; url: string } };
    expect(body.ok).toBe(true);
    expect(body.data.fileID).toMatch(/^cloud:\/\/.+\/posts\/p1\/说明\.txt$/);
    const got = await fetch(encodeURI(body.data.url));
    expect(got.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
    // The same file through the SDK's own view of storage.
    const viaFn = (await t.cloud.invoke('files', { op: 'download', fileID: body.data.fileID })) as { text: string };
    expect(viaFn.text).toBe('raw upload 原始字节');
  });

  test('refuses a missing or escaping cloudPath with INVALID_ARGUMENT', async () => {
    for (const q of ['', '?cloudPath=', `?cloudPath=${encodeURIComponent('../../x')}`]) {
      const res = await fetch(`${t.cloud.url}/storage/upload${q}`, { method: 'POST', body: 'x' });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
  });
});

test('lists HQ openids and every user for the H5 sign-in page at /dev/users', async () => {
  t.cloud.engine.insertDoc('stores', { _id: 'sto_t1', name: '测试门店', city: '上海' });
  t.cloud.engine.insertDoc('users', { _id: 'o-guide-1', role: 'guide', name: '小林', storeId: 'sto_t1', active: true });
  t.cloud.engine.insertDoc('users', { _id: 'o-cust-1', role: 'customer', name: '小鹿', guideOpenid: 'o-guide-1' });
  const res = await fetch(`${t.cloud.url}/dev/users`);
  const body = (await res.json()) as { ok: boolean; data: { users: unknown[] } };
  expect(body.ok).toBe(true);
  expect(body.data.users).toEqual([
    { openid: 'o-hq', role: 'hq', name: '总部运营' },
    { openid: 'o-guide-1', role: 'guide', name: '小林', storeId: 'sto_t1', storeName: '测试门店' },
    { openid: 'o-cust-1', role: 'customer', name: '小鹿' },
  ]);
});

test('serves the built H5 app with a fallback to index.html for client routes', async () => {
  const root = await fetch(`${t.cloud.url}/`);
  expect(root.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(await root.text()).toContain('私域助手');
  expect(await (await fetch(`${t.cloud.url}/pages/guide/home`)).text()).toContain('私域助手');
  const js = await fetch(`${t.cloud.url}/js/app.js`);
  expect(js.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
  expect((await fetch(`${t.cloud.url}/js/missing.js`)).status).toBe(404);
  expect((await fetch(`${t.cloud.url}/..%2F..%2Fetc%2Fpasswd`)).status).not.toBe(500);
});

test('answers CORS only for its own page and the origins it is told to allow', async () => {
  const preflight = (cloudUrl: string, origin: string) =>
    fetch(`${cloudUrl}/fn/echo`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-openid',
      },
    });
  const own = await preflight(t.cloud.url, t.cloud.url);
  expect(own.status).toBe(204);
  expect(own.headers.get('access-control-allow-origin')).toBe(t.cloud.url);
  expect(own.headers.get('access-control-allow-headers')).toContain('x-openid');
  const foreign = await preflight(t.cloud.url, 'http://localhost:10086');
  expect(foreign.status).toBe(403);
  expect(foreign.headers.get('access-control-allow-origin')).toBeNull();

  const devServer = await startTestCloud({ allowedOrigins: ['http://localhost:10086'] });
  try {
    const allowed = await preflight(devServer.cloud.url, 'http://localhost:10086');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:10086');
    expect(allowed.headers.get('vary')).toBe('Origin');
  } finally {
    await devServer.dispose();
  }
});

test('answers an unknown CloudBase action on /admin with the platform error shape', async () => {
  const r = await postJson(`${t.cloud.url}/admin`, { action: 'tcb.somethingElse' });
  expect(r.json).toMatchObject({ code: 'ACTION_NOT_SUPPORTED' });
});

test('refuses to start on a port that is taken, and says which', async () => {
  await expect(startTestCloud({ port: t.cloud.port })).rejects.toThrow(`port ${t.cloud.port} is in use`);
});

test('refuses a second local cloud on a data directory that is in use', async () => {
  await expect(startTestCloud({ dataDir: t.cloud.dataDir })).rejects.toThrow(/is in use by another local cloud/);
});
