import { useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchShareLink, type ShareInput, type ShareLink } from './api';

export interface ShareHandle {
  /** The link once the server has given it (it is fetched as soon as the input is known). */
  link: ShareLink | undefined;
  /** The link, fetched now if it has not arrived yet; one request per input however often asked. */
  ensure: () => Promise<ShareLink>;
}

/** What a chat card or a Moments entry shows besides the link. */
export interface ShareCard {
  title: string;
  imageUrl?: string;
}

/**
 * The caller's share link for `input` (a post, a reshare of one, or an invitation). Fetched when
 * the page has the input, because a Moments share is answered synchronously: a link asked for only
 * then would come too late. The server keeps one link per (sharer, post, parent), so asking is
 * idempotent.
 */
export function useShareLink(input: ShareInput | undefined): ShareHandle {
  const key = input ? JSON.stringify(input) : '';
  const [link, setLink] = useState<{ key: string; value: ShareLink } | undefined>();
  const pending = useRef<{ key: string; promise: Promise<ShareLink> } | undefined>();

  const ensure = useCallback(() => {
    if (!input) return Promise.reject(new Error('nothing to share yet'));
    if (pending.current?.key === key) return pending.current.promise;
    const promise = fetchShareLink(input).then((value) => {
      setLink({ key, value });
      return value;
    });
    // A failure is not kept: the next tap asks again.
    promise.catch(() => {
      if (pending.current?.promise === promise) pending.current = undefined;
    });
    pending.current = { key, promise };
    return promise;
  }, [key]);

  useEffect(() => {
    if (input) ensure().catch(() => undefined);
  }, [key]);

  return { link: link?.key === key ? link.value : undefined, ensure };
}

/** The query of a share path (`/pages/x/index?t=…` → `t=…`), which a Moments entry carries. */
export function queryOf(path: string): string {
  const at = path.indexOf('?');
  return at < 0 ? '' : path.slice(at + 1);
}

/**
 * The page's chat card: the share link's path. When the link has not arrived yet, WeChat waits up
 * to three seconds for `promise` and otherwise sends `fallbackPath`.
 */
export function useShareCard(share: ShareHandle, card: () => ShareCard, fallbackPath: () => string): void {
  useShareAppMessage(() => {
    const base = card();
    if (share.link) return { ...base, path: share.link.path };
    return {
      ...base,
      path: fallbackPath(),
      promise: share.ensure().then((l) => ({ ...base, path: l.path })),
    };
  });
}

/**
 * The page's Moments entry. Moments opens this same page with the query, and must be answered at
 * once: the link's query when it has arrived, else `fallbackQuery`.
 */
export function useShareMoments(share: ShareHandle, card: () => ShareCard, fallbackQuery: () => string): void {
  useShareTimeline(() => ({ ...card(), query: share.link ? queryOf(share.link.path) : fallbackQuery() }));
}
