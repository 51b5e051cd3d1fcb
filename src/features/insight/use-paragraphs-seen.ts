import Taro from '@tarojs/taro';
import { useEffect } from 'react';

/** The id of paragraph `index` on the reader page; the observer finds each paragraph by it. */
export const paragraphId = (index: number) => `reader-p-${index}`;

/** Crossings that report a paragraph coming in and filling up; a tall one's end shows on the way out of 1. */
const THRESHOLDS = [0, 0.25, 0.5, 0.75, 1];

interface Seen {
  intersectionRatio?: number;
  boundingClientRect?: { bottom: number };
  relativeRect?: { bottom: number };
}

/**
 * A paragraph is read when its end has been on screen: all of it is in view, or (taller than the
 * screen) its bottom edge is. A paragraph only peeking in at the bottom is not read yet.
 */
export function endInView({ intersectionRatio = 0, boundingClientRect, relativeRect }: Seen): boolean {
  if (intersectionRatio >= 0.99) return true;
  return (
    intersectionRatio > 0 &&
    !!boundingClientRect &&
    !!relativeRect &&
    boundingClientRect.bottom <= relativeRect.bottom + 1
  );
}

/**
 * Calls `onSeen(index)` when the end of paragraph `index` has been on screen. One observer per
 * paragraph: the H5 observer does not say which of several nodes it saw, and a post has a few
 * dozen paragraphs at most.
 */
export function useParagraphsSeen(count: number, onSeen: (index: number) => void): void {
  useEffect(() => {
    if (count === 0) return undefined;
    const observers: Taro.IntersectionObserver[] = [];
    let stopped = false;
    // After the paragraphs are rendered: an observer only finds nodes that exist when it starts.
    Taro.nextTick(() => {
      if (stopped) return;
      const page = (Taro.getCurrentInstance().page ?? {}) as TaroGeneral.IAnyObject;
      for (let i = 0; i < count; i++) {
        const observer = Taro.createIntersectionObserver(page, { thresholds: THRESHOLDS });
        observer.relativeToViewport({ bottom: 0 }).observe(`#${paragraphId(i)}`, (res) => {
          if (endInView(res)) onSeen(i);
        });
        observers.push(observer);
      }
    });
    return () => {
      stopped = true;
      observers.forEach((o) => o.disconnect());
    };
  }, [count]);
}
