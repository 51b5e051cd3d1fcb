import fs from 'node:fs';
import path from 'node:path';
import {
  SETTINGS,
  SETTING_NAMES,
  readSettings,
  settingsFor,
  type SettingName,
  type SettingSpec,
} from '@server/config/settings';
import { FUNCTION_SETTINGS } from '@server/env';
import { README, begin, end, regenerate, renderSettingsTable } from './settings-docs';

function readmeRows(): string[] {
  const readme = fs.readFileSync(README, 'utf8');
  const block = readme.slice(readme.indexOf(begin('settings')), readme.indexOf(end('settings')));
  return [...block.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]!);
}

describe('README settings table', () => {
  it('lists exactly the settings the module declares, in its order', () => {
    expect(readmeRows()).toEqual(SETTING_NAMES);
  });

  it('and the checklist tables are what npm run docs:settings writes (run it after changing settings, schema.ts or a config.json)', () => {
    const stale = regenerate()
      .filter(([, current, next]) => current !== next)
      .map(([file]) => path.relative(path.dirname(README), file));
    expect(stale).toEqual([]);
  });

  it('marks every secret as one', () => {
    const table = renderSettingsTable();
    for (const name of SETTING_NAMES) {
      const row = table.split('\n').find((line) => line.startsWith(`| \`${name}\` |`))!;
      expect(row.split(' | ')[3] === 'yes').toBe((SETTINGS[name] as SettingSpec).secret);
    }
  });
});

describe('the settings module', () => {
  it('shows each default as the value the schema yields when the variable is unset', () => {
    for (const name of SETTING_NAMES) {
      const spec: SettingSpec = SETTINGS[name];
      const parsed = spec.schema.safeParse(undefined);
      expect(parsed.success).toBe(true);
      if (spec.defaultText === '') continue;
      expect(parsed.data).toEqual(spec.schema.parse(spec.defaultText));
    }
  });

  it('never gives a secret to the functions or the app build', () => {
    const exposed = [...settingsFor('function'), ...settingsFor('app-build'), ...settingsFor('local-cloud')];
    expect(exposed.filter((n) => (SETTINGS[n] as SettingSpec).secret)).toEqual([]);
    expect(SETTING_NAMES.filter((n) => (SETTINGS[n] as SettingSpec).secret)).toEqual([
      'TENCENTCLOUD_SECRETID',
      'TENCENTCLOUD_SECRETKEY',
      'TENCENTCLOUD_SESSIONTOKEN',
    ]);
  });

  it("is where server/env.ts takes the functions' settings from", () => {
    expect([...FUNCTION_SETTINGS]).toEqual(settingsFor('function'));
  });

  it('treats an empty or blank value as unset and trims the rest', () => {
    const r = readSettings(['SIYU_LOG_LEVEL', 'PORT', 'SIYU_ENV_ID'], {
      SIYU_LOG_LEVEL: '',
      PORT: '  ',
      SIYU_ENV_ID: ' prod-1 ',
    });
    expect(r.ok && r.values).toEqual({ SIYU_LOG_LEVEL: 'info', PORT: 8787, SIYU_ENV_ID: 'prod-1' });
    expect(r.ok && [...r.given]).toEqual(['SIYU_ENV_ID']);
  });

  it('requires what a reader requires, and lists every problem without echoing a value', () => {
    const names: SettingName[] = ['SIYU_ENV_ID', 'SIYU_APPID', 'SIYU_AI_TIMEOUT_MS', 'TENCENTCLOUD_SECRETKEY'];
    const r = readSettings(names, { SIYU_APPID: 'not-an-appid-secretish', SIYU_AI_TIMEOUT_MS: '99999' }, 'deploy');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.name)).toEqual(['SIYU_ENV_ID', 'SIYU_APPID', 'SIYU_AI_TIMEOUT_MS']);
    expect(r.problems[0]!.message).toBe('required for deploy');
    expect(JSON.stringify(r.problems)).not.toMatch(/secretish|99999/);
    // The local cloud does not require an env id: the default stands in.
    expect(readSettings(['SIYU_ENV_ID'], {}, 'local-cloud')).toMatchObject({
      ok: true,
      values: { SIYU_ENV_ID: 'siyu-local' },
    });
  });
});
