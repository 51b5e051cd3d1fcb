import type { LogFields } from '@server/kit/types';
import type { Ctx } from '../guide-text';
import { startRunners, stoppedWaiting } from './dispatch';

/** A caller whose runner calls all end with `outcome`, and the lines it logged. */
function caller(outcome: () => Promise<unknown>): {
  ctx: Ctx;
  lines: { level: string; msg: string; fields?: LogFields }[];
} {
  const lines: { level: string; msg: string; fields?: LogFields }[] = [];
  const log = (level: string) => (msg: string, fields?: LogFields) => lines.push({ level, msg, fields });
  const ctx = {
    cloud: { callFunction: outcome },
    log: { info: log('info'), warn: log('warn'), error: log('error') },
  } as unknown as Ctx;
  return { ctx, lines };
}

const settled = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 10));

describe('starting variant runners', () => {
  // wx-server-sdk's words when its request timeout ends the wait (@cloudbase/node-sdk request-core).
  const sdkTimeout = new Error('callFunction:fail request timeout');

  it('tells a caller that stopped waiting from a call that failed', () => {
    expect(stoppedWaiting(sdkTimeout)).toBe(true);
    expect(stoppedWaiting(new Error('callFunction:fail connect timeout'))).toBe(false);
    expect(stoppedWaiting(new Error('callFunction:fail -501000 FUNCTION_NOT_FOUND'))).toBe(false);
    expect(stoppedWaiting('request timeout')).toBe(false);
  });

  it('does not warn when its runners outlive its wait, and warns when a call fails', async () => {
    const slow = caller(() => Promise.reject(sdkTimeout));
    await startRunners(slow.ctx, 2, 'pst_a');
    await settled();
    expect(slow.lines.map((l) => l.level)).toEqual(['info', 'info']);

    const broken = caller(() => Promise.reject(new Error('callFunction:fail connect ECONNREFUSED')));
    await startRunners(broken.ctx, 1, 'pst_a');
    await settled();
    expect(broken.lines).toEqual([
      {
        level: 'warn',
        msg: 'variant runner call ended without a reply',
        fields: { postId: 'pst_a', error: 'Error: callFunction:fail connect ECONNREFUSED' },
      },
    ]);
  });

  it('reports a runner that answered with an error', async () => {
    const failing = caller(() => Promise.resolve({ result: { ok: false, error: { code: 'INTERNAL' } } }));
    await startRunners(failing.ctx, 1, 'pst_b');
    await settled();
    expect(failing.lines).toEqual([
      { level: 'error', msg: 'variant runner failed', fields: { postId: 'pst_b', code: 'INTERNAL' } },
    ]);
  });
});
