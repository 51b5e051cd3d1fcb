import type { UserConfigExport } from '@tarojs/cli';

export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {
    devServer: {
      // `npm run dev:h5` serves the app on its own port; calls go to the local cloud through this proxy.
      proxy: {
        '/fn': { target: `http://127.0.0.1:${process.env.PORT ?? '8787'}`, changeOrigin: true },
        '/dev': { target: `http://127.0.0.1:${process.env.PORT ?? '8787'}`, changeOrigin: true },
        '/storage': { target: `http://127.0.0.1:${process.env.PORT ?? '8787'}`, changeOrigin: true },
      },
    },
  },
} satisfies UserConfigExport<'webpack5'>;
