import { checkTextGates } from '@server/variation/text/gates';
import { modeReply, SLOW_REPLY_MS } from './ai-gateway';
import { fakeRewrite, UNSAFE_WORD, type ChatRequest } from './fake-model';
import { redirectTarget } from './gateway-redirect';

const TEXT = '大家好，新品非常漂亮，今天到店只要¥199，3月8日前可以免费试用，欢迎一起来挑选。';
const chat = (system: string, text = TEXT): ChatRequest => ({
  group: 'hunyuan-exp',
  model: 'hunyuan-lite',
  messages: [
    { role: 'system', content: system },
    { role: 'user', content: text },
  ],
});

describe('fake model', () => {
  it('rewrites the user text the same way for the same request, and within the gates', () => {
    const out = fakeRewrite(chat('语气A'));
    expect(out).toBe(fakeRewrite(chat('语气A')));
    expect(out).not.toBe(TEXT);
    expect(checkTextGates(TEXT, out).ok).toBe(true);
  });

  it('answers different system prompts with different swaps', () => {
    const outs = new Set(['A', 'B', 'C', 'D', 'E', 'F'].map((t) => fakeRewrite(chat(`语气${t}`))));
    expect(outs.size).toBeGreaterThan(1);
  });

  it('adds a soft tail to a text it has no phrase for', () => {
    expect(fakeRewrite(chat('x', '春装上市'))).toBe('春装上市～');
  });

  it('has a mode for every failure the product must survive', () => {
    const request = chat('语气A');
    expect(modeReply('breaks-gates', request)).toEqual({ content: expect.not.stringContaining('¥199') });
    expect(modeReply('unsafe', request)).toEqual({ content: expect.stringContaining(UNSAFE_WORD) });
    expect(modeReply('slow', request)).toMatchObject({ delayMs: SLOW_REPLY_MS });
    expect(modeReply('error', request)).toMatchObject({ error: { status: 500 } });
  });
});

describe('gateway redirect', () => {
  const route = '/tcb-gateway/';
  const url = (s: string) => new URL(s);
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.TCB_CONTEXT_CNFG;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.TCB_CONTEXT_CNFG;
    else process.env.TCB_CONTEXT_CNFG = saved;
  });

  it("sends the env's gateway to the local cloud the SDK is pointed at", () => {
    process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: 'http://127.0.0.1:4567/admin' });
    expect(
      redirectTarget(url('https://siyu-local.api.tcloudbasegateway.com/v1/ai/hunyuan-exp/chat/completions'), route)
        ?.href,
    ).toBe('http://127.0.0.1:4567/tcb-gateway/v1/ai/hunyuan-exp/chat/completions');
    expect(
      redirectTarget(url('https://e1.api.intl.tcloudbasegateway.com/auth/v1/token/clientCredential'), route)?.href,
    ).toBe('http://127.0.0.1:4567/tcb-gateway/auth/v1/token/clientCredential');
  });

  it('leaves every other request alone', () => {
    process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: 'http://127.0.0.1:4567/admin' });
    expect(redirectTarget(url('https://example.com/v1/ai/x/chat/completions'), route)).toBeNull();
    expect(redirectTarget(url('http://siyu-local.api.tcloudbasegateway.com/v1'), route)).toBeNull();
    process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: 'https://tcb-api.tencentcloudapi.com/admin' });
    expect(redirectTarget(url('https://siyu-local.api.tcloudbasegateway.com/v1'), route)).toBeNull();
    delete process.env.TCB_CONTEXT_CNFG;
    expect(redirectTarget(url('https://siyu-local.api.tcloudbasegateway.com/v1'), route)).toBeNull();
  });
});
