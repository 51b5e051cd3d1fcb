import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import type { Role } from '@core/roles';
import type { Remote } from '@/lib/use-remote';
import { DEV_LOGIN_URL, devLoginAvailable } from '@/features/session/dev-login';
import type { fetchWhoami } from './api';
import { homeFor } from './routes';

type Me = Awaited<ReturnType<typeof fetchWhoami>>;

/**
 * Sends the caller to their role's home once `whoami` answers, unless their role is `stay` (a page
 * of their own); on H5 with nobody signed in, to the demo sign-in page first.
 */
export function useHomeByRole(whoami: Remote<Me>, stay?: Role): void {
  useEffect(() => {
    if (whoami.status === 'ready') {
      if (whoami.data.role !== stay) void Taro.reLaunch({ url: homeFor(whoami.data.role) });
    } else if (whoami.status === 'error' && whoami.error.code === 'UNAUTHENTICATED' && devLoginAvailable) {
      void Taro.reLaunch({ url: DEV_LOGIN_URL });
    }
  }, [whoami]);
}
