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
