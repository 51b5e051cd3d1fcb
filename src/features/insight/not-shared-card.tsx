import { Text, View } from '@tarojs/components';
import { Remote } from '@/components/remote';
import { useRemote } from '@/lib/use-remote';
import { fetchNotShared } from './api';
import { ExportButton } from './export-button';
import './insight.scss';

/**
 * 导购今日未转发: the guides who have not copied, saved or shared today's posts. HQ sees every store
 * (or the one picked) with an export; a guide sees their own store.
 */
export function NotSharedCard({ storeId, exportable = false }: { storeId?: string; exportable?: boolean }) {
  const list = useRemote(() => fetchNotShared(storeId), [storeId]);
  return (
    <View className="card" data-testid="not-shared">
      <View className="insight-filters">
        <Text className="section-title">导购今日未转发</Text>
        {exportable ? (
          <ExportButton input={{ report: 'notShared', ...(storeId ? { storeId } : {}) }} label="导出名单" />
        ) : null}
      </View>
      <Remote state={list}>
        {(r) =>
          r.posts.length === 0 ? (
            <View className="insight-note">今天还没有发布素材</View>
          ) : (
            <>
              <View className="insight-note">
                今日素材 {r.posts.length} 条 ·{' '}
                {r.stores.map((s) => `${s.name} ${s.notShared}/${s.guides} 人未转发`).join(' · ')}
              </View>
              {r.rows.length === 0 ? <View className="insight-note">全部导购都已转发</View> : null}
              {r.rows.map((row) => (
                <View key={row.id} className="insight-row" data-testid="not-shared-row">
                  <View className="insight-row__main">
                    <Text className="insight-row__title">{row.name}</Text>
                    <Text className="insight-row__sub">{row.storeName}</Text>
                  </View>
                  <Text className="insight-row__extra">
                    {row.missing}/{row.of} 条未转发
                  </Text>
                </View>
              ))}
            </>
          )
        }
      </Remote>
    </View>
  );
}
