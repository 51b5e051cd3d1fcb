import Taro from '@tarojs/taro';

/**
 * weapp: WeChat's one-time subscribe dialog for these template ids; answers the ids accepted.
 * It must run inside a tap, which is where the opt-in button calls it.
 */
export async function askSubscribe(templateIds: string[], _names: string[]): Promise<string[]> {
  // Taro's option type demands entityIds (another API's field); WeChat takes tmplIds alone.
  const option = { tmplIds: templateIds } as unknown as Taro.requestSubscribeMessage.Option;
  const res = (await Taro.requestSubscribeMessage(option)) as unknown as Record<string, string>;
  return templateIds.filter((id) => res[id] === 'accept');
}
