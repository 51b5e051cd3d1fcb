import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Remote } from '@/components/remote';
import { useAction } from '@/lib/use-action';
import { useRemote } from '@/lib/use-remote';
import { withQuery, INSIGHT_ROUTES } from '@/features/insight/routes';
import {
  fetchWorklist,
  recordOutcome,
  REASON_LABELS,
  WORKLIST_ROUTES,
  type Outcome,
  type Worklist,
  type WorklistItem,
} from './api';
import './worklist.scss';

const OUTCOMES: { outcome: Outcome; label: string; toast: string }[] = [
  { outcome: 'contacted', label: '已联系', toast: '已记录：已联系' },
  { outcome: 'later', label: '稍后', toast: '今天先不联系' },
  { outcome: 'unfit', label: '不合适', toast: '以后不再为此推荐' },
];

/**
 * A guide's day: whom to contact, why, to what end and with which words. One tap copies the filled
 * script for the WeChat chat; the outcome takes the customer off today's list.
 */
export function WorklistScreen() {
  const list = useRemote(fetchWorklist);
  return (
    <View className="page worklist">
      <Remote
        state={list}
        loading="正在整理今天的名单"
        isEmpty={(data) => data.items.length === 0}
        empty={{ message: '今天的名单都处理完了', hint: '顾客有新动态时，名单会自动更新' }}
      >
        {(data) => <WorklistBody data={data} />}
      </Remote>
    </View>
  );
}

function WorklistBody({ data }: { data: Worklist }) {
  // Handled items leave at once; the server has recorded them.
  const [gone, setGone] = useState<ReadonlySet<string>>(new Set());
  const items = data.items.filter((i) => !gone.has(i.id));
  return (
    <>
      <View className="worklist-head">
        <Text className="worklist-head__title">今天建议联系 {items.length} 位会员</Text>
        <Text className="worklist-head__sub">
          {data.day} · 已处理 {data.done + gone.size} 位 · 按价值排序
        </Text>
        <Text
          className="worklist-head__link"
          onClick={() => void Taro.navigateTo({ url: WORKLIST_ROUTES.myScripts })}
          data-testid="worklist-scripts"
        >
          话术库 ›
        </Text>
      </View>
      {items.length === 0 ? <View className="worklist-done">今天的名单都处理完了</View> : null}
      {items.map((item) => (
        <ItemCard key={item.id} item={item} onDone={() => setGone(new Set([...gone, item.id]))} />
      ))}
    </>
  );
}

function ItemCard({ item, onDone }: { item: WorklistItem; onDone: () => void }) {
  const action = useAction({ toast: true });
  const copy = () =>
    action.run(async () => {
      if (!item.script) return;
      await Taro.setClipboardData({ data: item.script });
    });
  const decide = (outcome: Outcome, toast: string) =>
    action.run(async () => {
      await recordOutcome(item.id, outcome);
      void Taro.showToast({ title: toast, icon: 'none' });
      onDone();
    });
  return (
    <View className="card worklist-item" data-testid="worklist-item">
      <View
        className="worklist-item__top"
        onClick={() => void Taro.navigateTo({ url: withQuery(INSIGHT_ROUTES.timeline, { openid: item.openid }) })}
      >
        <Text className="worklist-item__name">{item.name || '会员'}</Text>
        <Text className={`worklist-item__kind worklist-item__kind--${item.reasonKind}`}>
          {REASON_LABELS[item.reasonKind]}
        </Text>
      </View>
      <Text className="worklist-item__reason" data-testid="worklist-reason">
        {item.reason}
      </Text>
      <Text className="worklist-item__goal">目的：{item.goal}</Text>
      {item.script ? (
        <View className="worklist-item__script" data-testid="worklist-script">
          {item.script}
        </View>
      ) : null}
      <View className="worklist-item__actions">
        {item.script ? (
          <View className="worklist-btn worklist-btn--primary" onClick={() => void copy()} data-testid="worklist-copy">
            复制话术
          </View>
        ) : null}
        {OUTCOMES.map((o) => (
          <View
            key={o.outcome}
            className={`worklist-btn ${action.busy ? 'worklist-btn--busy' : ''}`}
            onClick={() => void decide(o.outcome, o.toast)}
            data-testid={`worklist-${o.outcome}`}
          >
            {o.label}
          </View>
        ))}
      </View>
    </View>
  );
}
