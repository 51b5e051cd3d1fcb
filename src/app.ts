import { type PropsWithChildren } from 'react';
import Taro, { useLaunch, usePageNotFound } from '@tarojs/taro';
import { initCloud } from '@/lib/cloud';
import { ROUTES } from '@/features/account/routes';
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
  // A chat card, a poster's code or a bookmark made by an earlier version can name a page that has
  // since moved. Instead of WeChat's own "page not found", the visitor goes to the launch page, which
  // sends them to their role's home (a visitor: joining), with the share token the path carried kept
  // so the share still counts. The platform takes the redirect only when made in the callback itself.
  usePageNotFound((res) => {
    rememberShareToken(tokenFromQuery(res.query));
    void Taro.reLaunch({ url: ROUTES.launch });
  });
  return children;
}

export default App;
