import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { StateView } from '@/components/state-view';
import { useRemote } from '@/lib/use-remote';
import { fetchNotices, readNotices, type HqNotice } from './api';
import { formatWhen } from './format';
import { CONTENT_ROUTES, withId } from './routes';
import './withdrawn-notices.scss';

/**
 * The console home's banner for posts withdrawn after a re-check ("有 N 条内容被撤回") and scheduled
 * posts held back by a refused image ("有 N 条定时内容未发布"): tapping it opens the list (what
 * happened, title, the check's reason, time) and marks those notices read. Nothing shows
 * while loading or when nothing is unread, so the home does not jump for the common case; a
 * failed load says so with a retry, since a withdrawal HQ never sees is the one that matters.
 */
export function WithdrawnNotices() {
  const state = useRemote(fetchNotices);
  const [open, setOpen] = useState(false);
  if (state.status === 'loading') return null;
  if (state.status === 'error') {
    return (
      <View className="card withdrawn">
        <StateView status="error" message={state.message} onRetry={state.reload} compact />
      </View>
    );
  }
  const { notices, unread } = state.data;
  if (unread === 0 && !open) return null;
  const held = notices.filter((n) => !n.read && n.kind === 'held').length;
  const withdrawn = unread - held;
  const headline =
    unread === 0
      ? '内容安全提醒'
      : [withdrawn > 0 ? `有 ${withdrawn} 条内容被撤回` : '', held > 0 ? `有 ${held} 条定时内容未发布` : '']
          .filter(Boolean)
          .join('，');
  const show = () => {
    setOpen(true);
    const ids = notices.filter((n) => !n.read).map((n) => n.id);
    // Marking read is bookkeeping: a failure leaves the banner for next time, the list still opens.
    if (ids.length > 0) readNotices(ids).catch(() => undefined);
  };
  return (
    <View className="card withdrawn" data-testid="withdrawn-notices">
      <View className="withdrawn__banner" role="alert" onClick={open ? () => setOpen(false) : show}>
        <Text className="withdrawn__banner-text">{headline}</Text>
        <Text className="withdrawn__banner-action">{open ? '收起' : '查看'}</Text>
      </View>
      {open ? notices.map((n) => <NoticeRow key={n.id} notice={n} />) : null}
    </View>
  );
}

const KIND_LABEL: Record<HqNotice['kind'], string> = { withdrawn: '已撤回', held: '定时未发布·已转草稿' };

function NoticeRow({ notice }: { notice: HqNotice }) {
  return (
    <View className="withdrawn__row" data-testid="withdrawn-row">
      <View className="withdrawn__row-head">
        <Text className={`withdrawn__kind withdrawn__kind--${notice.kind}`}>{KIND_LABEL[notice.kind]}</Text>
        <Text className="withdrawn__title">{notice.title}</Text>
        <Text className="withdrawn__time">{formatWhen(notice.createdAt)}</Text>
      </View>
      <Text className="withdrawn__reason">{notice.reason}</Text>
      {notice.kind === 'held' ? (
        // Back to a draft: HQ replaces the image and schedules it again in the editor.
        <Text
          className="withdrawn__action"
          data-testid="held-edit"
          onClick={() => void Taro.navigateTo({ url: withId(CONTENT_ROUTES.postEdit, notice.postId) })}
        >
          换图后重新发布 ›
        </Text>
      ) : null}
    </View>
  );
}
