import { type PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { initCloud } from '@/lib/cloud';
import { rememberShareToken, tokenFromQuery } from '@/features/insight/share-token';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch((options) => {
    initCloud();
    rememberShareToken(tokenFromQuery(options?.query));
    if (process.env.TARO_ENV === 'h5') {
      // Hash routing puts the page's own query after '#'; a shared link's ?t= sits before it.
      rememberShareToken(tokenFromQuery(Object.fromEntries(new URLSearchParams(window.location.search))));
    }
  });
  return children;
}

export default App;
