import { useEffect } from 'react';
import { checkImages, type ImageCheck } from './api';
import type { ImageSlot } from './post-draft';

/** How often the editor asks again while an image's verdict is on its way (WeChat pushes it later). */
export const CHECK_POLL_MS = 1500;

/** Stored images whose check is not known yet or still pending. */
function waiting(slots: readonly ImageSlot[]): string[] {
  return slots.flatMap((s) => (s.fileID && (!s.check || s.check.status === 'pending') ? [s.fileID] : []));
}

/**
 * Sends each uploaded image to the image check and keeps its slot's state current: right after the
 * upload, then every CHECK_POLL_MS while one is pending. A failed call is tried again at the next tick.
 */
export function useImageChecks(slots: readonly ImageSlot[], patch: (checks: Map<string, ImageCheck>) => void): void {
  const key = waiting(slots).join('|');
  useEffect(() => {
    if (!key) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const round = async () => {
      try {
        const checks = await checkImages(key.split('|'));
        if (!live) return;
        patch(new Map(checks.map((c) => [c.fileID, c])));
        // A verdict changes the waiting images, which starts this effect again for the rest.
        if (checks.every((c) => c.status !== 'pending')) return;
      } catch {
        // Shown as 检测中 until a later round answers.
      }
      if (live) timer = setTimeout(() => void round(), CHECK_POLL_MS);
    };
    void round();
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `patch` is the editor's setter; the rounds follow the images still waiting.
  }, [key]);
}
