import { View } from '@tarojs/components';
import { Cell } from '@/components/nutui/cell';
import { CellGroup } from '@/components/nutui/cellgroup';
import { ShortcutGrid } from '@/components/shortcut-grid';
import { FeedList } from '@/features/content/feed-list';
import { ReminderOptIn } from '@/features/notify/reminder-opt-in';
import { HomeFrame } from './home-frame';

/** A guide's home: who and where they are, their tools, and today's posts. */
export function GuideHome() {
  return (
    <HomeFrame role="guide" subtitle={(guide) => guide.storeName ?? '未分配门店'}>
      {(guide) => (
        <>
          <View className="section-title">我的门店</View>
          <View className="card">
            <CellGroup divider>
              <Cell title="门店" extra={guide.storeName ?? '未分配门店'} />
              <Cell title="身份" extra="门店导购" />
            </CellGroup>
          </View>
          <ShortcutGrid
            items={[
              { title: '今日跟进', desc: '今天和谁聊、聊什么', url: '/pages/worklist/index' },
              { title: '核销券', desc: '扫码或输入券码', url: '/pages/verify/index' },
              { title: '消费积分', desc: '扫会员码发放积分', url: '/pages/verify/index?mode=points' },
              { title: '我的会员', desc: '谁看了什么、看了多久', url: '/pages/customers/index' },
              { title: '我的数据', desc: '业绩、排名与海报', url: '/pages/customers/figures/index' },
            ]}
          />
          <ReminderOptIn kinds={['post']} />
          <FeedList />
        </>
      )}
    </HomeFrame>
  );
}
