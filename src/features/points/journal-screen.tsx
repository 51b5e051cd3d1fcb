import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Button } from '@/components/nutui/button';
import { FormFooter } from '@/components/form-footer';
import { Input } from '@/components/nutui/input';
import { StateView } from '@/components/state-view';
import { userMessage } from '@/lib/cloud';
import { useRemote } from '@/lib/use-remote';
import { adjustPoints, fetchJournal, reverseEntry, type JournalEntry } from './api';
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
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');
  const [requestId, setRequestId] = useState(newRequestId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const adjust = async () => {
    setError(null);
    const n = Number(delta.trim());
    if (!filter) return setError('请先查询一位会员');
    if (!Number.isInteger(n) || n === 0) return setError('调整数量须为非零整数，扣减请填负数');
    if (reason.trim().length < 2) return setError('请填写调整原因');
    setBusy(true);
    try {
      // The same requestId until it succeeds: a double tap or a retry adjusts once.
      const r = await adjustPoints(filter, n, reason.trim(), requestId);
      void Taro.showToast({ title: `已调整，余额 ${r.balance}`, icon: 'none' });
      setDelta('');
      setReason('');
      setRequestId(newRequestId());
      journal.reload();
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const reverse = async (entry: JournalEntry) => {
    const answer = await Taro.showModal({
      title: '冲正这条流水？',
      content: `${KIND_LABELS[entry.kind]} ${signed(entry.amount)}，冲正将记一笔相反的流水。`,
      editable: true,
      placeholderText: '冲正原因',
    } as Parameters<typeof Taro.showModal>[0]);
    if (!answer.confirm) return;
    const why = ((answer as { content?: string }).content ?? '').trim() || '总部冲正';
    try {
      await reverseEntry(entry.id, why.length < 2 ? '总部冲正' : why);
      journal.reload();
    } catch (e) {
      void Taro.showToast({ title: userMessage(e), icon: 'none' });
    }
  };

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
      {journal.status === 'ready' && journal.data.account ? (
        <>
          <View className="section-title">
            {journal.data.account.name ?? journal.data.account.openid} · 当前积分 {journal.data.account.balance}
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
      ) : null}
      <View className="section-title">积分流水</View>
      {journal.status === 'loading' ? <StateView status="loading" /> : null}
      {journal.status === 'error' ? (
        <StateView status="error" message={journal.message} onRetry={journal.reload} />
      ) : null}
      {journal.status === 'ready' && journal.data.entries.length === 0 ? (
        <StateView status="empty" message="暂无积分流水" />
      ) : null}
      {journal.status === 'ready' && journal.data.entries.length > 0 ? (
        <View className="card">
          {journal.data.entries.map((e) => (
            <View key={e.id} className="points__row">
              <View className="points__row-main">
                <Text className="points__row-title">
                  {KIND_LABELS[e.kind]} · {e.name ?? e.openid}
                </Text>
                <Text className="points__row-sub">
                  {[e.reason ?? e.note, e.by ? `操作人 ${e.by}` : null, formatDate(e.createdAt, true)]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              </View>
              <Text className={`points__amount points__amount--${e.amount >= 0 ? 'plus' : 'minus'}`}>
                {signed(e.amount)}
              </Text>
              {REVERSIBLE.has(e.kind) && e.amount !== 0 ? (
                <Text className="points__tag" onClick={() => void reverse(e)}>
                  冲正
                </Text>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
