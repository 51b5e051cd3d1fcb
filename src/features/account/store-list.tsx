import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@/components/nutui/button';
import { Tag } from '@/components/nutui/tag';
import { Remote } from '@/components/remote';
import { useReloadOnReturn, useRemote } from '@/lib/use-remote';
import { fetchStoreList } from './api';
import './homes.scss';
import './stores.scss';

const NEW_STORE = '/console/stores/edit/index';
export const storeGuidesUrl = (storeId: string) => `/console/stores/guides/index?id=${storeId}`;

/** HQ: every store with its guides and members; open one for its guides and invitations, or open a new one. */
export function StoreListScreen() {
  const stores = useRemote(fetchStoreList);
  useReloadOnReturn(stores.reload);
  return (
    <View className="page home">
      <View className="console-form__actions">
        <Button type="primary" block onClick={() => void Taro.navigateTo({ url: NEW_STORE })} data-testid="store-new">
          新建门店
        </Button>
      </View>
      <Remote state={stores} empty={{ message: '还没有门店', hint: '新建门店后即可邀请导购加入' }}>
        {(list) => (
          <View className="card">
            {list.map((s) => (
              <View
                key={s.id}
                className="home__row"
                data-testid="store-list-row"
                onClick={() => void Taro.navigateTo({ url: storeGuidesUrl(s.id) })}
              >
                <View className="home__row-main">
                  <Text className="home__row-title">{s.name}</Text>
                  <Text className="home__row-sub">
                    {[s.city, s.address].filter(Boolean).join(' · ') || '未填写地址'}
                  </Text>
                </View>
                <Text className="home__row-extra">{`导购 ${s.guides} · 会员 ${s.customers}`}</Text>
                {s.location ? null : (
                  <Tag type="default" className="home__tag">
                    未定位
                  </Tag>
                )}
              </View>
            ))}
          </View>
        )}
      </Remote>
    </View>
  );
}
