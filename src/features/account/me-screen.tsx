import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { StateView } from '@/components/state-view';
import { Button } from '@/components/nutui/button';
import { Cell } from '@/components/nutui/cell';
import { CellGroup } from '@/components/nutui/cellgroup';
import { useRemote } from '@/lib/use-remote';
import { DEV_LOGIN_URL, devLoginAvailable } from '@/features/session/dev-login';
import { fetchWhoami } from './api';
import { ProfileCard } from './profile-card';
import { RoleTabBar } from './role-tab-bar';
import { ROLE_LABELS } from './routes';

/** "我的": the same page for every role, showing what the cloud knows about the caller. */
export function MeScreen() {
  const me = useRemote(fetchWhoami);
  return (
    <View className="page">
      {me.status === 'loading' ? <StateView status="loading" /> : null}
      {me.status === 'error' ? <StateView status="error" message={me.message} onRetry={me.reload} /> : null}
      {me.status === 'ready' ? (
        <>
          <ProfileCard name={me.data.name} role={me.data.role} subtitle={me.data.storeName} />
          <View className="card">
            <CellGroup divider>
              <Cell title="身份" extra={ROLE_LABELS[me.data.role]} />
              {me.data.storeName ? <Cell title="门店" extra={me.data.storeName} /> : null}
              <Cell title="用户编号" extra={me.data.openid} />
            </CellGroup>
          </View>
          {devLoginAvailable ? (
            <View style={{ margin: '24px 16px' }}>
              <Button block fill="outline" type="primary" onClick={() => void Taro.reLaunch({ url: DEV_LOGIN_URL })}>
                切换演示身份
              </Button>
            </View>
          ) : null}
          <RoleTabBar role={me.data.role} current="me" />
        </>
      ) : null}
    </View>
  );
}
