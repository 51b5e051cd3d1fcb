import Taro from '@tarojs/taro';

/**
 * H5: the browser has no WeChat subscribe dialog (Taro's H5 runtime does not support it), so a
 * confirm stands in for it; answers the ids accepted. The weapp build uses subscribe.weapp.ts.
 */
export async function askSubscribe(templateIds: string[], names: string[]): Promise<string[]> {
  const { confirm } = await Taro.showModal({
    title: '订阅消息',
    content: `允许发送「${names.join('、')}」？每次同意可收到一条。`,
    confirmText: '允许',
    cancelText: '拒绝',
  });
  return confirm ? templateIds : [];
}
