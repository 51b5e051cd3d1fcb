import { Text, View } from '@tarojs/components';
import type { Role } from '@core/roles';
import { ROLE_LABELS } from './routes';
import './profile-card.scss';

export interface ProfileCardProps {
  name: string | undefined;
  role: Role;
  /** One line under the name, e.g. the store. */
  subtitle?: string;
}

/** The greeting block at the top of each home: avatar initial, name, role badge. */
export function ProfileCard({ name, role, subtitle }: ProfileCardProps) {
  const shown = name?.trim() || ROLE_LABELS[role];
  return (
    <View className={`profile-card profile-card--${role}`}>
      <View className="profile-card__avatar">{Array.from(shown)[0]}</View>
      <View className="profile-card__body">
        <View className="profile-card__line">
          <Text className="profile-card__name">{shown}</Text>
          {shown === ROLE_LABELS[role] ? null : <Text className="profile-card__badge">{ROLE_LABELS[role]}</Text>}
        </View>
        {subtitle ? <Text className="profile-card__subtitle">{subtitle}</Text> : null}
      </View>
    </View>
  );
}
