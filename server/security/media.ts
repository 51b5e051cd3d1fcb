/**
 * WeChat's image content security (security.mediaCheckAsync v2) through wx-server-sdk: the call
 * answers a trace id only; the verdict arrives later as a message push (`Event: 'wxa_media_check'`)
 * to the function the environment's message push names. Both ends are typed here once.
 */
import { callSecurity, LABEL_REASONS, SecurityUnavailableError, type SecScene } from './text';
import type { Cloud } from '../kit/types';

export const MEDIA_CHECK_EVENT = 'wxa_media_check';

/** Submits one image (by a downloadable URL) for checking; answers the trace id its verdict will carry. */
export async function mediaCheckAsync(
  cloud: Cloud,
  openid: string,
  scene: SecScene,
  mediaUrl: string,
): Promise<string> {
  const res = await callSecurity(cloud, 'mediaCheckAsync', { mediaUrl, mediaType: 2, version: 2, scene, openid });
  const body = res as { errCode?: unknown; errcode?: unknown; traceId?: unknown; trace_id?: unknown };
  const code = body.errCode ?? body.errcode ?? 0;
  const traceId = body.traceId ?? body.trace_id;
  if (code !== 0 || typeof traceId !== 'string' || traceId === '') {
    throw new SecurityUnavailableError(`mediaCheckAsync answered ${JSON.stringify(body).slice(0, 200)}`);
  }
  return traceId;
}

export interface MediaVerdict {
  traceId: string;
  suggest: 'pass' | 'review' | 'risky';
  label: number;
}

/** The verdict a wxa_media_check push carries, or null when the event is not one (label arrives as a string). */
export function readMediaVerdict(event: Readonly<Record<string, unknown>>): MediaVerdict | null {
  const traceId = event.trace_id;
  const result = event.result as { suggest?: unknown; label?: unknown } | undefined;
  const suggest = result?.suggest;
  if (typeof traceId !== 'string' || traceId === '' || traceId.length > 128) return null;
  if (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky') return null;
  const label = Number(result?.label);
  return { traceId, suggest, label: Number.isInteger(label) ? label : 100 };
}

/** The operator's words for a refused image. */
export function mediaReason(verdict: Pick<MediaVerdict, 'suggest' | 'label'>): string {
  const what = LABEL_REASONS[verdict.label] ?? '疑似违规内容';
  return verdict.suggest === 'risky' ? what : `需人工复核（${what}）`;
}
