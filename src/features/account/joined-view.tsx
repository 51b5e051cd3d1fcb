import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { REFERRAL_VISIT_DAYS } from '@core/limits';
import { Button } from '@/components/nutui/button';
import type { Registered } from './api';
import { homeFor } from './routes';

/** Whether the share counted for whoever sent it, said plainly: the server decided, the member is told. */
export function referralLine(result: Registered, hadShare: boolean): string {
  if (result.referral === 'credited') {
    return `你是通过 ${result.referrerName ?? '好友'} 的分享加入的，已记为 Ta 的邀请。`;
  }
  if (hadShare) {
    return `这次注册没有记为任何人的邀请：只有在注册前 ${REFERRAL_VISIT_DAYS} 天内亲自打开过的有效分享才算邀请。`;
  }
  return '你是自己加入的，没有邀请人。';
}

/** The join page after registering: welcome, and what became of the share that brought them. */
export function JoinedView({ result, hadShare }: { result: Registered; hadShare: boolean }) {
  return (
    <View className="join">
      <View className="join__hero">
        <Text className="join__title">欢迎成为会员</Text>
        <Text className="join__subtitle">
          {result.guideOpenid ? '你的专属导购会为你服务' : '到店消费后会为你关联专属导购'}
        </Text>
      </View>
      <View className="card join__result" data-testid="join-referral">
        <Text className={`join__result-line join__result-line--${result.referral}`}>
          {referralLine(result, hadShare)}
        </Text>
      </View>
      <View className="join__actions">
        <Button type="primary" block onClick={() => void Taro.reLaunch({ url: homeFor(result.role) })}>
          进入会员中心
        </Button>
      </View>
    </View>
  );
}
