import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Button } from '@/components/nutui/button';
import { FormFooter } from '@/components/form-footer';
import { Input } from '@/components/nutui/input';
import { Remote } from '@/components/remote';
import { StateView } from '@/components/state-view';
import { toastFailure, useAction } from '@/lib/use-action';
import { useRemote } from '@/lib/use-remote';
import { adjustPoints, fetchJournal, reverseEntry, type JournalEntry, type JournalPage } from './api';
import { formatDate, KIND_LABELS, newRequestId, signed } from './format';
import './points.scss';

const REVERSIBLE = new Set(['welcome', 'referralJoined', 'referralFirstRedeem', 'adjust']);

/**
 * HQ: the points journal (everything, or one member) and manual adjustments. Every adjustment and
 * reversal needs a reason and is itself a journal entry naming the operator: that is the audit.
 */
export function JournalScreen() {
  const [member, setMember] = useState('');
  const [filter, setFilter] = useState<string | undefined>(undefined);
  const journal = useRemote(() => fetchJournal(filter ? { openid: filter } : {}), [filter]);

  return (
    <View className="page console-form points">
      <View className="card">
        <View className="console-form__field">
          <Text className="console-form__label">会员 openid</Text>
          <Input value={member} placeholder="留空查看全部流水" onChange={setMember} clearable />
        </View>
      </View>
      <View className="console-form__actions">
        <Button block onClick={() => setFilter(member.trim() || undefined)}>
          查询
        </Button>
      </View>
      <Remote state={journal}>
        {(page) => (
          <>
            {page.account ? <AdjustForm account={page.account} onAdjusted={journal.reload} /> : null}
            <View className="section-title">积分流水</View>
            {page.entries.length === 0 ? (
              <StateView status="empty" message="暂无积分流水" />
            ) : (
              <View className="card">
                {page.entries.map((e) => (
                  <EntryRow key={e.id} entry={e} onReversed={journal.reload} />
                ))}
              </View>
            )}
          </>
        )}
      </Remote>
    </View>
  );
}

/** One member's balance and a manual adjustment of it. */
function AdjustForm({ account, onAdjusted }: { account: NonNullable<JournalPage['account']>; onAdjusted: () => void }) {
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');
  // The same requestId until it succeeds: a double tap or a retry adjusts once.
  const [requestId] = useState(newRequestId);
  const { busy, error, setError, run } = useAction();

  const adjust = async () => {
    setError(null);
    const n = Number(delta.trim());
    if (!Number.isInteger(n) || n === 0) return setError('调整数量须为非零整数，扣减请填负数');
    if (reason.trim().length < 2) return setError('请填写调整原因');
    await run(async () => {
      const r = await adjustPoints(account.openid, n, reason.trim(), requestId);
      void Taro.showToast({ title: `已调整，余额 ${r.balance}`, icon: 'none' });
      // Reloading draws a fresh form, with a new requestId for the next adjustment.
      onAdjusted();
    });
  };

  return (
    <>
      <View className="section-title">
        {account.name ?? account.openid} · 当前积分 {account.balance}
      </View>
      <View className="card">
        <View className="console-form__field">
          <Text className="console-form__label">调整数量</Text>
          <Input type="text" value={delta} placeholder="如 100 或 -50" onChange={setDelta} />
        </View>
        <View className="console-form__field">
          <Text className="console-form__label">原因</Text>
          <Input value={reason} placeholder="必填，会员可在明细中看到" onChange={setReason} maxLength={100} />
        </View>
      </View>
      <FormFooter error={error} busy={busy} label="确认调整" onSubmit={() => void adjust()} />
    </>
  );
}

function EntryRow({ entry, onReversed }: { entry: JournalEntry; onReversed: () => void }) {
  const reverse = async () => {
    const answer = await Taro.showModal({
      title: '冲正这条流水？',
      content: `${KIND_LABELS[entry.kind]} ${signed(entry.amount)}，冲正将记一笔相反的流水。`,
      editable: true,
      placeholderText: '冲正原因',
    } as Parameters<typeof Taro.showModal>[0]);
    if (!answer.confirm) return;
    const why = ((answer as { content?: string }).content ?? '').trim() || '总部冲正';
    await reverseEntry(entry.id, why.length < 2 ? '总部冲正' : why).then(onReversed, toastFailure);
  };

  return (
    <View className="points__row">
      <View className="points__row-main">
        <Text className="points__row-title">
          {KIND_LABELS[entry.kind]} · {entry.name ?? entry.openid}
        </Text>
        <Text className="points__row-sub">
          {[entry.reason ?? entry.note, entry.by ? `操作人 ${entry.by}` : null, formatDate(entry.createdAt, true)]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      </View>
      <Text className={`points__amount points__amount--${entry.amount >= 0 ? 'plus' : 'minus'}`}>
        {signed(entry.amount)}
      </Text>
      {REVERSIBLE.has(entry.kind) && entry.amount !== 0 ? (
        <Text className="points__tag" onClick={() => void reverse()}>
          冲正
        </Text>
      ) : null}
    </View>
  );
}
