import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { GuideSummary, StoreSummary } from '@core/contracts/account';
import { Button } from '@/components/nutui/button';
import { Tag } from '@/components/nutui/tag';
import { Remote } from '@/components/remote';
import { useAction } from '@/lib/use-action';
import { useReloadOnReturn, useRemote } from '@/lib/use-remote';
import { createGuideInvite, fetchGuideList, fetchStoreList, setGuideActive } from './api';
import { InviteCard } from './invite-card';
import './homes.scss';
import './stores.scss';

const transferUrl = (openid: string) => `/console/insight/transfer/index?from=${openid}`;

async function loadStore(storeId: string) {
  const [stores, guides] = await Promise.all([fetchStoreList(), fetchGuideList(storeId)]);
  const store = stores.find((s) => s.id === storeId);
  return store ? { store, guides } : null;
}

/** HQ: one store — its details, its guides (stop or bring back, hand over customers), and invitations. */
export function StoreGuidesScreen() {
  const { params } = useRouter();
  const storeId = params.id ?? '';
  const data = useRemote(() => loadStore(storeId), [storeId]);
  useReloadOnReturn(data.reload);
  return (
    <View className="page home">
      <Remote state={data} isEmpty={(d) => d === null} empty={{ message: '门店不存在或已被移除' }}>
        {(d) => (d ? <StoreBody store={d.store} guides={d.guides} reload={data.reload} /> : null)}
      </Remote>
    </View>
  );
}

function StoreBody({ store, guides, reload }: { store: StoreSummary; guides: GuideSummary[]; reload: () => void }) {
  const [invite, setInvite] = useState<{ code: string; expiresAt: number } | null>(null);
  const inviting = useAction({ toast: true });
  const toggling = useAction({ toast: true });
  const where = [store.city, store.address].filter(Boolean).join(' · ');

  const makeInvite = () => void inviting.run(async () => setInvite(await createGuideInvite(store.id)));
  const toggle = (g: GuideSummary) =>
    void toggling.run(async () => {
      if (g.active) {
        const ok = await Taro.showModal({
          title: '停用导购',
          content: `${g.name} 将无法再登录；其 ${g.customers} 位会员可在“导购交接”中转给同店导购。`,
        });
        if (!ok.confirm) return;
      }
      await setGuideActive(g.openid, !g.active);
      reload();
    });

  return (
    <>
      <View className="card">
        <View
          className="home__row"
          onClick={() => void Taro.navigateTo({ url: `/console/stores/edit/index?id=${store.id}` })}
        >
          <View className="home__row-main">
            <Text className="home__row-title">{store.name}</Text>
            <Text className="home__row-sub">{where || '未填写地址'}</Text>
            <Text className="home__row-sub">
              {store.location
                ? `位置 ${store.location.lat}, ${store.location.lng}`
                : '未设置位置：不会出现在附近门店中'}
            </Text>
          </View>
          <Text className="store-guides__link" data-testid="store-edit">
            编辑
          </Text>
        </View>
      </View>

      <View className="section-title">{`导购（${guides.length}）`}</View>
      <View className="card">
        {guides.length === 0 ? <Text className="store-guides__note">还没有导购，生成邀请码请他们加入</Text> : null}
        {guides.map((g) => (
          <View key={g.openid} className="home__row" data-testid="store-guide-row">
            <View className="home__row-main">
              <Text className="home__row-title">{g.name}</Text>
              <Text className="home__row-sub">{`会员 ${g.customers}`}</Text>
            </View>
            {g.active ? null : (
              <Tag type="default" className="home__tag">
                已停用
              </Tag>
            )}
            <View className="store-guides__actions">
              {!g.active && g.customers > 0 ? (
                <Text
                  className="store-guides__link"
                  data-testid="guide-transfer"
                  onClick={() => void Taro.navigateTo({ url: transferUrl(g.openid) })}
                >
                  转移会员
                </Text>
              ) : null}
              <Button size="small" disabled={toggling.busy} onClick={() => toggle(g)} data-testid="guide-toggle">
                {g.active ? '停用' : '启用'}
              </Button>
            </View>
          </View>
        ))}
      </View>

      <View className="console-form__actions">
        <Button type="primary" block loading={inviting.busy} onClick={makeInvite} data-testid="invite-new">
          {invite ? '重新生成邀请码' : '邀请导购'}
        </Button>
      </View>
      {invite ? <InviteCard code={invite.code} expiresAt={invite.expiresAt} storeName={store.name} /> : null}
    </>
  );
}
