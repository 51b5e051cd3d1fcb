import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

const root = path.resolve(__dirname, '..');

/**
 * One source, two outputs that must never overwrite each other: weapp → dist/ (the folder
 * project.config.json points WeChat DevTools at) and h5 → dist/h5/ (served by the local cloud at /).
 */
export default defineConfig<'webpack5'>((merge) => {
  const isH5 = process.env.TARO_ENV === 'h5';
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'siyu',
    date: '2025-11-25',
    // NutUI React Taro is drawn at 375; using the same width for our own styles keeps one scale.
    designWidth: 375,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: isH5 ? 'dist/h5' : 'dist',
    plugins: [],
    alias: {
      '@': path.join(root, 'src'),
      '@core': path.join(root, 'core'),
    },
    defineConstants: {},
    // Build-time values the app reads through src/lib/env.ts. Defined even when unset: an undefined
    // TARO_APP_* would be left as `process.env.X` in the bundle, and there is no `process` at runtime.
    env: {
      TARO_APP_CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? ''),
      TARO_APP_CLOUD_BASE: JSON.stringify(process.env.TARO_APP_CLOUD_BASE ?? ''),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      // core/ (shared with the cloud functions) sits outside src/: compile it like app code.
      compile: { include: [path.join(root, 'core')] },
      // The weapp build empties dist/ first; the H5 app lives in dist/h5 and must survive it.
      output: { clean: { keep: /(^|[\\/])h5([\\/]|$)/ } },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      // Modules used only by subpackages (the HQ console) stay out of the 2 MB main package.
      optimizeMainPackage: { enable: true },
    },
    h5: {
      compile: { include: [path.join(root, 'core')] },
      publicPath: '/',
      staticDirectory: 'static',
      // Hash routing works behind any static server, including a plain file server with no SPA fallback.
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[chunkhash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
