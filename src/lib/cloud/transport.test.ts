import { __resetTaroMock, taroMock } from '../../../test/mocks/taro';
import { createCallFunction } from './index';
import { CloudError } from './errors';
import { createH5Transport } from './h5';
import { DEV_OPENID_KEY, writeDevOpenid } from './dev-identity';
import { initCloud, sendWeapp } from './weapp';

const callFunctionMock = taroMock.cloud.callFunction;

// jsdom has no fetch Response; the transport only reads ok, status and json().
function jsonResponse(body: unknown, status = 200): Response {
  return { ok: status < 400, status, json: () => Promise.resolve(body) } as Response;
}

function htmlResponse(status: number): Response {
  return { ok: status < 400, status, json: () => Promise.reject(new SyntaxError('Unexpected token <')) } as Response;
}

async function caught(promise: Promise<unknown>): Promise<CloudError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CloudError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

beforeEach(() => {
  __resetTaroMock();
  window.localStorage.clear();
});

describe('h5 transport', () => {
  it('posts the event to /fn/<name> as the signed-in demo user and returns the data', async () => {
    const fetchImpl = jest.fn(() => Promise.resolve(jsonResponse({ ok: true, data: { stores: [] } })));
    writeDevOpenid('o_demo_hq');
    const call = createCallFunction(createH5Transport({ baseUrl: 'http://127.0.0.1:9999', fetchImpl }));

    const data = await call('account', 'listGuides', { storeId: 'sto_abcdef' });

    expect(data).toEqual({ stores: [] });
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('http://127.0.0.1:9999/fn/account');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>)['x-openid']).toBe('o_demo_hq');
    expect(JSON.parse(init.body as string)).toEqual({ action: 'listGuides', storeId: 'sto_abcdef' });
  });

  it('reads the openid at call time, so switching demo users takes effect without a reload', async () => {
    const fetchImpl = jest.fn(() => Promise.resolve(jsonResponse({ ok: true, data: {} })));
    const call = createCallFunction(createH5Transport({ baseUrl: '', fetchImpl }));
    window.localStorage.setItem(DEV_OPENID_KEY, 'o_demo_guide_1');
    await call('account', 'whoami', {});
    window.localStorage.setItem(DEV_OPENID_KEY, 'o_demo_cust_01');
    await call('account', 'whoami', {});
    const sent = fetchImpl.mock.calls.map(
      (c) => ((c as unknown as [string, RequestInit])[1].headers as Record<string, string>)['x-openid'],
    );
    expect(sent).toEqual(['o_demo_guide_1', 'o_demo_cust_01']);
  });

  it('throws the server error code with its Chinese message', async () => {
    const fetchImpl = jest.fn(() =>
      Promise.resolve(
        jsonResponse({ ok: false, error: { code: 'PERMISSION_DENIED', message: '只有总部可以查看门店' } }, 403),
      ),
    );
    const call = createCallFunction(createH5Transport({ baseUrl: '', fetchImpl, openid: () => 'o_demo_guide_1' }));
    const error = await caught(call('account', 'listStores', {}));
    expect(error.code).toBe('PERMISSION_DENIED');
    expect(error.message).toBe('只有总部可以查看门店');
  });

  it('asks to sign in, without any request, when no demo user is chosen', async () => {
    const fetchImpl = jest.fn();
    const call = createCallFunction(createH5Transport({ baseUrl: '', fetchImpl, openid: () => null }));
    const error = await caught(call('account', 'whoami', {}));
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.message).toMatch(/演示身份/);
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('reports an unreachable cloud as a network error in Chinese', async () => {
    const fetchImpl = jest.fn(() => Promise.reject(new TypeError('Failed to fetch')));
    const call = createCallFunction(createH5Transport({ baseUrl: '', fetchImpl, openid: () => 'o_demo_hq' }));
    const error = await caught(call('account', 'whoami', {}));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toBe('网络连接失败，请检查网络后重试');
  });

  it('treats a non-JSON gateway reply as the cloud not being reached', async () => {
    const fetchImpl = jest.fn(() => Promise.resolve(htmlResponse(502)));
    const call = createCallFunction(createH5Transport({ baseUrl: '', fetchImpl, openid: () => 'o_demo_hq' }));
    expect((await caught(call('account', 'whoami', {}))).code).toBe('NETWORK');
  });

  it('never hands a malformed reply to the page as data', async () => {
    const fetchImpl = jest.fn(() => Promise.resolve(jsonResponse({ stores: [] })));
    const call = createCallFunction(createH5Transport({ baseUrl: '', fetchImpl, openid: () => 'o_demo_hq' }));
    const error = await caught(call('account', 'listStores', {}));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe('系统繁忙，请稍后再试');
  });
});

describe('weapp transport', () => {
  it('calls Taro.cloud.callFunction with the action beside the input and unwraps the result envelope', async () => {
    callFunctionMock.mockResolvedValueOnce({ result: { ok: true, data: { role: 'guide', storeId: 'sto_abcdef' } } });
    const call = createCallFunction(sendWeapp);

    const data = await call('account', 'redeemInvite', { code: 'ABCDEFGH', name: '林小满' });

    expect(data).toEqual({ role: 'guide', storeId: 'sto_abcdef' });
    expect(callFunctionMock).toHaveBeenCalledWith({
      name: 'account',
      data: { action: 'redeemInvite', code: 'ABCDEFGH', name: '林小满' },
    });
  });

  it('does not let input fields override the action name', async () => {
    callFunctionMock.mockResolvedValueOnce({ result: { ok: true, data: {} } });
    const call = createCallFunction(sendWeapp);
    await call('account', 'whoami', { action: 'createStore' } as unknown as Record<string, never>);
    expect((callFunctionMock.mock.calls[0] as [{ data: { action: string } }])[0].data.action).toBe('whoami');
  });

  it('throws the function error envelope as a CloudError', async () => {
    callFunctionMock.mockResolvedValueOnce({
      result: { ok: false, error: { code: 'FAILED_PRECONDITION', message: '邀请码已被使用' } },
    });
    const error = await caught(
      createCallFunction(sendWeapp)('account', 'redeemInvite', { code: 'ABCDEFGH', name: '林' }),
    );
    expect(error.code).toBe('FAILED_PRECONDITION');
    expect(error.message).toBe('邀请码已被使用');
  });

  it('maps a platform rejection to a Chinese message rather than the raw errMsg', async () => {
    callFunctionMock.mockRejectedValueOnce({
      errCode: -504002,
      errMsg: 'cloud.callFunction:fail -504002 functions execute fail',
    });
    const error = await caught(createCallFunction(sendWeapp)('account', 'whoami', {}));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe('系统繁忙，请稍后再试');
  });

  it('maps a platform timeout to a retryable network error', async () => {
    callFunctionMock.mockRejectedValueOnce({ errMsg: 'cloud.callFunction:fail timeout' });
    const error = await caught(createCallFunction(sendWeapp)('account', 'whoami', {}));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toBe('请求超时，请稍后重试');
  });

  it('initialises the cloud once with the configured environment', () => {
    initCloud('siyu-prod-1a2b');
    initCloud('other-env');
    expect(taroMock.cloud.init).toHaveBeenCalledTimes(1);
    expect(taroMock.cloud.init).toHaveBeenCalledWith({ env: 'siyu-prod-1a2b', traceUser: true });
  });
});
