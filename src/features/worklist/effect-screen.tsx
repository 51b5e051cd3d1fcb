import { Text, View } from '@tarojs/components';
import { Remote } from '@/components/remote';
import { useByRange } from '@/features/insight/by-range-filters';
import { useRemote } from '@/lib/use-remote';
import { fetchWorklistFigures, type WorklistFigures } from './api';
import '@/features/insight/insight.scss';
import './worklist.scss';

type Row = WorklistFigures['totals'];

/** "3/5（60%）": followed out of all, with the share when there are any. */
export function followedLine(followed: number, of: number): string {
  return of === 0 ? '—' : `${followed}/${of}（${Math.round((followed / of) * 100)}%）`;
}

/**
 * Whether contacting helps: per guide or store, the worklist items made, contacted, and how often
 * a visit, a redemption or a purchase followed within 7 days — beside the items nobody contacted.
 */
export function EffectScreen() {
  const { by, range, chips } = useByRange();
  const figures = useRemote(() => fetchWorklistFigures(range.from, range.to, by), [range.from, range.to, by]);
  return (
    <View className="page worklist">
      {chips}
      <Remote
        state={figures}
        isEmpty={(f) => f.rows.length === 0}
        empty={{ message: '这段时间还没有跟进名单', hint: '导购的每日名单由早上的定时任务生成' }}
      >
        {(f) => (
          <View className="card worklist-table">
            <FigureRow name="合计" row={f.totals} testId="effect-totals" />
            {f.rows.map((r) => (
              <FigureRow
                key={r.id}
                name={r.storeName ? `${r.name} · ${r.storeName}` : r.name}
                row={r}
                testId="effect-row"
              />
            ))}
          </View>
        )}
      </Remote>
      <View className="insight-note">
        跟进后 7 天内有打开分享、兑换或到店消费，算作有后续；未联系的同类名单作对照。
      </View>
    </View>
  );
}

function FigureRow({ name, row, testId }: { name: string; row: Row; testId: string }) {
  return (
    <View className="worklist-table__row" data-testid={testId}>
      <Text className="worklist-table__name">{name}</Text>
      <Text className="worklist-table__cell">
        名单 {row.made} · 已联系 {row.contacted}
      </Text>
      <Text className="worklist-table__cell">
        联系后有后续 {followedLine(row.contactedFollowed, row.contacted)} · 未联系对照{' '}
        {followedLine(row.notContactedFollowed, row.notContacted)}
      </Text>
    </View>
  );
}
