import { View } from '@tarojs/components';
import { StateView } from '@/components/state-view';
import { Cell } from '@/components/nutui/cell';
import { CellGroup } from '@/components/nutui/cellgroup';
import { FeedList } from '@/features/content/feed-list';
import { useRemote } from '@/lib/use-remote';
import { fetchWhoami } from './api';
import { ProfileCard } from './profile-card';
import { RoleTabBar } from './role-tab-bar';
import './homes.scss';

/** A guide's home: who and where they are; today's posts join this screen with the content domain. */
export function GuideHome() {
  const me = useRemote(fetchWhoami);
  return (
    <View className="page home">
      {me.status === 'loading' ? <StateView status="loading" /> : null}
      {me.status === 'error' ? <StateView status="error" message={me.message} onRetry={me.reload} /> : null}
      {me.status === 'ready' ? (
        <>
          <ProfileCard name={me.data.name} role="guide" subtitle={me.data.storeName ?? '未分配门店'} />
          <View className="section-title">我的门店</View>
          <View className="card">
            <CellGroup divider>
              <Cell title="门店" extra={me.data.storeName ?? '未分配门店'} />
              <Cell title="身份" extra="门店导购" />
            </CellGroup>
          </View>
          <FeedList />
        </>
      ) : null}
      <RoleTabBar role="guide" current="home" />
    </View>
  );
}
