import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Remote } from '@/components/remote';
import { useRemote } from '@/lib/use-remote';
import { fetchRules } from '@/features/points/api';
import { POINTS_ROUTES } from '@/features/points/routes';
import { rulesSections } from '@/features/points/rules-text';
import { fetchMyInvites, type MyInvites } from './api';
import { formatWhen } from './format';
import './insight.scss';
import './invites.scss';

type Friend = MyInvites['friends'][number];

export const STAGE_LABELS: Record<Friend['stage'], string> = {
  opened: '已打开',
  joined: '已入会',
  redeemed: '已首兑',
};

/** When the friend reached the stage they are at. */
function stageTime(f: Friend): number | undefined {
  return f.stage === 'redeemed' ? f.redeemedAt : f.stage === 'joined' ? f.joinedAt : f.openedAt;
}

function FriendRow({ friend, now }: { friend: Friend; now: number }) {
  const at = stageTime(friend);
  return (
    <View className="insight-row" data-testid="invite-friend">
      <View className="insight-row__avatar">{friend.name ? Array.from(friend.name)[0] : '友'}</View>
      <View className="insight-row__main">
        <Text className="insight-row__title">{friend.name ?? '未注册的朋友'}</Text>
        <Text className="insight-row__sub">
          <Text className={`invites__stage invites__stage--${friend.stage}`}>{STAGE_LABELS[friend.stage]}</Text>
          {at !== undefined ? ` ${formatWhen(at, now)}` : ''}
        </Text>
      </View>
      <Text className="invites__points">{friend.points > 0 ? `+${friend.points} 积分` : '0 积分'}</Text>
    </View>
  );
}

function InvitesBody({ friends, opens, points }: MyInvites) {
  const now = Date.now();
  const joined = friends.filter((f) => f.stage !== 'opened').length;
  return (
    <>
      <View className="card invites__total" data-testid="invites-total">
        <Text className="invites__total-value">{points}</Text>
        <Text className="invites__total-label">
          邀请获得的积分 · {joined} 位好友入会{opens > 0 ? ` · ${opens} 次打开未注册` : ''}
        </Text>
      </View>
      <View className="section-title">好友（{friends.length}）</View>
      <View className="card">
        {friends.map((f, i) => (
          <FriendRow key={`${f.stage}-${stageTime(f) ?? 0}-${i}`} friend={f} now={now} />
        ))}
      </View>
    </>
  );
}

/** What earns points through friends, and what never does, from HQ's live rules. */
function InviteRules() {
  const rules = useRemote(fetchRules);
  return (
    <View className="card invites__rules" data-testid="invites-rules">
      <Text className="invites__rules-title">邀请规则</Text>
      <Remote state={rules} loading="正在加载规则…" compact>
        {(current) => {
          const [earn, invited, never] = rulesSections(current);
          const lines = [
            ...(earn?.lines.slice(1, 3) ?? []),
            ...(invited?.lines ?? []),
            ...(never?.lines.slice(0, 3) ?? []),
          ];
          return lines.map((line) => (
            <Text key={line} className="invites__rules-line">
              · {line}
            </Text>
          ));
        }}
      </Remote>
      <Text className="invites__rules-line">· 依据《微信小程序平台运营规范》5.1，分享这一行为本身不获得任何奖励。</Text>
      <View className="invites__rules-link" onClick={() => void Taro.navigateTo({ url: POINTS_ROUTES.rules })}>
        查看完整积分规则 ›
      </View>
    </View>
  );
}

/** A member's invited friends: how far each got (opened, joined, first redemption) and what it earned. */
export function InvitesScreen() {
  const invites = useRemote(fetchMyInvites);
  return (
    <View className="page insight invites">
      <Remote
        state={invites}
        loading="正在读取你邀请的好友…"
        isEmpty={(mine) => mine.friends.length === 0 && mine.opens === 0}
        empty={{
          message: '还没有好友通过你的分享加入',
          hint: '在会员首页点「邀请好友」，把小程序发给朋友或生成你的邀请海报',
        }}
      >
        {(mine) => <InvitesBody {...mine} />}
      </Remote>
      <InviteRules />
    </View>
  );
}
