import { type PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { initCloud } from '@/lib/cloud';
import { rememberReferrer } from '@/features/account/referrer';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch((options) => {
    initCloud();
    rememberReferrer(options?.query);
    if (process.env.TARO_ENV === 'h5') {
      // Hash routing puts the page's own query after '#'; a shared link's ?ref= sits before it.
      rememberReferrer(Object.fromEntries(new URLSearchParams(window.location.search)));
    }
  });
  return children;
}

export default App;
