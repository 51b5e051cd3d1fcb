import Taro from '@tarojs/taro';
import { useEffect } from 'react';

/** The id of paragraph `index` on the reader page; the observer finds each paragraph by it. */
export const paragraphId = (index: number) => `reader-p-${index}`;

/**
 * Calls `onSeen(index)` when paragraph `index` comes into the visible part of the screen. One
 * observer per paragraph: the H5 observer does not say which of several nodes it saw, and a post
 * has a few dozen paragraphs at most.
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
        const observer = Taro.createIntersectionObserver(page, { thresholds: [0] });
        observer.relativeToViewport({ bottom: 0 }).observe(`#${paragraphId(i)}`, (res) => {
          if ((res.intersectionRatio ?? 0) > 0) onSeen(i);
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
