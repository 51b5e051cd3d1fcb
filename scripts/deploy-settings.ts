/**
 * The deploy's first step: every deploy setting parsed and checked against what a real CloudBase
 * environment needs, the function settings as each function will receive them, and a printout in
 * which secrets never appear.
 */
import {
  SETTINGS,
  readSettings,
  settingsFor,
  type EnvSource,
  type SettingName,
  type SettingValues,
} from '@server/config/settings';
import { FUNCTION_SETTINGS } from '@server/env';

export const DEPLOY_SETTINGS = settingsFor('deploy');
type DeploySettingName = (typeof DEPLOY_SETTINGS)[number];
export type DeploySettings = SettingValues<SettingName>;

export interface ValidatedSettings {
  values: DeploySettings;
  /** The function settings as text, exactly as every function receives them. */
  functionEnv: Record<string, string>;
  /** Lines for the printout; secrets appear as "set (hidden)". */
  report: string[];
  warnings: string[];
}

export type Validation = { ok: true; settings: ValidatedSettings } | { ok: false; problems: string[] };

/** A WeChat openid: 28 characters. The local demo ids (o_demo_hq) are refused here. */
const WECHAT_OPENID = /^[A-Za-z0-9_-]{28}$/;
const WECHAT_APPID = /^wx[0-9a-f]{16}$/;

/** Step 1: every deploy setting parsed and checked; problems name the variable, never its value. */
export function validateSettings(source: EnvSource, opts: { needCredentials: boolean }): Validation {
  const parsed = readSettings(DEPLOY_SETTINGS, source, 'deploy');
  if (!parsed.ok) return { ok: false, problems: parsed.problems.map((p) => `${p.name}: ${p.message}`) };
  const v = parsed.values;
  const problems: string[] = [];
  const warnings: string[] = [];
  if (v.SIYU_ENV_ID === SETTINGS.SIYU_ENV_ID.defaultText) {
    problems.push(
      "SIYU_ENV_ID: that is the local cloud's id; set the CloudBase environment id (云开发控制台 → 环境 ID)",
    );
  }
  if (!WECHAT_APPID.test(v.SIYU_APPID)) {
    problems.push('SIYU_APPID: not a mini-program appid (wx followed by 16 hex digits; 小程序后台 → 开发管理)');
  }
  if (v.SIYU_HQ_OPENIDS.length === 0)
    problems.push('SIYU_HQ_OPENIDS: at least one HQ openid is needed to run the console');
  else if (!v.SIYU_HQ_OPENIDS.every((id) => WECHAT_OPENID.test(id))) {
    problems.push('SIYU_HQ_OPENIDS: every entry must be a 28-character WeChat openid (demo ids are local only)');
  }
  if (opts.needCredentials) {
    for (const name of ['TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY'] as const) {
      if (!parsed.given.has(name)) problems.push(`${name}: required for a real deploy (from the environment only)`);
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  if (v.SIYU_AI_PROVIDER === 'cloudbase') {
    warnings.push(
      `SIYU_AI_PROVIDER=cloudbase: switch on AI+ and the model group ${v.SIYU_AI_MODEL} in the CloudBase console, or every rewrite falls back to the local engine after ${v.SIYU_AI_TIMEOUT_MS} ms`,
    );
  }
  if (v.SIYU_CONTENT_SECURITY === 'lenient') {
    warnings.push(
      'SIYU_CONTENT_SECURITY=lenient: posts publish unchecked while msgSecCheck is unreachable; alert on "publishing unchecked" log lines',
    );
  }

  const functionEnv: Record<string, string> = {};
  for (const name of FUNCTION_SETTINGS) {
    if ((SETTINGS[name] as { secret: boolean }).secret)
      throw new Error(`${name} is a secret and never goes to a function`);
    functionEnv[name] = parsed.raw[name] ?? SETTINGS[name].defaultText;
  }
  functionEnv.SIYU_HQ_OPENIDS = v.SIYU_HQ_OPENIDS.join(',');

  const report = DEPLOY_SETTINGS.map((name: DeploySettingName) => {
    const spec = SETTINGS[name] as { secret: boolean; hidden?: boolean };
    if (spec.secret || spec.hidden) return `${name} = ${parsed.given.has(name) ? 'set (hidden)' : 'not set'}`;
    const text =
      name === 'SIYU_HQ_OPENIDS' ? functionEnv.SIYU_HQ_OPENIDS : (parsed.raw[name] ?? SETTINGS[name].defaultText);
    return `${name} = ${text || '—'}${parsed.given.has(name) ? '' : ' (default)'}`;
  });
  return { ok: true, settings: { values: v, functionEnv, report, warnings } };
}
