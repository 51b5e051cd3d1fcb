import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { TransferCustomersOutput } from '@core/contracts/account-transfer';
import { MAX_MOVES, TRANSFER_WINDOW_DAYS } from '@core/limits';
import type { GuideSummary } from '@core/contracts/account';
import { Remote } from '@/components/remote';
import { StateView } from '@/components/state-view';
import { useAction } from '@/lib/use-action';
import { useRemote } from '@/lib/use-remote';
import { fetchGuideList, transferCustomers } from '@/features/account/api';
import './insight.scss';

/**
 * A guide leaves: pick them, pick a colleague of the same store, move the customers. The leaving
 * guide is deactivated by the move; their history and the customers' points stay.
 */
export function TransferScreen() {
  const guides = useRemote(() => fetchGuideList());
  const [from, setFrom] = useState<GuideSummary | null>(null);
  const [to, setTo] = useState<GuideSummary | null>(null);
  const [override, setOverride] = useState(false);
  const transfer = useAction({ toast: true });
  const [result, setResult] = useState<TransferCustomersOutput | null>(null);
  // A stopped guide's row in the store page links here with them as the leaving guide.
  const preselect = useRouter().params.from;
  const loaded = guides.status === 'ready' ? guides.data : null;
  useEffect(() => {
    if (preselect && loaded) setFrom((now) => now ?? loaded.find((g) => g.openid === preselect) ?? null);
  }, [preselect, loaded]);

  const submit = async () => {
    if (!from || !to) return;
    const ok = await Taro.showModal({
      title: '确认交接',
      content: `${from.name} 将被停用，其 ${from.customers} 位会员转给 ${to.name}。会员积分和历史记录保持不变。`,
    });
    if (!ok.confirm) return;
    await transfer.run(async () => {
      setResult(await transferCustomers(from.openid, to.openid, override));
      guides.reload();
    });
  };

  const colleaguesOf = (all: GuideSummary[]) =>
    from ? all.filter((g) => g.storeId === from.storeId && g.openid !== from.openid && g.active) : [];
  return (
    <View className="page insight">
      <View className="section-title">1. 离职导购</View>
      <Remote state={guides} empty={{ message: '还没有导购' }}>
        {(all) => (
          <>
            <GuideChoices
              guides={all}
              chosen={from}
              testId="transfer-from"
              onChoose={(g) => {
                setFrom(g);
                setTo(null);
                setResult(null);
              }}
            />
            {from ? (
              <>
                <View className="section-title">2. 接手的同店导购</View>
                {colleaguesOf(all).length === 0 ? (
                  <StateView status="empty" message="同门店没有其他在职导购" />
                ) : (
                  <GuideChoices guides={colleaguesOf(all)} chosen={to} testId="transfer-to" onChoose={setTo} />
                )}
                <View className="insight-filters">
                  <Text
                    className={`insight-chip ${override ? 'insight-chip--on' : ''}`}
                    onClick={() => setOverride(!override)}
                  >
                    {override ? '✓ ' : ''}总部特批：忽略“{TRANSFER_WINDOW_DAYS}天内最多转{MAX_MOVES}次”
                  </Text>
                </View>
                <View className="insight-form">
                  <View
                    className={`insight-button ${!to || transfer.busy ? 'insight-button--plain' : ''}`}
                    onClick={() => void submit()}
                    data-testid="transfer-submit"
                  >
                    {transfer.busy ? '交接中…' : '停用并转移会员'}
                  </View>
                </View>
              </>
            ) : null}
          </>
        )}
      </Remote>
      {result ? (
        <View className="card insight-head" data-testid="transfer-result">
          <Text className="insight-head__name">已转移 {result.moved} 位会员</Text>
          {result.skipped.length > 0 ? (
            <Text className="insight-head__sub">
              {result.skipped.map((s) => s.name).join('、')} 在{TRANSFER_WINDOW_DAYS}天内已转过 {MAX_MOVES}{' '}
              次，未转移（可勾选特批后重试）
            </Text>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}

/** One card of guides to pick from; the chosen one is ticked. */
function GuideChoices(props: {
  guides: GuideSummary[];
  chosen: GuideSummary | null;
  testId: string;
  onChoose: (guide: GuideSummary) => void;
}) {
  return (
    <View className="card">
      {props.guides.map((g) => {
        const chosen = props.chosen?.openid === g.openid;
        return (
          <View
            key={g.openid}
            className={`insight-row ${chosen ? 'insight-row--active' : ''}`}
            data-testid={props.testId}
            onClick={() => props.onChoose(g)}
          >
            <View className="insight-row__main">
              <Text className="insight-row__title">
                {g.name}
                {g.active ? '' : '（已停用）'}
              </Text>
              <Text className="insight-row__sub">会员 {g.customers}</Text>
            </View>
            <Text className="insight-row__extra">{chosen ? '✓' : ''}</Text>
          </View>
        );
      })}
    </View>
  );
}
