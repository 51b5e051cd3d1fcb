/**
 * The app's only reader of build-time constants. Taro replaces each `process.env.X` expression
 * literally at build time, so every read below must stay a plain member expression.
 */
export type Platform = 'weapp' | 'h5';

function readPlatform(): Platform {
  return process.env.TARO_ENV === 'h5' ? 'h5' : 'weapp';
}

export const env = {
  platform: readPlatform(),
  /** CloudBase environment id; undefined lets Taro.cloud.init pick the project's default env. */
  cloudEnv: process.env.TARO_APP_CLOUD_ENV || undefined,
  /** Origin of the local cloud for H5; '' means same origin (the local cloud serves the app). */
  cloudBase: (process.env.TARO_APP_CLOUD_BASE ?? '').replace(/\/+$/, ''),
} as const;
