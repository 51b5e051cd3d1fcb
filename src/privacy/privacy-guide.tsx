import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { MEMBER_TERMS_VERSION } from '@core/contracts/member-terms';
import { env } from '@/lib/env';
import { DECLARATIONS, STORED_DATA } from './declarations';
import './privacy-guide.scss';

type PrivacyTaro = { openPrivacyContract?: () => void };

/**
 * The privacy guide inside the app, for every role and for the browser build (the platform's own
 * guide page exists only in WeChat): what the app uses and why, what it stores, and how a member
 * deletes it. Generated from declarations.ts, the same source as the admin console form.
 */
export function PrivacyGuide() {
  const official = (Taro as unknown as PrivacyTaro).openPrivacyContract;
  return (
    <View className="page privacy-guide" data-testid="privacy-guide">
      <View className="card privacy-guide__section">
        <Text className="privacy-guide__title">一、我们使用的手机功能</Text>
        {DECLARATIONS.map((d) => (
          <View key={d.api} className="privacy-guide__item">
            <Text className="privacy-guide__name">
              {d.item}
              <Text className="privacy-guide__who">（{d.who}）</Text>
            </Text>
            <Text className="privacy-guide__line">{d.purpose}。</Text>
          </View>
        ))}
        <Text className="privacy-guide__line">
          以上功能仅在你主动操作时使用，首次使用前会征得你的同意；拒绝不影响其他功能。
        </Text>
      </View>
      <View className="card privacy-guide__section">
        <Text className="privacy-guide__title">二、我们保存的信息</Text>
        {STORED_DATA.map((r) => (
          <View key={r.role} className="privacy-guide__item">
            <Text className="privacy-guide__name">{r.role}</Text>
            <Text className="privacy-guide__line">{r.data}。</Text>
            <Text className="privacy-guide__line privacy-guide__muted">{r.kept}。</Text>
          </View>
        ))}
        <Text className="privacy-guide__line">
          我们不获取你的微信昵称、头像、手机号或位置，不向第三方出售或提供你的信息。
        </Text>
      </View>
      <View className="card privacy-guide__section">
        <Text className="privacy-guide__title">三、删除你的数据</Text>
        <Text className="privacy-guide__line">
          会员可在“我的 →
          注销并删除我的数据”随时删除：称呼、同意记录删除；积分清零、未使用的券作废；浏览与邀请记录改为“已注销用户”，不再与你关联。
        </Text>
        <Text className="privacy-guide__line">
          积分流水按记账规则保留（仅含微信分配的用户标识、分值与时间，不含你的称呼）；为防止重复领取新会员礼，另保留一条经过加密散列、无法还原的注销记录。
        </Text>
      </View>
      <View className="privacy-guide__meta">指引版本 {MEMBER_TERMS_VERSION}</View>
      {env.platform === 'weapp' && typeof official === 'function' ? (
        <View className="privacy-guide__link" onClick={() => official()}>
          查看微信《小程序隐私保护指引》 ›
        </View>
      ) : null}
    </View>
  );
}
