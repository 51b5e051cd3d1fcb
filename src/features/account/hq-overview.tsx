import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Tag } from '@/components/nutui/tag';
import { ShortcutGrid, type Shortcut } from '@/components/shortcut-grid';
import { StatCard } from '@/components/stat-card';
import { Remote } from '@/components/remote';
import { StateView } from '@/components/state-view';
import { useReloadOnReturn, useRemote } from '@/lib/use-remote';
import { useBrand, useBrandTitle } from '@/features/brand';
import { WithdrawnNotices } from '@/features/content/withdrawn-notices';
import { fetchGuideList, fetchStoreList, fetchWhoami } from './api';
import { ProfileCard } from './profile-card';
import { RoleTabBar } from './role-tab-bar';
import './homes.scss';

const CONSOLE_ENTRIES: readonly Shortcut[] = [
  { title: '品牌设置', desc: '名称、标志、主题色', url: '/console/brand/index' },
  { title: '门店与导购', desc: '新建门店、邀请导购', url: '/console/stores/list/index' },
  { title: '发布内容', desc: '写帖、排期、预览变体', url: '/console/posts/list/index' },
  { title: '数据看板', desc: '访问、复制、新会员', url: '/charts/dashboard/index' },
  { title: '商品与券', desc: '积分商城目录', url: '/console/mall/catalog/index' },
  { title: '兑换与核销', desc: '兑换记录', url: '/console/mall/redemptions/index' },
  { title: '积分规则', desc: '奖励、上限与有效期', url: '/console/points/rules/index' },
  { title: '积分流水', desc: '调整与冲正', url: '/console/points/journal/index' },
  { title: '推荐关系', desc: '多级推荐树', url: '/charts/graph/index' },
  { title: 'KOC 榜单', desc: '带来会员最多的人', url: '/console/insight/koc/index' },
  { title: '排行榜', desc: '导购与门店', url: '/console/insight/leaderboard/index' },
  { title: '跟进效果', desc: '导购每日名单有没有用', url: '/console/worklist/index' },
  { title: '话术库', desc: '按场景的跟进话术', url: '/console/scripts/index' },
  { title: '兴趣标签', desc: '阅读时长打标规则', url: '/console/insight/tags/index' },
  { title: '会员标签', desc: '导购可选的手动标签', url: '/console/tags/index' },
  { title: '订阅提醒', desc: '订阅消息模板 ID', url: '/console/reminders/index' },
  { title: '导购交接', desc: '离职导购的会员转移', url: '/console/insight/transfer/index' },
];

async function loadOverview() {
  const [me, stores, guides] = await Promise.all([fetchWhoami(), fetchStoreList(), fetchGuideList()]);
  return { me, stores, guides };
}

/** HQ console home: the chain at a glance, then every store and every guide. */
export function HqOverview() {
  const overview = useRemote(loadOverview);
  // Back from the store editor, the renamed store shows.
  useReloadOnReturn(overview.reload);
  useBrandTitle((b) => `${b.shortName} · 总部`);
  return (
    <View className="page home">
      <Remote state={overview}>{(data) => <OverviewBody {...data} />}</Remote>
      <RoleTabBar role="hq" current="home" />
    </View>
  );
}

function OverviewBody({ me, stores, guides }: Overview) {
  const brand = useBrand();
  const storeNames = new Map(stores.map((s) => [s.id, s.name]));
  const customerTotal = stores.reduce((sum, s) => sum + s.customers, 0);
  const activeGuides = guides.filter((g) => g.active).length;
  return (
    <>
      <ProfileCard name={me.name} role="hq" subtitle={`${brand.name} · 总部`} />
      <WithdrawnNotices />
      <View className="home__stats">
        <View className="home__stat">
          <StatCard label="门店" value={stores.length} unit="家" />
        </View>
        <View className="home__stat">
          <StatCard label="在职导购" value={activeGuides} unit="人" />
        </View>
        <View className="home__stat">
          <StatCard label="会员" value={customerTotal} unit="人" accent />
        </View>
      </View>

      <View className="section-title">运营工具</View>
      <ShortcutGrid items={CONSOLE_ENTRIES} />
      <View className="section-title">门店</View>
      <RowsCard testId="store-row" rows={stores.map(storeRow)} empty="还没有门店" hint="创建门店后即可邀请导购加入" />
      <View className="section-title">导购</View>
      <RowsCard
        testId="guide-row"
        rows={guides.map((guide) => guideRow(guide, storeNames))}
        empty="还没有导购"
        hint="在门店下生成邀请码，导购用它加入"
      />
    </>
  );
}

interface Row {
  key: string;
  title: string;
  sub: string;
  extra: string;
  /** A grey tag at the end, e.g. a guide who has left. */
  tag?: string;
  /** Where tapping the row leads. */
  url?: string;
}

type Overview = Awaited<ReturnType<typeof loadOverview>>;

const storeRow = (store: Overview['stores'][number]): Row => ({
  key: store.id,
  title: store.name,
  sub: [store.city, store.address].filter(Boolean).join(' · '),
  extra: `导购 ${store.guides} · 会员 ${store.customers}`,
  url: `/console/stores/edit/index?id=${store.id}`,
});

const guideRow = (guide: Overview['guides'][number], storeNames: Map<string, string>): Row => ({
  key: guide.openid,
  title: guide.name,
  sub: storeNames.get(guide.storeId) ?? '门店已移除',
  extra: `会员 ${guide.customers}`,
  tag: guide.active ? undefined : '已离职',
});

/** A card of rows, or what is missing when there are none. */
function RowsCard(props: { testId: string; rows: Row[]; empty: string; hint: string }) {
  if (props.rows.length === 0) {
    return (
      <View className="card">
        <StateView status="empty" message={props.empty} hint={props.hint} />
      </View>
    );
  }
  return (
    <View className="card">
      {props.rows.map((row) => (
        <View
          key={row.key}
          className="home__row"
          data-testid={props.testId}
          onClick={row.url ? () => void Taro.navigateTo({ url: row.url ?? '' }) : undefined}
        >
          <View className="home__row-main">
            <Text className="home__row-title">{row.title}</Text>
            {row.sub ? <Text className="home__row-sub">{row.sub}</Text> : null}
          </View>
          <Text className="home__row-extra">{row.extra}</Text>
          {row.tag ? (
            <Tag type="default" className="home__tag">
              {row.tag}
            </Tag>
          ) : null}
        </View>
      ))}
    </View>
  );
}
