/**
 * Hand mock of @tarojs/taro for jsdom component tests: navigation and cloud calls are jest.fn()s a
 * test can inspect or stub; storage is an in-memory map; hooks run the way a page would see them.
 */
import { useEffect } from 'react';

const storage = new Map<string, unknown>();
let routerParams: Record<string, string> = {};
/** The page's latest share handlers, as WeChat would call them from the share sheet or the menu. */
let shareAppMessage: (() => unknown) | null = null;
let shareTimeline: (() => unknown) | null = null;
let hideCallbacks: (() => void)[] = [];

type IntersectionCallback = (res: { intersectionRatio: number }) => void;
/** Every observed selector and its callback, so a test can scroll a node into view. */
let observed: { selector: string; callback: IntersectionCallback; live: boolean }[] = [];

function createIntersectionObserver(_component: unknown, _options?: unknown) {
  const mine: (typeof observed)[number][] = [];
  interface MockObserver {
    relativeToViewport: () => MockObserver;
    relativeTo: () => MockObserver;
    observe: (selector: string, callback: IntersectionCallback) => void;
    disconnect: () => void;
  }
  const observer: MockObserver = {
    relativeToViewport: jest.fn(() => observer),
    relativeTo: jest.fn(() => observer),
    observe: jest.fn((selector: string, callback: IntersectionCallback) => {
      const entry = { selector, callback, live: true };
      mine.push(entry);
      observed.push(entry);
    }),
    disconnect: jest.fn(() => mine.forEach((e) => (e.live = false))),
  };
  return observer;
}

export const ENV_TYPE = { WEAPP: 'WEAPP', WEB: 'WEB' } as const;

const Taro = {
  ENV_TYPE,
  getEnv: jest.fn(() => ENV_TYPE.WEB),
  cloud: {
    init: jest.fn(),
    callFunction: jest.fn((_options: { name: string; data: unknown }): Promise<{ result: unknown }> =>
      Promise.reject(new Error('Taro.cloud.callFunction is not stubbed in this test')),
    ),
  },
  reLaunch: jest.fn((_options: { url: string }) => Promise.resolve({ errMsg: 'reLaunch:ok' })),
  redirectTo: jest.fn((_options: { url: string }) => Promise.resolve({ errMsg: 'redirectTo:ok' })),
  navigateTo: jest.fn((_options: { url: string }) => Promise.resolve({ errMsg: 'navigateTo:ok' })),
  navigateBack: jest.fn(() => Promise.resolve({ errMsg: 'navigateBack:ok' })),
  showToast: jest.fn((_options: { title: string }) => Promise.resolve({ errMsg: 'showToast:ok' })),
  showModal: jest.fn((_options: unknown) => Promise.resolve({ confirm: true, cancel: false })),
  stopPullDownRefresh: jest.fn(),
  setNavigationBarTitle: jest.fn(),
  // Location: refused unless a test says otherwise (a visitor who keeps their position to themselves).
  getLocation: jest.fn((_options: unknown): Promise<{ latitude: number; longitude: number }> =>
    Promise.reject(new Error('getLocation:fail auth deny')),
  ),
  chooseLocation: jest.fn(
    (_options: unknown): Promise<{ latitude: number; longitude: number; address: string; name: string }> =>
      Promise.reject(new Error('chooseLocation:fail cancel')),
  ),
  getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: jest.fn((key: string, value: unknown) => void storage.set(key, value)),
  removeStorageSync: jest.fn((key: string) => void storage.delete(key)),
  getLaunchOptionsSync: jest.fn(() => ({ path: 'pages/index/index', query: {}, scene: 1001 })),
  getWindowInfo: jest.fn(() => ({
    windowWidth: 375,
    windowHeight: 667,
    pixelRatio: 2,
    screenWidth: 375,
    screenHeight: 667,
  })),
  getSystemInfoSync: jest.fn(() => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2, platform: 'devtools' })),
  getDeviceInfo: jest.fn(() => ({ platform: 'devtools' })),
  getAppBaseInfo: jest.fn(() => ({ SDKVersion: '3.4.0' })),
  pxTransform: jest.fn((value: number) => `${value}px`),
  createSelectorQuery: jest.fn(() => ({
    select: () => ({ boundingClientRect: () => ({ exec: () => undefined }) }),
    selectAll: () => ({ boundingClientRect: () => ({ exec: () => undefined }) }),
  })),
  getCurrentInstance: jest.fn(() => ({ router: { params: routerParams }, page: {} })),
  createIntersectionObserver: jest.fn(createIntersectionObserver),
  showShareMenu: jest.fn((_options: unknown) => Promise.resolve({ errMsg: 'showShareMenu:ok' })),
  previewImage: jest.fn((_options: unknown) => Promise.resolve({ errMsg: 'previewImage:ok' })),
  getEnterOptionsSync: jest.fn(() => ({ path: 'pages/index/index', query: {}, scene: 1007 })),
  nextTick: (fn: () => void) => void Promise.resolve().then(fn),
};

export default Taro;
/** The same object, typed as the mock it is (tests read calls from it). */
export { Taro as taroMock };

export const getEnv = Taro.getEnv;
export const getCurrentInstance = Taro.getCurrentInstance;
export const createSelectorQuery = Taro.createSelectorQuery;
export const pxTransform = Taro.pxTransform;
export const nextTick = Taro.nextTick;

/** Lifecycle hooks fire once after mount, as a page's first show does. */
export function useLaunch(callback: (options: { query: Record<string, string> }) => void): void {
  useEffect(() => callback({ query: routerParams }), []);
}
export function useLoad(callback: (params: Record<string, string>) => void): void {
  useEffect(() => callback(routerParams), []);
}
export function useDidShow(callback: () => void): void {
  useEffect(() => callback(), []);
}
export function useDidHide(callback: () => void): void {
  hideCallbacks.push(callback);
}
export function useReady(callback: () => void): void {
  useEffect(() => callback(), []);
}
export function usePullDownRefresh(_callback: () => void): void {}
export function useShareAppMessage(callback: () => unknown): void {
  shareAppMessage = callback;
}
export function useShareTimeline(callback: () => unknown): void {
  shareTimeline = callback;
}
export function useRouter(): { params: Record<string, string>; path: string } {
  return { params: routerParams, path: '/pages/index/index' };
}

/** Test helpers (not part of Taro): reset state between tests and set the current page's query. */
export function __resetTaroMock(): void {
  storage.clear();
  routerParams = {};
  shareAppMessage = null;
  shareTimeline = null;
  hideCallbacks = [];
  observed = [];
  jest.clearAllMocks();
}
/** What the page would hand WeChat for a chat card, and for a Moments entry, at this moment. */
export function __shareCard(): unknown {
  return shareAppMessage?.();
}
export function __shareTimeline(): unknown {
  return shareTimeline?.();
}
/** The page goes to the background (the reader reports its time then). */
export function __hidePage(): void {
  hideCallbacks.forEach((cb) => cb());
}
/** The node matched by `selector` comes into view (ratio > 0) or leaves it, for live observers. */
export function __intersect(selector: string, ratio = 1): void {
  observed.filter((o) => o.live && o.selector === selector).forEach((o) => o.callback({ intersectionRatio: ratio }));
}
export function __setRouterParams(params: Record<string, string>): void {
  routerParams = params;
}
