import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { MAX_TIERS, TIER_BASIS_LABELS, type TierBasis } from '@core/points/tiers';
import { FormFooter } from '@/components/form-footer';
import { Input } from '@/components/nutui/input';
import { Remote } from '@/components/remote';
import { useAction } from '@/lib/use-action';
import { useRemote } from '@/lib/use-remote';
import { fetchTiers, saveTiers, type SetTiersInput, type Tiers } from './api';
import './points.scss';

interface Row {
  id: string;
  name: string;
  /** Points, or whole yuan for the purchase basis. */
  min: string;
}

const scaleOf = (basis: TierBasis) => (basis === 'purchase' ? 100 : 1);

/** Reads the rows in order; answers setTiers' input or a Chinese problem. */
export function parseTiersForm(basis: TierBasis, rows: readonly Row[]): SetTiersInput | string {
  const tiers: SetTiersInput['tiers'] = [];
  for (const [i, r] of rows.entries()) {
    if (r.name.trim() === '') return `第 ${i + 1} 个等级：请填写名称`;
    if (!/^\d+$/.test(r.min.trim()) || Number(r.min) < 1) return `第 ${i + 1} 个等级：门槛请填写正整数`;
    tiers.push({ id: r.id, name: r.name.trim(), min: Number(r.min) * scaleOf(basis) });
  }
  return { basis, tiers };
}

/** HQ: member tiers, lowest first; members move at the next hourly computation. */
export function TiersEditor() {
  const tiers = useRemote(fetchTiers);
  return (
    <View className="page console-form">
      <Remote state={tiers}>{(saved) => <TiersForm saved={saved} onSaved={tiers.reload} />}</Remote>
    </View>
  );
}

function TiersForm({ saved, onSaved }: { saved: Tiers; onSaved: () => void }) {
  const [basis, setBasis] = useState<TierBasis>(saved.basis);
  const [rows, setRows] = useState<Row[]>(() =>
    saved.tiers.map((t) => ({ id: t.id, name: t.name, min: String(t.min / scaleOf(saved.basis)) })),
  );
  const { busy, error, setError, run } = useAction();
  const update = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const add = () => setRows([...rows, { id: `t${Date.now().toString(36)}`, name: '', min: '' }]);

  const save = async () => {
    const parsed = parseTiersForm(basis, rows);
    if (typeof parsed === 'string') return setError(parsed);
    await run(async () => {
      await saveTiers(parsed);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      onSaved();
    });
  };

  return (
    <>
      <View className="console-form__hint">
        会员按{TIER_BASIS_LABELS[basis]}
        进入达到门槛的最高等级，每小时更新一次；低于第一个门槛为普通会员。商城商品可设为某等级及以上专享。
      </View>
      <View className="counter-tabs">
        {(['points', 'purchase'] as const).map((b) => (
          <View
            key={b}
            className={`counter-tabs__tab ${basis === b ? 'counter-tabs__tab--on' : ''}`}
            onClick={() => setBasis(b)}
          >
            {b === 'points' ? '按获得积分' : '按消费金额'}
          </View>
        ))}
      </View>
      <View className="card">
        {rows.map((r, i) => (
          <View key={r.id} className="console-form__field">
            <Input
              value={r.name}
              placeholder="等级名称，如 银卡"
              maxLength={10}
              onChange={(v) => update(i, { name: v })}
            />
            <Input
              type="digit"
              value={r.min}
              placeholder={basis === 'points' ? '门槛（积分）' : '门槛（元）'}
              onChange={(v) => update(i, { min: v })}
            />
            <Text className="points__more" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
              删除
            </Text>
          </View>
        ))}
        {rows.length < MAX_TIERS ? (
          <View className="points__more" onClick={add}>
            添加等级
          </View>
        ) : null}
      </View>
      <FormFooter error={error} busy={busy} label="保存等级" onSubmit={() => void save()} />
    </>
  );
}
