/**
 * subscribeMessage.send: validated the way WeChat validates it, then recorded in the outbox
 * (`outbox_messages`) instead of being delivered.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 */
import { jsonResult, wxError, type ApiCaller, type OpenApi } from '../types';

export const OUTBOX_COLLECTION = 'outbox_messages';

const DATE = /^\d{4}[-/年]\d{1,2}[-/月]\d{1,2}日?$/;
const TIME = /^\d{1,2}:\d{2}(:\d{2})?$/;
const DATE_TIME = /^\d{4}[-/年]\d{1,2}[-/月]\d{1,2}日?\s*\d{1,2}:\d{2}(:\d{2})?$/;
/** time and date values may be a span, two points joined by "~". */
const eachOfRange = (v: string, ok: (x: string) => boolean) => {
  const parts = v.split('~').map((x) => x.trim());
  return parts.length <= 2 && parts.every(ok);
};

/** Value rules per template keyword type (the letters before the number in `thing1`, `time2`...). */
const VALUE_RULES: Record<string, (v: string) => boolean> = {
  thing: (v) => [...v].length <= 20,
  number: (v) => v.length <= 32 && /^[-+]?\d+(\.\d+)?$/.test(v),
  letter: (v) => v.length <= 32 && /^[A-Za-z]+$/.test(v),
  symbol: (v) => v.length <= 5 && /^[^\p{L}\p{N}\s]+$/u.test(v),
  character_string: (v) => v.length <= 32 && /^[\x21-\x7e]+$/.test(v),
  time: (v) => eachOfRange(v, (x) => DATE_TIME.test(x) || TIME.test(x)),
  date: (v) => eachOfRange(v, (x) => DATE.test(x) || DATE_TIME.test(x)),
  amount: (v) => /^[¥￥$]?\d{1,10}(\.\d{1,2})?元?$/.test(v),
  phone_number: (v) => v.length <= 17 && /^[\d+\-() ]+$/.test(v),
  car_number: (v) => [...v].length <= 8,
  name: (v) => (/^[\p{Script=Han}·]+$/u.test(v) ? [...v].length <= 10 : v.length <= 20),
  phrase: (v) => [...v].length <= 5 && /^[\p{Script=Han}]+$/u.test(v),
};

const STATES = ['developer', 'trial', 'formal'];
const LANGS = ['zh_CN', 'en_US', 'zh_HK', 'zh_TW'];

export interface OutboxMessage {
  touser: string;
  templateId: string;
  page: string | null;
  data: Record<string, { value: string }>;
  miniprogramState: string;
  lang: string;
  appid: string;
  /** The function that sent it ('' from a script). */
  fromFunction: string;
  sentAt: number;
}

/** `record` stores the message and returns its id. */
export function createSubscribeMessageSend(record: (msg: OutboxMessage) => string): OpenApi {
  return (p, caller: ApiCaller) => {
    if (typeof p.touser !== 'string' || p.touser === '') return wxError(40003, 'invalid openid');
    if (typeof p.template_id !== 'string' || p.template_id === '') return wxError(40037, 'invalid template_id');
    if (p.page !== undefined && (typeof p.page !== 'string' || p.page.startsWith('/')))
      return wxError(47003, 'argument invalid! page');
    const state = p.miniprogram_state ?? 'formal';
    if (typeof state !== 'string' || !STATES.includes(state))
      return wxError(47003, 'argument invalid! miniprogram_state');
    const lang = p.lang ?? 'zh_CN';
    if (typeof lang !== 'string' || !LANGS.includes(lang)) return wxError(47003, 'argument invalid! lang');
    if (!p.data || typeof p.data !== 'object' || Array.isArray(p.data) || Object.keys(p.data).length === 0) {
      return wxError(47003, 'argument invalid! data is empty');
    }
    const data: Record<string, { value: string }> = {};
    for (const [key, entry] of Object.entries(p.data as Record<string, unknown>)) {
      const type = /^([a-z_]+?)\d+$/.exec(key)?.[1];
      const rule = type ? VALUE_RULES[type] : undefined;
      if (!rule) return wxError(47003, `argument invalid! data.${key} is not a template keyword`);
      const raw = entry && typeof entry === 'object' ? (entry as { value?: unknown }).value : undefined;
      if (raw === undefined || raw === null || raw === '')
        return wxError(47003, `argument invalid! data.${key}.value is empty`);
      if (typeof raw !== 'string' && typeof raw !== 'number')
        return wxError(47003, `argument invalid! data.${key}.value invalid`);
      const value = String(raw);
      if (!rule(value)) return wxError(47003, `argument invalid! data.${key}.value invalid`);
      data[key] = { value };
    }
    const id = record({
      touser: p.touser,
      templateId: p.template_id,
      page: typeof p.page === 'string' ? p.page : null,
      data,
      miniprogramState: state,
      lang,
      appid: caller.appid,
      fromFunction: caller.functionName,
      sentAt: Date.now(),
    });
    // The platform's msgid is a number; derive a stable one from the outbox document id.
    const msgid = parseInt(id.replace(/[^0-9a-f]/gi, '').slice(-12) || '0', 16) || Date.now();
    return jsonResult({ errcode: 0, errmsg: 'ok', msgid });
  };
}
