/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.jpg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV?: 'development' | 'production' | 'test';
    /** The platform being built; replaced at build time, so branches on it are dropped from the other target. */
    TARO_ENV?: 'weapp' | 'h5';
    /** CloudBase environment id for Taro.cloud.init on weapp. */
    TARO_APP_CLOUD_ENV?: string;
    /** Origin of the local cloud for the H5 app when it is not served by it (dev server); '' = same origin. */
    TARO_APP_CLOUD_BASE?: string;
  }
}
