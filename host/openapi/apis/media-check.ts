/**
 * security.mediaCheckAsync v2: accepts the call with a trace id, then — as WeChat does within 30
 * minutes — pushes the verdict as a message event (`Event: 'wxa_media_check'`) to the function the
 * environment's message push names (host config `messagePush`), matched by `trace_id` only.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/mediaCheckAsync.html
 *
 * The local verdict: an image whose bytes carry `siyu-media-check:risky` (or `:review`) — e.g. in
 * its EXIF ImageDescription, which sharp writes with `withMetadata({ exif: { IFD0: {
 * ImageDescription } } })` and the editor's upload keeps — is `risky` (or `review`, label 20002);
 * anything else passes. A URL that cannot be downloaded is pushed as `review` with detail errcode
 * -1008, the way WeChat reports media it could not fetch.
 */
import crypto from 'node:crypto';
import { jsonResult, wxError, type ApiCaller, type OpenApi } from '../types';

export const MEDIA_CHECK_EVENT = 'wxa_media_check';
/** The marker that makes the local check answer `risky` / `review` (documented in host/README.md). */
export const MEDIA_MARKER = 'siyu-media-check:';
/** The label the local check gives marked media (WeChat's 色情; any v2 label would do). */
const MARKED_LABEL = '20002';

export interface MediaCheckOptions {
  /** Milliseconds between the call and the push. */
  delayMs: number;
  /** Downloads the media as WeChat would (a plain GET of mediaUrl). */
  fetchMedia: (url: string) => Promise<Buffer>;
  /** Delivers a message event to the environment's configured function. */
  deliver: (event: Record<string, unknown>) => Promise<void>;
}

export type MediaSuggest = 'pass' | 'risky' | 'review';

/** The verdict for these bytes under the local rule. */
export function localMediaVerdict(bytes: Buffer): MediaSuggest {
  const at = bytes.indexOf(MEDIA_MARKER, 0, 'latin1');
  if (at < 0) return 'pass';
  const word = bytes.subarray(at + MEDIA_MARKER.length, at + MEDIA_MARKER.length + 6).toString('latin1');
  return word.startsWith('risky') ? 'risky' : word.startsWith('review') ? 'review' : 'pass';
}

/**
 * The API and its pushes. Pushes are timers the tests can wait for (`idle`) or hold back and let go
 * (`hold` / `release`) to see a post while its images are still being checked.
 */
export class MediaCheckService {
  delayMs: number;
  private readonly pending = new Set<Promise<void>>();
  private held: (() => void)[] | null = null;
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  private stopped = false;

  constructor(private readonly opts: MediaCheckOptions) {
    this.delayMs = opts.delayMs;
  }

  readonly api: OpenApi = (p, caller) => {
    const url = p.media_url ?? p.mediaUrl;
    const type = p.media_type ?? p.mediaType;
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return wxError(47001, 'data format error: media_url');
    if (type !== 1 && type !== 2) return wxError(47001, 'data format error: media_type must be 1 or 2');
    if (p.version !== 2) return wxError(47001, 'data format error: version must be 2');
    if (typeof p.openid !== 'string' || p.openid === '') return wxError(40003, 'invalid openid');
    if (p.scene !== 1 && p.scene !== 2 && p.scene !== 3 && p.scene !== 4)
      return wxError(47001, 'data format error: scene must be 1, 2, 3 or 4');
    const traceId = `local-${crypto.randomUUID()}`;
    this.schedule(() => this.push(url, traceId, caller));
    return jsonResult({ errcode: 0, errmsg: 'ok', trace_id: traceId });
  };

  /** Resolves when every push started so far has been delivered (held ones count once released). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Pushes wait until release() (tests of a post whose images are still being checked). */
  hold(): void {
    this.held ??= [];
  }

  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const go of held) go();
  }

  /** Drops every push not yet delivered (the local cloud is stopping). */
  stop(): void {
    this.stopped = true;
    // Held pushes start now, and starting after stop() ends them undelivered.
    this.release();
    for (const [timer, done] of this.timers) {
      clearTimeout(timer);
      done();
    }
    this.timers.clear();
  }

  private schedule(work: () => Promise<void>): void {
    if (this.stopped) return;
    // Only started pushes are pending: idle() does not wait for held ones.
    const start = () => {
      if (this.stopped) return;
      const run = new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          work().then(resolve, resolve);
        }, this.delayMs);
        this.timers.set(timer, resolve);
      });
      this.pending.add(run);
      void run.then(() => this.pending.delete(run));
    };
    if (this.held) this.held.push(start);
    else start();
  }

  private async push(url: string, traceId: string, caller: ApiCaller): Promise<void> {
    let suggest: MediaSuggest;
    let errcode = 0;
    try {
      suggest = localMediaVerdict(await this.opts.fetchMedia(url));
    } catch {
      suggest = 'review';
      errcode = -1008;
    }
    const label = suggest === 'pass' ? '100' : MARKED_LABEL;
    await this.opts.deliver({
      ToUserName: caller.appid ? `gh_${caller.appid}` : 'gh_local',
      FromUserName: 'o_wx_media_check',
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'event',
      Event: MEDIA_CHECK_EVENT,
      appid: caller.appid,
      trace_id: traceId,
      version: 2,
      result: { suggest, label },
      detail: [{ strategy: 'content_model', errcode, suggest, label, prob: suggest === 'pass' ? 0 : 90 }],
    });
  }
}
