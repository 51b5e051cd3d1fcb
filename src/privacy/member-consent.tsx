import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { POINTS_ROUTES } from '@/features/points/routes';
import { PRIVACY_ROUTES } from './routes';
import './member-consent.scss';

/**
 * The member's explicit agreement on joining: a box that starts unticked, and links to the two
 * texts it agrees to. Registration sends the version only once it is ticked (the server refuses
 * a registration without it).
 */
export function MemberConsent({ agreed, onChange }: { agreed: boolean; onChange: (agreed: boolean) => void }) {
  const open = (url: string) => (e: { stopPropagation?: () => void }) => {
    e.stopPropagation?.();
    void Taro.navigateTo({ url });
  };
  return (
    <View
      className="member-consent"
      role="checkbox"
      aria-checked={agreed ? 'true' : 'false'}
      data-testid="member-consent"
      onClick={() => onChange(!agreed)}
    >
      <View className={`member-consent__box${agreed ? ' member-consent__box--on' : ''}`}>{agreed ? '✓' : ''}</View>
      <Text className="member-consent__text">
        我已阅读并同意
        <Text className="member-consent__link" onClick={open(POINTS_ROUTES.rules)}>
          《积分规则》
        </Text>
        与
        <Text className="member-consent__link" onClick={open(PRIVACY_ROUTES.guide)}>
          《隐私保护指引》
        </Text>
      </Text>
    </View>
  );
}
