/**
 * Turns zod's first issue into one short Chinese sentence that names the field, for the user.
 * zod's own zh-CN locale speaks in types and regular expressions ("期望 string <=3 字符"), which
 * means nothing to a store guide.
 */
import type * as z from 'zod';

const short = (k: string) => (k.length > 40 ? `${k.slice(0, 40)}…` : k);

function fieldOf(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '输入';
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
    .join('.')
    .replace(/\.\[/g, '[');
}

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '是/否',
  array: '列表',
  object: '对象',
};

function sizeUnit(origin: string | undefined): string {
  if (origin === 'string') return '个字';
  if (origin === 'array' || origin === 'set') return '项';
  return '';
}

export function issueMessage(issue: z.core.$ZodIssue): { field: string; message: string } {
  const field = fieldOf(issue.path);
  const say = (what: string) => ({ field, message: `${field}：${what}` });
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return say('必填');
      return say(`应为${TYPE_NAMES[issue.expected] ?? issue.expected}`);
    case 'too_small': {
      const unit = sizeUnit(issue.origin);
      if (unit === '个字' && Number(issue.minimum) <= 1) return say('不能为空');
      if (unit) return say(`至少 ${String(issue.minimum)} ${unit}`);
      return say(`不能小于 ${String(issue.minimum)}`);
    }
    case 'too_big': {
      const unit = sizeUnit(issue.origin);
      if (unit) return say(`最多 ${String(issue.maximum)} ${unit}`);
      return say(`不能大于 ${String(issue.maximum)}`);
    }
    case 'invalid_format':
      return say('格式不正确');
    case 'not_multiple_of':
      return say('数值不符合要求');
    case 'unrecognized_keys': {
      // The keys are the caller's own text: name a few, never echo thousands back.
      const shown = issue.keys.slice(0, 3).map(short).join('、');
      const more = issue.keys.length > 3 ? ` 等 ${issue.keys.length} 个` : '';
      return { field: short(issue.keys[0] ?? field), message: `不支持的字段：${shown}${more}` };
    }
    case 'invalid_value':
      // A missing literal or enum field is reported as a wrong value, not a wrong type.
      if (issue.input === undefined) return say('必填');
      return say('取值不在允许范围内');
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return say('内容不正确');
    case 'custom':
      // Refinements in core/contracts carry their own Chinese message.
      return say(/[\u4e00-\u9fff]/.test(issue.message) ? issue.message : '内容不正确');
    default:
      return say('内容不正确');
  }
}
