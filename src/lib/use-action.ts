import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { userMessage } from './cloud';

/** Shows what went wrong in a toast: for taps that have no form to show it in. */
export function toastFailure(error: unknown): void {
  void Taro.showToast({ title: userMessage(error), icon: 'none' });
}

export interface Action {
  /** True while the work runs; the button shows it and ignores taps. */
  busy: boolean;
  /** Why the last run failed (Chinese), or a problem the form found before running. */
  error: string | null;
  setError: (error: string | null) => void;
  /** Runs `work` unless a run is under way; a failure becomes `error` (or a toast). */
  run: (work: () => Promise<void>) => Promise<void>;
}

/**
 * One user action at a time: a form's submit or a button's tap. With `toast`, a failure is shown
 * in a toast instead of kept in `error` (for taps outside a form).
 */
export function useAction(options: { toast?: boolean } = {}): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A second tap in the same frame sees the ref, not yet the state.
  const running = useRef(false);

  const run = async (work: () => Promise<void>) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      if (options.toast) toastFailure(e);
      else setError(userMessage(e));
    } finally {
      running.current = false;
      setBusy(false);
    }
  };

  return { busy, error, setError, run };
}
