import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Remote } from '@/components/remote';
import { newVisitorOpenid, readDevOpenid, writeDevOpenid } from '@/lib/cloud/dev-identity';
import { useRemote } from '@/lib/use-remote';
import { ROLE_LABELS, ROUTES } from '@/features/account/routes';
import { fetchDevUsers, groupByRole } from './dev-users';
import './dev-login-screen.scss';

function signInAs(openid: string) {
  writeDevOpenid(openid);
  // Back through the launch page, so routing by role is the same path a real launch takes.
  void Taro.reLaunch({ url: ROUTES.launch });
}

/** H5 only: act as any demo user of the local cloud, or as a brand-new visitor. */
export function DevLoginScreen() {
  const users = useRemote(() => fetchDevUsers());
  const current = readDevOpenid();
  return (
    <View className="dev-login">
      <View className="dev-login__head">
        <Text className="dev-login__title">选择演示身份</Text>
        <Text className="dev-login__sub">
          本地演示环境：以任意演示用户或新访客身份进入。小程序正式版本不包含此页面。
        </Text>
      </View>

      <View className="section-title">新用户</View>
      <View className="card">
        <View className="dev-login__row" data-testid="new-visitor" onClick={() => signInAs(newVisitorOpenid())}>
          <View className="dev-login__avatar dev-login__avatar--visitor">新</View>
          <View className="dev-login__main">
            <Text className="dev-login__name">新访客</Text>
            <Text className="dev-login__meta">一个从未来过的微信用户，可注册会员或用邀请码成为导购</Text>
          </View>
          <Text className="dev-login__arrow">›</Text>
        </View>
      </View>

      <Remote
        state={users}
        loading="正在读取演示用户…"
        empty={{ message: '没有演示用户', hint: '运行 npm run seed 载入演示数据' }}
      >
        {(all) =>
          groupByRole(all).map((group) => (
            <View key={group.role}>
              <View className="section-title">
                {ROLE_LABELS[group.role]}（{group.users.length}）
              </View>
              <View className="card">
                {group.users.map((user) => (
                  <View
                    key={user.openid}
                    className="dev-login__row"
                    data-testid={`user-${user.openid}`}
                    onClick={() => signInAs(user.openid)}
                  >
                    <View className={`dev-login__avatar dev-login__avatar--${user.role}`}>
                      {Array.from(user.name)[0] ?? '?'}
                    </View>
                    <View className="dev-login__main">
                      <Text className="dev-login__name">{user.name}</Text>
                      <Text className="dev-login__meta">{user.storeName ?? user.openid}</Text>
                    </View>
                    {user.openid === current ? <Text className="dev-login__current">当前</Text> : null}
                    <Text className="dev-login__arrow">›</Text>
                  </View>
                ))}
              </View>
            </View>
          ))
        }
      </Remote>
      <View className="dev-login__foot" />
    </View>
  );
}
