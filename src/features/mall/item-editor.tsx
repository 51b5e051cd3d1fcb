import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ItemKind } from '@core/contracts/mall';
import { FormFooter } from '@/components/form-footer';
import { Input } from '@/components/nutui/input';
import { Remote } from '@/components/remote';
import { fetchTiers } from '@/features/points/api';
import { formatDate } from '@/features/points/format';
import { useAction } from '@/lib/use-action';
import { useRemote } from '@/lib/use-remote';
import { fetchItem, saveItem, type ItemDetail, type SaveItemInput } from './api';
import { parseEndDate, parseYuan } from './format';
import '@/features/points/points.scss';
import './mall.scss';

interface Form {
  title: string;
  description: string;
  kind: ItemKind;
  pointsPrice: string;
  stock: string;
  perUserLimit: string;
  validDays: string;
  amount: string;
  threshold: string;
  endDate: string;
  active: boolean;
  /** A tier id, '' for every member. */
  minTier: string;
}

const EMPTY: Form = {
  title: '',
  description: '',
  kind: 'coupon',
  pointsPrice: '100',
  stock: '100',
  perUserLimit: '1',
  validDays: '30',
  amount: '',
  threshold: '',
  endDate: '',
  active: true,
  minTier: '',
};

function formOf(item: ItemDetail['item']): Form {
  return {
    title: item.title,
    description: item.description ?? '',
    kind: item.kind,
    pointsPrice: String(item.pointsPrice),
    stock: String(item.stock),
    perUserLimit: String(item.perUserLimit),
    validDays: String(item.validDays),
    amount: item.amountFen !== undefined ? String(item.amountFen / 100) : '',
    threshold: item.thresholdFen ? String(item.thresholdFen / 100) : '',
    endDate: item.endsAt ? formatDate(item.endsAt - 1) : '',
    active: item.active,
    minTier: item.minTier?.id ?? '',
  };
}

/** Turns the form into saveItem's input, or a Chinese problem to show. */
export function toSaveInput(f: Form, id: string | undefined, startsAt: number | undefined): SaveItemInput | string {
  const int = (v: string) => (/^\d+$/.test(v.trim()) ? Number(v.trim()) : null);
  if (!f.title.trim()) return '请填写名称';
  const pointsPrice = int(f.pointsPrice);
  const stock = int(f.stock);
  const perUserLimit = int(f.perUserLimit);
  const validDays = int(f.validDays);
  if (pointsPrice === null) return '所需积分：请填写整数（0 为免费领取）';
  if (stock === null) return '库存：请填写整数';
  if (perUserLimit === null || perUserLimit < 1) return '每人限兑：至少 1 次';
  if (validDays === null || validDays < 1) return '有效天数：至少 1 天';
  const endsAt = f.endDate.trim() ? parseEndDate(f.endDate) : null;
  if (f.endDate.trim() && endsAt === null) return '兑换截止日期格式为 2026-12-31';
  const base: SaveItemInput = {
    ...(id ? { id } : {}),
    title: f.title.trim(),
    ...(f.description.trim() ? { description: f.description.trim() } : {}),
    kind: f.kind,
    pointsPrice,
    stock,
    perUserLimit,
    validDays,
    active: f.active,
    minTier: f.minTier === '' ? null : f.minTier,
    ...(startsAt !== undefined ? { startsAt } : {}),
    endsAt,
  };
  if (f.kind === 'gift') return base;
  const amountFen = parseYuan(f.amount);
  if (amountFen === null || amountFen <= 0) return '面额：请填写金额，如 20 或 19.9';
  const thresholdFen = f.threshold.trim() ? parseYuan(f.threshold) : 0;
  if (thresholdFen === null) return '使用门槛：请填写金额，无门槛请留空';
  return { ...base, amountFen, thresholdFen };
}

/** HQ: create or edit a catalog item (coupon or gift). */
export function ItemEditor() {
  const { params } = useRouter();
  const id = params.id;
  const loaded = useRemote(async () => (id ? (await fetchItem(id)).item : undefined), [id]);
  return <Remote state={loaded}>{(item) => <ItemForm id={id} item={item} />}</Remote>;
}

/** The form itself, filled from the item being edited or with a new item's defaults. */
function ItemForm({ id, item }: { id: string | undefined; item: ItemDetail['item'] | undefined }) {
  const [form, setForm] = useState<Form>(() => (item ? formOf(item) : EMPTY));
  const { busy, error, setError, run } = useAction();
  const tiers = useRemote(fetchTiers);

  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  const save = async () => {
    const input = toSaveInput(form, id, item?.startsAt);
    if (typeof input === 'string') return setError(input);
    setError(null);
    await run(async () => {
      await saveItem(input);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      void Taro.navigateBack();
    });
  };

  const field = (label: string, key: keyof Form, placeholder: string, type: 'text' | 'digit' = 'text') => (
    <View className="console-form__field">
      <Text className="console-form__label">{label}</Text>
      <Input
        type={type}
        value={String(form[key])}
        placeholder={placeholder}
        onChange={(v) => set({ [key]: v })}
        data-testid={`item-${key}`}
      />
    </View>
  );

  return (
    <View className="page console-form mall">
      <View className="coupons__tabs" role="tablist">
        {(['coupon', 'gift'] as const).map((k) => (
          <View
            key={k}
            role="tab"
            aria-selected={form.kind === k}
            className={`coupons__tab${form.kind === k ? ' coupons__tab--on' : ''}`}
            onClick={() => (item && item.issued > 0 ? undefined : set({ kind: k }))}
          >
            {k === 'coupon' ? '优惠券' : '礼品'}
          </View>
        ))}
      </View>
      <View className="card">
        {field('名称', 'title', '如：满100减20券')}
        {field('说明', 'description', '选填，会员可见')}
        {form.kind === 'coupon' ? field('面额（元）', 'amount', '如 20') : null}
        {form.kind === 'coupon' ? field('使用门槛（元）', 'threshold', '无门槛请留空') : null}
        {field('所需积分', 'pointsPrice', '0 为免费领取', 'digit')}
        {field('库存', 'stock', '总数量', 'digit')}
        {field('每人限兑', 'perUserLimit', '次数', 'digit')}
        {field('有效天数', 'validDays', '兑换后多少天内可用', 'digit')}
        {field('兑换截止', 'endDate', '选填，如 2026-12-31')}
        {tiers.status === 'ready' && tiers.data.tiers.length > 0 ? (
          <View className="console-form__field">
            <Text className="console-form__label">会员等级</Text>
            <View className="item-editor__tiers">
              {[{ id: '', name: '全部会员' }, ...tiers.data.tiers].map((t) => (
                <Text
                  key={t.id}
                  className={`mall__link${form.minTier === t.id ? ' item-editor__tier--on' : ''}`}
                  onClick={() => set({ minTier: t.id })}
                  data-testid={`item-tier-${t.id || 'all'}`}
                >
                  {t.id ? `${t.name}及以上` : t.name}
                </Text>
              ))}
            </View>
          </View>
        ) : null}
        <View className="console-form__field" onClick={() => set({ active: !form.active })}>
          <Text className="console-form__label">上架</Text>
          <Text className="mall__link">{form.active ? '已上架（点击下架）' : '已下架（点击上架）'}</Text>
        </View>
      </View>
      {item ? (
        <View className="console-form__hint">
          已兑出 {item.issued} 份，库存不能少于已兑出数量{item.issued > 0 ? '；已有兑换的商品不能更改类型' : ''}。
        </View>
      ) : null}
      <FormFooter error={error} busy={busy} label="保存" onSubmit={() => void save()} testId="save-item" />
    </View>
  );
}
