/** cloud.openapi.* through the real wx-server-sdk (multipart + protobuf on /admin). */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { startTestCloud, type TestCloud } from './support';

let t: TestCloud;
beforeAll(async () => {
  t = await startTestCloud();
});
afterAll(async () => {
  await t.dispose();
});

const call = (event: Record<string, unknown>, openid = 'o-op') =>
  t.cloud.invoke('openapi', event, { openid }) as Promise<Record<string, unknown>>;

describe('security.msgSecCheck', () => {
  test('passes ordinary retail copy', async () => {
    const r = await call({ op: 'check', content: '春季新品到店，满199减30，欢迎周末来逛！' });
    expect(r).toMatchObject({ errCode: 0, result: { suggest: 'pass', label: 100 } });
  });

  test('flags advertising fraud as risky with the advertising label and the keyword', async () => {
    const r = await call({ op: 'check', content: '在家躺赚，兼职日结，稳赚不赔' });
    expect(r).toMatchObject({ errCode: 0, result: { suggest: 'risky', label: 10001 } });
    const keywords = (r.detail as { strategy: string; keyword?: string }[])
      .filter((d) => d.strategy === 'keyword')
      .map((d) => d.keyword);
    expect(keywords).toEqual(expect.arrayContaining(['躺赚', '兼职日结', '稳赚不赔']));
  });

  test('sends absolute advertising claims to review, and lets risky win over review', async () => {
    expect(await call({ op: 'check', content: '全网最低价，快来买' })).toMatchObject({
      result: { suggest: 'review', label: 10001 },
    });
    expect(await call({ op: 'check', content: '全网最低价，还有赌博' })).toMatchObject({
      result: { suggest: 'risky', label: 20006 },
    });
  });

  test('answers v1 risky content with 87014 and an empty content with 47001', async () => {
    expect(await call({ op: 'checkV1', content: '刷单返利' })).toMatchObject({ errCode: 87014 });
    expect(await call({ op: 'checkV1', content: '你好' })).toMatchObject({ errCode: 0 });
    expect(await call({ op: 'check', content: '' })).toMatchObject({ errCode: 47001 });
  });
});

describe('wxacode.getUnlimited', () => {
  test('returns a PNG QR code that decodes to the page and scene', async () => {
    const scene = 'g=ab12&p=9';
    const r = await call({ op: 'qr', scene, page: 'pages/post/index' });
    expect(r.contentType).toBe('image/png');
    const png = PNG.sync.read(Buffer.from(r.base64 as string, 'base64'));
    const qr = jsQR(
      new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
      png.width,
      png.height,
    );
    expect(qr).not.toBeNull();
    const url = new URL((qr as { data: string }).data);
    expect(url.protocol).toBe('wxacode:');
    expect(url.host).toBe(t.cloud.appid.toLowerCase());
    expect(url.pathname).toBe('/pages/post/index');
    expect(url.searchParams.get('scene')).toBe(scene);
  });

  test('refuses a scene over 32 characters, with characters outside the allowed set, or a page with a leading slash', async () => {
    expect(await call({ op: 'qr', scene: 'x'.repeat(33), page: 'pages/a/index' })).toMatchObject({ errCode: 40169 });
    expect(await call({ op: 'qr', scene: 'x'.repeat(32), page: 'pages/a/index' })).toMatchObject({
      contentType: 'image/png',
    });
    expect(await call({ op: 'qr', scene: '中文', page: 'pages/a/index' })).toMatchObject({ errCode: 40129 });
    expect(await call({ op: 'qr', scene: 'a=1', page: '/pages/a/index' })).toMatchObject({ errCode: 41030 });
  });
});

describe('subscribeMessage.send', () => {
  const data = {
    thing1: { value: '春季新品已到店' },
    time2: { value: '2026年3月1日 10:00' },
    amount3: { value: '¥199.00' },
  };

  test('records a valid message in the outbox with who sent it', async () => {
    const before = t.cloud.outbox().length;
    const r = await call(
      { op: 'send', templateId: 'TPL_new_arrival', page: 'pages/post/index?id=1', data, state: 'developer' },
      'o-member',
    );
    expect(r).toMatchObject({ errCode: 0 });
    expect(typeof r.msgid).toBe('number');
    const out = t.cloud.outbox();
    expect(out).toHaveLength(before + 1);
    expect(out[out.length - 1]).toMatchObject({
      touser: 'o-member',
      templateId: 'TPL_new_arrival',
      page: 'pages/post/index?id=1',
      data,
      miniprogramState: 'developer',
      lang: 'zh_CN',
      appid: t.cloud.appid,
      fromFunction: 'openapi',
    });
  });

  test('validates like the platform and records nothing when it refuses', async () => {
    const before = t.cloud.outbox().length;
    expect(await call({ op: 'send', data })).toMatchObject({ errCode: 40037 });
    expect(await call({ op: 'send', templateId: 'T', data: {} })).toMatchObject({ errCode: 47003 });
    expect(
      await call({
        op: 'send',
        templateId: 'T',
        data: { thing1: { value: '这是一段超过二十个字的很长很长很长的提醒文字' } },
      }),
    ).toMatchObject({ errCode: 47003 });
    expect(await call({ op: 'send', templateId: 'T', data: { number1: { value: '十' } } })).toMatchObject({
      errCode: 47003,
    });
    expect(await call({ op: 'send', templateId: 'T', data: { foo: { value: 'x' } } })).toMatchObject({
      errCode: 47003,
    });
    expect(await call({ op: 'send', templateId: 'T', data, state: 'production' })).toMatchObject({ errCode: 47003 });
    expect(t.cloud.outbox()).toHaveLength(before);
  });
});

test('answers an API the local cloud does not emulate with an error, not a silent success', async () => {
  const r = await call({ op: 'unknown' });
  expect(r.errCode).toBe(-501001);
  expect(r.errMsg).toContain('not emulated');
});
