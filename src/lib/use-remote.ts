import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { CloudError, userMessage } from './cloud';

export type RemoteState<T> =
  { status: 'loading' } | { status: 'error'; error: CloudError; message: string } | { status: 'ready'; data: T };

/** What a screen holds: the state, and a way to load again (retry, or after a change). */
export type Remote<T> = RemoteState<T> & { reload: () => void };

/**
 * Loads remote data for a screen and exposes the three states every screen must draw. A reload
 * supersedes any load still in flight, so a slow first answer cannot overwrite a newer one.
 */
export function useRemote<T>(load: () => Promise<T>, deps: readonly unknown[] = []): Remote<T> {
  const [state, setState] = useState<RemoteState<T>>({ status: 'loading' });
  const generation = useRef(0);
  // The caller lists what `load` depends on, as with useEffect.
  const stableLoad = useCallback(load, deps);

  const run = useCallback(() => {
    const mine = ++generation.current;
    setState({ status: 'loading' });
    stableLoad().then(
      (data) => {
        if (mine === generation.current) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (mine !== generation.current) return;
        const cloudError = error instanceof CloudError ? error : new CloudError('INTERNAL');
        setState({ status: 'error', error: cloudError, message: userMessage(cloudError) });
      },
    );
  }, [stableLoad]);

  useEffect(() => {
    run();
    return () => {
      generation.current++;
    };
  }, [run]);

  return { ...state, reload: run };
}

/**
 * Loads again each time the page is shown after the first time (back from an editor, the mall or a
 * detail page), so what changed there is on screen; the first show has just loaded.
 */
export function useReloadOnReturn(reload: () => void): void {
  const first = useRef(true);
  useDidShow(() => {
    if (first.current) first.current = false;
    else reload();
  });
}
