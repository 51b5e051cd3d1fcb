import type { PostStatus, PostSummary } from './api';

export const STATUS_LABELS: Record<PostStatus, string> = {
  draft: '草稿',
  scheduled: '待发布',
  published: '已发布',
  archived: '已归档',
  withdrawn: '已撤回',
};

export const STRENGTH_LABELS = { off: '关闭', subtle: '轻微', standard: '标准' } as const;

const pad = (n: number) => String(n).padStart(2, '0');

/** China time (UTC+8) parts, whatever the device's zone: the product's day is the chain's day. */
function chinaParts(t: number) {
  const d = new Date(t + 8 * 3600_000);
  return {
    y: d.getUTCFullYear(),
    mo: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    mi: d.getUTCMinutes(),
  };
}

const dayIndex = (t: number) => Math.floor((t + 8 * 3600_000) / 86_400_000);

/** "今天 12:24", "明天 08:00", "3月8日 18:12". */
export function formatWhen(t: number, now: number = Date.now()): string {
  const p = chinaParts(t);
  const hm = `${pad(p.h)}:${pad(p.mi)}`;
  const diff = dayIndex(t) - dayIndex(now);
  if (diff === 0) return `今天 ${hm}`;
  if (diff === 1) return `明天 ${hm}`;
  if (diff === -1) return `昨天 ${hm}`;
  return `${p.mo}月${p.d}日 ${hm}`;
}

/** "2026-03-08" and "12:30" in China time, for pickers. */
export function toDateTimeFields(t: number): { date: string; time: string } {
  const p = chinaParts(t);
  return { date: `${p.y}-${pad(p.mo)}-${pad(p.d)}`, time: `${pad(p.h)}:${pad(p.mi)}` };
}

/** The inverse of toDateTimeFields; NaN when the fields are not a time. */
export function fromDateTimeFields(date: string, time: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const n = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m || !n) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(n[1]) - 8, Number(n[2]));
}

export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—';
}

/** "1,240": counts of guides, as HQ reads them. */
const count = (n: number) => n.toLocaleString('en-US');

/** "变体生成 1,240 / 5,000" (and what was given up on), for a published post whose variants are being made. */
export function formatVariantProgress(p: NonNullable<PostSummary['variants']>): string {
  const failed = p.failed > 0 ? `，${count(p.failed)} 个失败` : '';
  return `变体生成 ${count(p.made)} / ${count(p.total)}${failed}`;
}

/** "12.3 MB", "860 KB". */
export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(2)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.round(n / 1024)} KB`;
}
