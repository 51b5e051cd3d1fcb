import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@/components/nutui/button';
import { Cell } from '@/components/nutui/cell';
import { CellGroup } from '@/components/nutui/cellgroup';
import { Remote } from '@/components/remote';
import { useAction } from '@/lib/use-action';
import { useRemote } from '@/lib/use-remote';
import { PRIVACY_ROUTES } from '@/privacy/routes';
import { DEV_LOGIN_URL, devLoginAvailable } from '@/features/session/dev-login';
import { fetchWhoami } from './api';
import { ProfileCard } from './profile-card';
import { RoleTabBar } from './role-tab-bar';
import { confirmAndDeleteMyData } from './delete-my-data';
import { ROLE_LABELS, ROUTES } from './routes';

/** "我的": the same page for every role, showing what the cloud knows about the caller. */
export function MeScreen() {
  const me = useRemote(fetchWhoami);
  const deletion = useAction({ toast: true });
  const erase = () =>
    deletion.run(async () => {
      if (!(await confirmAndDeleteMyData())) return;
      void Taro.showToast({ title: '已注销，数据已删除', icon: 'success' });
      // Now a visitor: the launch page sends them to the join page.
      void Taro.reLaunch({ url: ROUTES.launch });
    });
  return (
    <View className="page">
      <Remote state={me}>
        {(who) => (
          <>
            <ProfileCard name={who.name} role={who.role} subtitle={who.storeName} />
            <View className="card">
              <CellGroup divider>
                <Cell title="身份" extra={ROLE_LABELS[who.role]} />
                {who.storeName ? <Cell title="门店" extra={who.storeName} /> : null}
                <Cell title="用户编号" extra={who.openid} />
                <Cell
                  title="隐私保护指引"
                  extra="查看 ›"
                  onClick={() => void Taro.navigateTo({ url: PRIVACY_ROUTES.guide })}
                />
              </CellGroup>
            </View>
            {who.role === 'customer' ? (
              <View style={{ margin: '24px 16px 0' }}>
                <Button
                  block
                  fill="outline"
                  type="danger"
                  loading={deletion.busy}
                  disabled={deletion.busy}
                  onClick={() => void erase()}
                >
                  注销并删除我的数据
                </Button>
              </View>
            ) : null}
            {devLoginAvailable ? (
              <View style={{ margin: '24px 16px' }}>
                <Button block fill="outline" type="primary" onClick={() => void Taro.reLaunch({ url: DEV_LOGIN_URL })}>
                  切换演示身份
                </Button>
              </View>
            ) : null}
            <RoleTabBar role={who.role} current="me" />
          </>
        )}
      </Remote>
    </View>
  );
}
