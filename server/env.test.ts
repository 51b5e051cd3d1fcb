import { EnvError, readEnv } from './env';

describe('readEnv', () => {
  it('reads the HQ list, trimming blanks and empty entries', () => {
    const env = readEnv({ SIYU_HQ_OPENIDS: ' o_hq_a ,, o_hq_b,' });
    expect([...env.hqOpenids]).toEqual(['o_hq_a', 'o_hq_b']);
    expect(env.logLevel).toBe('info');
  });

  it('has no HQ when the variable is missing', () => {
    expect(readEnv({}).hqOpenids.size).toBe(0);
  });

  it('names the bad variable instead of guessing', () => {
    expect(() => readEnv({ SIYU_HQ_OPENIDS: 'o_hq_a,o hq b' })).toThrow(
      new EnvError('invalid environment variable(s): SIYU_HQ_OPENIDS'),
    );
    expect(() => readEnv({ SIYU_LOG_LEVEL: 'loud' })).toThrow(/SIYU_LOG_LEVEL/);
  });

  it('follows a changed environment on the next call', () => {
    expect(readEnv({ SIYU_HQ_OPENIDS: 'o_hq_a' }).hqOpenids.has('o_hq_a')).toBe(true);
    expect(readEnv({ SIYU_HQ_OPENIDS: 'o_hq_b' }).hqOpenids.has('o_hq_a')).toBe(false);
  });
});

describe('readEnv AI and content-security settings', () => {
  it('keeps the LLM rewrite off and content security strict unless configured', () => {
    const env = readEnv({});
    expect(env.ai).toEqual({ provider: 'off', model: 'hunyuan-exp', modelName: 'hunyuan-lite', timeoutMs: 4000 });
    expect(env.contentSecurity).toBe('strict');
  });

  it('reads a configured provider, model and timeout', () => {
    const env = readEnv({
      SIYU_AI_PROVIDER: 'cloudbase',
      SIYU_AI_MODEL: 'deepseek',
      SIYU_AI_MODEL_NAME: 'deepseek-v3',
      SIYU_AI_TIMEOUT_MS: '2500',
      SIYU_CONTENT_SECURITY: 'lenient',
    });
    expect(env.ai).toEqual({ provider: 'cloudbase', model: 'deepseek', modelName: 'deepseek-v3', timeoutMs: 2500 });
    expect(env.contentSecurity).toBe('lenient');
  });

  it('refuses an unknown provider, a timeout out of range and a mode that would skip the check', () => {
    expect(() => readEnv({ SIYU_AI_PROVIDER: 'openai' })).toThrow(/SIYU_AI_PROVIDER/);
    expect(() => readEnv({ SIYU_AI_TIMEOUT_MS: '60000' })).toThrow(/SIYU_AI_TIMEOUT_MS/);
    expect(() => readEnv({ SIYU_CONTENT_SECURITY: 'off' })).toThrow(/SIYU_CONTENT_SECURITY/);
  });
});
