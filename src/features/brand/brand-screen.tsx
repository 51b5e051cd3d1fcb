import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { SERVICE_PHONE, THEME_COLOR, type Brand } from '@core/brand';
import { Button } from '@/components/nutui/button';
import { FormFooter } from '@/components/form-footer';
import { TextFields } from '@/components/text-fields';
import { Remote } from '@/components/remote';
import { useAction } from '@/lib/use-action';
import { useRemote } from '@/lib/use-remote';
import { uploadImage } from '@/features/content/upload';
import { fetchBrand, saveBrandSettings } from './api';
import { publishBrand } from './use-brand';
import '@/features/points/points.scss';
import './brand.scss';

type Fields = Record<'name' | 'shortName' | 'themeColor' | 'pointsName' | 'servicePhone', string>;

const LABELS: readonly [keyof Fields, string, string][] = [
  ['name', '品牌名称', '如：某某生活'],
  ['shortName', '简称', '页面标题用，10 字以内'],
  ['pointsName', '积分名称', '如：积分、茶豆'],
  ['servicePhone', '客服电话', '选填，如：400-820-1234'],
  ['themeColor', '主题色', '#RRGGBB'],
];

/** Colours HQ can tap instead of typing a code. */
const SWATCHES = ['#07c160', '#b5473a', '#c2185b', '#1e6fd9', '#6b4fbb', '#d98e04', '#2f4f4f'];

/** HQ: the brand every screen, title, poster and rules text shows. */
export function BrandScreen() {
  const brand = useRemote(fetchBrand);
  return <Remote state={brand}>{(b) => <BrandForm brand={b} />}</Remote>;
}

function BrandForm({ brand }: { brand: Brand }) {
  const [form, setForm] = useState<Fields>({
    name: brand.configured ? brand.name : '',
    shortName: brand.configured ? brand.shortName : '',
    themeColor: brand.themeColor,
    pointsName: brand.pointsName,
    servicePhone: brand.servicePhone ?? '',
  });
  // undefined: unchanged; null: removed; a fileID: newly uploaded.
  const [logo, setLogo] = useState<{ fileID: string | null; preview: string } | undefined>(undefined);
  const upload = useAction({ toast: true });
  const { busy, error, setError, run } = useAction();

  const chooseLogo = () =>
    void upload.run(async () => {
      let path: string | undefined;
      try {
        path = (await Taro.chooseImage({ count: 1, sizeType: ['compressed'] })).tempFilePaths[0];
      } catch {
        return; // closed the picker
      }
      if (!path) return;
      const fileID = await uploadImage(path, `brand/logo-${Date.now().toString(36)}.png`, () => undefined);
      setLogo({ fileID, preview: path });
    });

  const save = () => {
    const v = Object.fromEntries(Object.entries(form).map(([k, s]) => [k, s.trim()])) as Fields;
    if (!v.name || !v.shortName || !v.pointsName) return setError('请填写品牌名称、简称和积分名称');
    if (!THEME_COLOR.test(v.themeColor)) return setError('主题色格式应为 #RRGGBB，如 #07c160');
    if (v.servicePhone && !SERVICE_PHONE.test(v.servicePhone)) return setError('客服电话格式不正确');
    void run(async () => {
      const saved = await saveBrandSettings({
        name: v.name,
        shortName: v.shortName,
        themeColor: v.themeColor,
        pointsName: v.pointsName,
        servicePhone: v.servicePhone || null,
        ...(logo !== undefined ? { logo: logo.fileID } : {}),
      });
      publishBrand(saved);
      void Taro.showToast({ title: '已保存', icon: 'success' });
    });
  };

  const logoSrc = logo === undefined ? brand.logoUrl : logo.preview || undefined;
  return (
    <View className="page console-form brand-form">
      <View className="card">
        <TextFields fields={LABELS} form={form} onChange={setForm} testId="brand" />
        <View className="brand-form__swatches">
          {SWATCHES.map((color) => (
            <View
              key={color}
              className={`brand-form__swatch${form.themeColor === color ? ' brand-form__swatch--on' : ''}`}
              style={{ background: color }}
              aria-label={`主题色 ${color}`}
              onClick={() => setForm({ ...form, themeColor: color })}
            />
          ))}
        </View>
        <View className="console-form__field">
          <Text className="console-form__label">品牌标志</Text>
          {logoSrc ? (
            <Image className="brand-form__logo" src={logoSrc} mode="aspectFit" data-testid="brand-logo" />
          ) : null}
          <Button size="small" loading={upload.busy} onClick={chooseLogo}>
            {logoSrc ? '更换' : '上传'}
          </Button>
          {logoSrc ? (
            <Button size="small" onClick={() => setLogo({ fileID: null, preview: '' })}>
              移除
            </Button>
          ) : null}
        </View>
      </View>
      <View
        className="brand-form__preview"
        style={{ background: THEME_COLOR.test(form.themeColor) ? form.themeColor : undefined }}
      >
        <Text>{form.name || '品牌名称'}</Text>
      </View>
      <FormFooter error={error} busy={busy} label="保存品牌设置" onSubmit={save} testId="brand-save" />
    </View>
  );
}
