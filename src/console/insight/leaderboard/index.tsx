import { LeaderboardScreen } from '@/features/insight/leaderboard-screen';

export default function Page() {
  return <LeaderboardScreen />;
}
