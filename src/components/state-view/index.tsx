import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.scss';

export interface StateViewProps {
  status: 'loading' | 'error' | 'empty';
  /** Chinese text for the state: the error message as the server gave it, or what is missing. */
  message?: string;
  /** Shown under the message, e.g. what to do next. */
  hint?: string;
  onRetry?: () => void;
  action?: ReactNode;
  /** One line inside a card (a section of a form) instead of a block filling the screen. */
  compact?: boolean;
}

/** The loading, empty and error states every screen draws the same way. */
export function StateView({ status, message, hint, onRetry, action, compact }: StateViewProps) {
  const block = `state-view${compact ? ' state-view--compact' : ''}`;
  if (status === 'loading') {
    return (
      <View className={block} role="status" aria-live="polite">
        <View className="state-view__spinner" />
        <Text className="state-view__text">{message ?? '加载中…'}</Text>
      </View>
    );
  }
  return (
    <View className={`${block} state-view--${status}`} role={status === 'error' ? 'alert' : undefined}>
      {compact ? null : <View className="state-view__icon">{status === 'error' ? '!' : '∅'}</View>}
      <Text className="state-view__text">{message ?? (status === 'error' ? '出错了' : '暂无内容')}</Text>
      {hint ? <Text className="state-view__hint">{hint}</Text> : null}
      {status === 'error' && onRetry ? (
        <View className="state-view__retry" onClick={onRetry} hoverClass="state-view__retry--active">
          重试
        </View>
      ) : null}
      {action}
    </View>
  );
}
