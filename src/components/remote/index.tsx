import type { ReactNode } from 'react';
import { StateView } from '@/components/state-view';
import type { Remote as RemoteData } from '@/lib/use-remote';

export interface RemoteProps<T> {
  /** What `useRemote` returned for this part of the screen. */
  state: RemoteData<T>;
  /** Chinese text beside the spinner, e.g. what is being prepared. */
  loading?: string;
  /** The empty state, drawn instead of `children` when `isEmpty(data)`. */
  empty?: { message: string; hint?: string; action?: ReactNode };
  /** When the data counts as nothing to show; by default an empty list does. */
  isEmpty?: (data: T) => boolean;
  /** A one-line state for a section inside a card, rather than a block for the whole screen. */
  compact?: boolean;
  children: (data: T) => ReactNode;
}

const emptyList = (data: unknown) => Array.isArray(data) && data.length === 0;

/**
 * The four states of remote data drawn the same way on every screen: loading, the server's message
 * with a retry, empty, and the screen's own view of the data.
 */
export function Remote<T>({ state, loading, empty, isEmpty = emptyList, compact, children }: RemoteProps<T>) {
  if (state.status === 'loading') return <StateView status="loading" message={loading} compact={compact} />;
  if (state.status === 'error') {
    return <StateView status="error" message={state.message} onRetry={state.reload} compact={compact} />;
  }
  if (isEmpty(state.data)) {
    return (
      <StateView status="empty" message={empty?.message} hint={empty?.hint} action={empty?.action} compact={compact} />
    );
  }
  return <>{children(state.data)}</>;
}
