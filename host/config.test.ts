import path from 'node:path';
import { DEFAULTS, REPO_ROOT, loadConfig } from './config';

test('defaults to port 8787, .data/ at the repo root, seeding on and no HQ', () => {
  const c = loadConfig({});
  expect(c).toMatchObject({
    port: DEFAULTS.port,
    dataDir: path.join(REPO_ROOT, '.data'),
    seed: true,
    hqOpenids: [],
    quiet: false,
  });
});

test('reads PORT, SIYU_DATA_DIR (relative to the repo), SIYU_SEED=0 and the HQ list', () => {
  const c = loadConfig({ PORT: '0', SIYU_DATA_DIR: 'tmp/x', SIYU_SEED: '0', SIYU_HQ_OPENIDS: ' o_a, o_b ,,' });
  expect(c).toMatchObject({ port: 0, dataDir: path.join(REPO_ROOT, 'tmp/x'), seed: false, hqOpenids: ['o_a', 'o_b'] });
});

test('names every bad variable at once', () => {
  expect(() => loadConfig({ PORT: 'eighty', SIYU_HQ_OPENIDS: 'ok,not ok', SIYU_LOG_LEVEL: 'loud' })).toThrow(
    /PORT[\s\S]*SIYU_HQ_OPENIDS[\s\S]*SIYU_LOG_LEVEL/,
  );
  expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
});

test('passes the function settings it is given on to the functions, and only those', () => {
  const c = loadConfig({
    SIYU_AI_PROVIDER: 'cloudbase',
    SIYU_CONTENT_SECURITY: ' lenient ',
    SIYU_AI_MODEL: '',
    PORT: '0',
  });
  expect(c.functionSettings).toEqual({ SIYU_AI_PROVIDER: 'cloudbase', SIYU_CONTENT_SECURITY: 'lenient' });
  expect(loadConfig({}).functionSettings).toEqual({});
  expect(() => loadConfig({ SIYU_CONTENT_SECURITY: 'off' })).toThrow(/SIYU_CONTENT_SECURITY/);
});
