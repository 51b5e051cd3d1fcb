import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { Remote } from '@/components/remote';
import { useRemote } from '@/lib/use-remote';
import { fetchWhoami } from './api';
import { ProfileCard } from './profile-card';
import { RoleTabBar } from './role-tab-bar';
import './homes.scss';

export type Me = Awaited<ReturnType<typeof fetchWhoami>>;

/** A guide's or a member's home: who they are at the top, their tab bar at the bottom, their sections between. */
export function HomeFrame(props: {
  role: 'guide' | 'customer';
  /** The line under the name. */
  subtitle: (me: Me) => string;
  children: (me: Me) => ReactNode;
}) {
  const me = useRemote(fetchWhoami);
  return (
    <View className="page home">
      <Remote state={me}>
        {(who) => (
          <>
            <ProfileCard name={who.name} role={props.role} subtitle={props.subtitle(who)} />
            {props.children(who)}
          </>
        )}
      </Remote>
      <RoleTabBar role={props.role} current="home" />
    </View>
  );
}
